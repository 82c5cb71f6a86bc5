// Semantic rules: what upstream controllers do with structurally valid objects. Each rule: the
// chart's render passes, a single-defect copy fails with the rule id, the object, the path and the
// upstream reason.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { hostOf, isServiceDnsName } from '../../generator/src/validate/rules/semantics/addon-api-address.ts';
import { gpuTypeProblem } from '../../generator/src/validate/rules/semantics/autoscaler-gpu-type.ts';
import { chartsWithPreDeleteHooks, destructiveChart } from '../../generator/src/validate/rules/semantics/destructive-charts.ts';
import { PLATFORM_NAMESPACE, renderPlatform } from '../platform/support.ts';
import { type Obj, find, issues, tenant } from './support-upstream.ts';

const scenario = (name: string) => join(repoRoot, 'test', 'scenarios', name);
const GPU = [scenario('kubernetes/gpu-group.yaml')];

describe('mhc-max-unhealthy', () => {
  const RULE = ['mhc-max-unhealthy'];

  it('the chart renders pass (default group of 2, single node, autoscaled from zero)', async () => {
    for (const values of [{}, { nodeGroups: { workers: { replicas: 1 } } }, { nodeGroups: { workers: { autoscaling: { enabled: true, minSize: 0, maxSize: 5 } } } }]) {
      expect(issues(await tenant(values), RULE)).toEqual([]);
    }
  });

  it('40% of the default group of 2 rounds down to 0', async () => {
    const docs = await tenant();
    find(docs, 'MachineHealthCheck', 'tenant-a-workers').spec.remediation.triggerIf.unhealthyLessThanOrEqualTo = '40%';
    const found = issues(docs, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'mhc-max-unhealthy', object: 'MachineHealthCheck/tenant-a/tenant-a-workers', path: 'spec.remediation.triggerIf.unhealthyLessThanOrEqualTo' });
    expect(found[0]!.message).toBe(
      '"40%" of 2 expected machine(s) (MachineDeployment tenant-a-workers: 2 replicas) rounds down to 0 (Cluster API v1.14.0 machinehealthcheck_controller.go getMaxUnhealthy, roundUp=false): one unhealthy machine already exceeds it, so these machines are never remediated; use at least 50% or an absolute number ≥ 1',
    );
  });

  it('an autoscaled group counts with its min size (at least 1), an absolute 0 never remediates, a range is not judged', async () => {
    const docs = await tenant({ nodeGroups: { workers: { autoscaling: { enabled: true, minSize: 0, maxSize: 5 } } } });
    const mhc = find(docs, 'MachineHealthCheck', 'tenant-a-workers');
    mhc.spec.remediation.triggerIf.unhealthyLessThanOrEqualTo = '99%';
    expect(issues(docs, RULE)).toMatchObject([{ message: expect.stringContaining('of 1 expected machine(s) (MachineDeployment tenant-a-workers: autoscaler min size 0)') }]);
    mhc.spec.remediation.triggerIf.unhealthyLessThanOrEqualTo = 0;
    expect(issues(docs, RULE)).toHaveLength(1);
    mhc.spec.remediation.triggerIf.unhealthyInRange = '[0-1]';
    expect(issues(docs, RULE)).toEqual([]);
  });

  it('reads v1beta1 maxUnhealthy the same way', () => {
    const docs = parseManifests(`
apiVersion: cluster.x-k8s.io/v1beta1
kind: MachineDeployment
metadata: {name: md, namespace: ns}
spec: {clusterName: c, replicas: 3, selector: {matchLabels: {g: a}}, template: {metadata: {labels: {g: a}}, spec: {clusterName: c}}}
---
apiVersion: cluster.x-k8s.io/v1beta1
kind: MachineHealthCheck
metadata: {name: mhc, namespace: ns}
spec: {clusterName: c, selector: {matchLabels: {g: a}}, maxUnhealthy: "30%"}
`);
    expect(issues(docs, RULE, 'ns')).toMatchObject([{ path: 'spec.maxUnhealthy', message: expect.stringContaining('"30%" of 3 expected machine(s)') }]);
  });
});

