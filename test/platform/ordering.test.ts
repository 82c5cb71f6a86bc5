// Flux dependsOn chains: each component waits for what it needs, CRDs come before the objects
// that need them, and turning a component off removes the dependency instead of dangling it.
import { describe, expect, it } from 'vitest';
import { HELM_MAJORS } from '../support/render.ts';
import { named, ofKind, renderPlatform } from './support.ts';

type Obj = Record<string, any>;
const deps = (hr: Obj | undefined) => ((hr?.spec.dependsOn ?? []) as { name: string }[]).map((d) => d.name);

describe.each(HELM_MAJORS)('management-platform ordering under Helm %i', (major) => {
  it('chains cert-manager → cluster-api-operator → providers and Kamaji + etcd → DataStore', async () => {
    const docs = await renderPlatform({ major });
    const hr = (n: string) => named(docs, 'HelmRelease', `platform-${n}`);
    expect(deps(hr('cert-manager'))).toEqual([]);
    expect(deps(hr('cluster-api-operator'))).toEqual(['platform-cert-manager']);
    expect(deps(hr('kamaji'))).toEqual(['platform-cert-manager']);
    // the Kamaji control-plane provider watches TenantControlPlanes only if that API exists when it starts
    expect(deps(hr('capi-providers'))).toEqual(['platform-cluster-api-operator', 'platform-kamaji']);
    expect(deps(hr('kamaji-datastore'))).toEqual(['platform-kamaji', 'platform-kamaji-etcd']);
  });

  it('lets the charts that bring CRDs create and replace them, and bounds every wait', async () => {
    const docs = await renderPlatform({ major });
    for (const n of ['cert-manager', 'cluster-api-operator', 'kamaji']) {
      const spec = named(docs, 'HelmRelease', `platform-${n}`)!.spec;
      expect(spec.install.crds).toBe('CreateReplace');
      expect(spec.upgrade.crds).toBe('CreateReplace');
    }
    for (const hr of ofKind(docs, 'HelmRelease')) expect(hr.spec.timeout, hr.metadata.name).toMatch(/^\d+m$/);
    // providers download their components and start controllers: the longest wait
    expect(named(docs, 'HelmRelease', 'platform-capi-providers')!.spec.timeout).toBe('20m');
  });

  it('keeps retrying stages and tenants, never remediating them by uninstall or rollback', async () => {
    // helm-controller remediates a failed install by uninstalling: for a tenant that runs its pre-delete teardown
    // (Cluster and VMs deleted), for the kubevirt-config stage it deletes the KubeVirt object and every VM
    // for an operator it would delete the operator, or roll it back to one that tries to downgrade KubeVirt
    const docs = await renderPlatform({ major, values: { tenants: { a: {} } } });
    const names = ['capi-providers', 'kamaji-datastore', 'kubevirt-config', 'kubevirt-operator', 'cdi-operator'].map((n) => `platform-${n}`).concat('a');
    for (const n of names) {
      const spec = named(docs, 'HelmRelease', n)!.spec;
      for (const phase of [spec.install, spec.upgrade]) {
        expect(phase.strategy, n).toEqual({ name: 'RetryOnFailure', retryInterval: '2m' });
        expect(phase.remediation, n).toBeUndefined();
      }
    }
  });

  it('installs the KubeVirt and CDI operators first, then their objects, then instancetypes, and tenants after the objects', async () => {
    const docs = await renderPlatform({ major, values: { kubevirt: { instancetypes: { enabled: true } }, tenants: { a: {} } } });
    const hr = (n: string) => named(docs, 'HelmRelease', n);
    expect(deps(hr('platform-kubevirt-operator'))).toEqual([]);
    expect(deps(hr('platform-cdi-operator'))).toEqual([]);
    expect(deps(hr('platform-kubevirt-config'))).toEqual(['platform-kubevirt-operator', 'platform-cdi-operator']);
    expect(deps(hr('platform-kubevirt-instancetypes'))).toEqual(['platform-kubevirt-config']);
    expect(deps(hr('a'))).toContain('platform-kubevirt-config');
    for (const n of ['kubevirt-operator', 'cdi-operator']) {
      const spec = hr(`platform-${n}`)!.spec;
      // the operator charts come from the project's chart source, at this chart's version, into their own namespace
      expect(spec.chart.spec).toEqual({ chart: n, version: '0.1.0', sourceRef: { kind: 'HelmRepository', name: 'matryoshka', namespace: 'matryoshka-system' } });
      expect(spec.install.createNamespace).toBe(true);
    }
    expect(hr('platform-kubevirt-operator')!.spec.targetNamespace).toBe('kubevirt');
    expect(hr('platform-cdi-operator')!.spec.targetNamespace).toBe('cdi');
  });

  it('drops dependencies on components that are turned off (already installed elsewhere)', async () => {
    const docs = await renderPlatform({
      major,
      values: { components: { 'cert-manager': { enabled: false }, 'cluster-api-operator': { enabled: false }, kamaji: { enabled: false } } },
    });
    expect(named(docs, 'HelmRelease', 'platform-cert-manager')).toBeUndefined();
    expect(deps(named(docs, 'HelmRelease', 'platform-capi-providers'))).toEqual([]);
    expect(deps(named(docs, 'HelmRelease', 'platform-kamaji-datastore'))).toEqual(['platform-kamaji-etcd']);
  });

  it('renders no stage when its objects are all turned off', async () => {
    const off = { enabled: false };
    const docs = await renderPlatform({ major, values: { providers: { core: off, bootstrap: off, controlPlane: off, infrastructure: off }, datastore: off, kubevirt: { mode: 'external' } } });
    expect(ofKind(docs, 'HelmRelease').filter((h) => h.spec.chart.spec.chart === 'management-platform-stages')).toEqual([]);
  });
});
