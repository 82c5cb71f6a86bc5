// The platform declares the management cluster's networks once and hands them to every tenant of
// its fleet, so each tenant's networks are checked against them and its NetworkPolicies use them.
import { describe, expect, it } from 'vitest';
import { HELM_MAJORS } from '../../generator/src/helm/binary.ts';
import { named, renderPlatform, renderPlatformError } from './support.ts';

describe.each(HELM_MAJORS)('management cluster facts under Helm %i', (major) => {
  it('hands managementCluster to every tenant, a tenant setting of its own winning', async () => {
    const docs = await renderPlatform({
      major,
      values: {
        managementCluster: { podCIDRs: ['10.42.0.0/16'], serviceCIDRs: ['10.43.0.0/16'] },
        tenants: { a: {}, b: { values: { managementCluster: { podCIDRs: ['10.50.0.0/16'] } } } },
      },
    });
    expect(named(docs, 'HelmRelease', 'a')!.spec.values.managementCluster).toMatchObject({ podCIDRs: ['10.42.0.0/16'], serviceCIDRs: ['10.43.0.0/16'] });
    expect(named(docs, 'HelmRelease', 'b')!.spec.values.managementCluster).toMatchObject({ podCIDRs: ['10.50.0.0/16'], serviceCIDRs: ['10.43.0.0/16'] });
  });

  it('rejects a malformed range at the platform', async () => {
    expect(await renderPlatformError({ major, values: { managementCluster: { podCIDRs: ['10.42.0.0'] } } })).toContain('managementCluster');
  });
});

describe.each(HELM_MAJORS)('KubeVirt operator namespaces under Helm %i', (major) => {
  it('creates them with the privileged Pod Security label upstream gives them (virt-handler is privileged)', async () => {
    const docs = await renderPlatform({ major });
    for (const ns of ['kubevirt', 'cdi']) {
      expect(named(docs, 'Namespace', ns)!.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('privileged');
    }
  });
});