describe('autoscaler-gpu-type', () => {
  const RULE = ['autoscaler-gpu-type'];

  it('the gpu-group scenario passes (nvidia.com/gpu)', async () => {
    const docs = await tenant({}, GPU);
    expect(find(docs, 'MachineDeployment', 'tenant-a-gpu').metadata.annotations!['capacity.cluster-autoscaler.kubernetes.io/gpu-type']).toBe('nvidia.com/gpu');
    expect(issues(docs, RULE)).toEqual([]);
  });

  it('the KubeVirt deviceName of the group is not a tenant node resource', async () => {
    const docs = await tenant({}, GPU);
    find(docs, 'MachineDeployment', 'tenant-a-gpu').metadata.annotations!['capacity.cluster-autoscaler.kubernetes.io/gpu-type'] = 'nvidia.com/GA102GL_A10';
    const found = issues(docs, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ object: 'MachineDeployment/tenant-a/tenant-a-gpu', path: 'metadata.annotations["capacity.cluster-autoscaler.kubernetes.io/gpu-type"]' });
    expect(found[0]!.message).toContain("(it is the deviceName the group's VMs request from KubeVirt on the management cluster)");
    expect(found[0]!.message).toContain('"GA102GL_A10" is an upper-case model name');
  });

  it('decides by the device plugin naming rule', () => {
    for (const ok of ['nvidia.com/gpu', 'nvidia.com/mig-1g.5gb', 'amd.com/gpu', 'gpu.intel.com/i915']) expect(gpuTypeProblem(ok), ok).toBeUndefined();
    expect(gpuTypeProblem('gpu')).toContain('no vendor domain');
    expect(gpuTypeProblem('NVIDIA.com/gpu')).toContain('not a lower-case DNS domain');
    expect(gpuTypeProblem('kubernetes.io/gpu')).toContain('reserved');
    expect(gpuTypeProblem('nvidia.com/Tesla-T4')).toContain('upper-case model name');
  });
});

describe('helmrelease-install-remediation', () => {
  const RULE = ['helmrelease-install-remediation'];
  const fleet = () => renderPlatform({ major: 4, valuesFiles: [scenario('management-platform/fleet.yaml')] });

  it("finds this repository's charts with pre-delete hooks by scanning charts/", () => {
    const hooked = chartsWithPreDeleteHooks();
    expect([...hooked.keys()]).toEqual(['kubernetes']);
    expect(hooked.get('kubernetes')!.source).toBe('charts/kubernetes/templates/_helpers-mgmt.tpl (helm.sh/hook: pre-delete)');
    expect(destructiveChart('kamaji-crds')!.source).toContain('clastix/kamaji');
    expect(destructiveChart('cert-manager')).toBeUndefined();
  });

  it('the fleet passes: tenants and stages retry, components that uninstall are not destructive', async () => {
    expect(issues(await fleet(), RULE, PLATFORM_NAMESPACE)).toEqual([]);
  });

  it('a tenant release that remediates by uninstalling fails', async () => {
    const docs = await fleet();
    find(docs, 'HelmRelease', 'tenant-a').spec.install = { remediation: { retries: -1 } };
    const found = issues(docs, RULE, PLATFORM_NAMESPACE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ object: 'HelmRelease/tenant-a/tenant-a', path: 'spec.install.remediation.retries' });
    expect(found[0]!.message).toContain('a failed install of chart kubernetes is remediated by uninstalling (install.remediation.retries: -1');
    expect(found[0]!.message).toContain('its pre-delete hook runs on every uninstall (charts/kubernetes/templates/_helpers-mgmt.tpl');
    // no retries left: helm-controller stalls instead of uninstalling, unless told to remediate the last failure
    find(docs, 'HelmRelease', 'tenant-a').spec.install = { remediation: { retries: 0 } };
    expect(issues(docs, RULE, PLATFORM_NAMESPACE)).toEqual([]);
    find(docs, 'HelmRelease', 'tenant-a').spec.install = { remediation: { remediateLastFailure: true } };
    expect(issues(docs, RULE, PLATFORM_NAMESPACE)).toMatchObject([{ path: 'spec.install.remediation.remediateLastFailure' }]);
  });

  it('a stage release without its RetryOnFailure strategy fails by chart name', async () => {
    const docs = await fleet();
    find(docs, 'HelmRelease', 'platform-capi-providers').spec.install = { remediation: { retries: 3 } };
    expect(issues(docs, RULE, PLATFORM_NAMESPACE)).toMatchObject([{ object: `HelmRelease/${PLATFORM_NAMESPACE}/platform-capi-providers`, message: expect.stringContaining('management-platform-stages') }]);
  });

  it('resolves a chart named by an OCIRepository chartRef', () => {
    const docs = parseManifests(`
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: {name: tenant-chart, namespace: ns}
spec: {url: oci://registry.example/matryoshka/kubernetes, interval: 1h}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: t, namespace: ns}
spec: {interval: 10m, chartRef: {kind: OCIRepository, name: tenant-chart}, install: {remediation: {retries: 2}}}
`);
    expect(issues(docs, RULE, 'ns')).toMatchObject([{ object: 'HelmRelease/ns/t', message: expect.stringContaining('chart kubernetes') }]);
  });
});

describe('csi-resizer-expansion', () => {
  const RULE = ['csi-resizer-expansion'];

  it('the default render has no resizer; expansion with a newer driver build passes', async () => {
    expect(issues(await tenant(), RULE)).toEqual([]);
    expect(issues(await tenant({ csiController: { volumeExpansion: true }, images: { csiDriver: { tag: '20250601000000' } } }), RULE)).toEqual([]);
  });

  it('a resizer beside the pinned driver build (before df0692d8) fails', async () => {
    // the chart itself refuses this combination; hand-written manifests can still have it
    const docs = await tenant({ csiController: { volumeExpansion: true }, images: { csiDriver: { tag: '20250601000000' } } });
    for (const d of docs) {
      for (const c of ((d.object as Obj).spec?.template?.spec?.containers ?? []) as Obj[]) if (c.name === 'csi-driver') c.image = 'quay.io/kubevirt/csi-driver:20240920145955';
    }
    const found = issues(docs, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ object: 'Deployment/tenant-a/tenant-a-csi-controller', path: 'spec.template.spec.containers[3]' });
    expect(found[0]!.message).toContain('csi-resizer runs beside kubevirt/csi-driver:20240920145955, a build from before volume expansion (kubevirt/csi-driver df0692d8');
    expect(found[0]!.message).toContain('"CSI driver neither supports controller resize nor node resize"');
  });
});

describe('addon-api-address', () => {
  const RULE = ['addon-api-address'];

  it('the default CNI release passes (k8sServiceHost: auto)', async () => {
    const docs = await tenant();
    expect(find(docs, 'HelmRelease', 'tenant-a-cni').spec.values.k8sServiceHost).toBe('auto');
    expect(issues(docs, RULE)).toEqual([]);
  });

  it('a management-cluster Service name for Cilium fails', async () => {
    const docs = await tenant();
    find(docs, 'HelmRelease', 'tenant-a-cni').spec.values.k8sServiceHost = 'tenant-a.tenant-a.svc';
    const found = issues(docs, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ object: 'HelmRelease/tenant-a/tenant-a-cni', path: 'spec.values.k8sServiceHost' });
    expect(found[0]!.message).toContain('"tenant-a.tenant-a.svc" is a management-cluster Service DNS name');
    expect(found[0]!.message).toContain('cilium/cilium install/kubernetes/cilium/values.yaml');
  });

  it('judges only releases into another cluster, and every known value', async () => {
    const docs = await tenant();
    const hr = find(docs, 'HelmRelease', 'tenant-a-cni');
    hr.spec.values = { kubernetesServiceEndpoint: { host: 'api.tenant-a.svc.cluster.local', port: '6443' }, kubeAPIServerOverride: 'https://tenant-a.tenant-a.svc:6443' };
    expect(issues(docs, RULE).map((e) => e.path)).toEqual(['spec.values.kubernetesServiceEndpoint.host', 'spec.values.kubeAPIServerOverride']);
    delete hr.spec.kubeConfig;
    expect(issues(docs, RULE)).toEqual([]);
  });

  it('recognises Service names in every address form', () => {
    expect(['a.b.svc', 'a.b.svc.cluster.local', 'https://a.b.svc:6443/', 'a.b.svc.cluster.local.'].map((a) => isServiceDnsName(hostOf(a)))).toEqual([true, true, true, true]);
    expect(['auto', '10.0.0.1', 'api.example.com', 'svc.example.com', '[fd00::1]:6443'].map((a) => isServiceDnsName(hostOf(a)))).toEqual([false, false, false, false, false]);
  });
});

