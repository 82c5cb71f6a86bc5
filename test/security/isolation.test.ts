// Tenant isolation on the management cluster: the NetworkPolicies select the pods the real components
// create (labels as KubeVirt v1.8 and Kamaji set them), the ResourceQuota is exactly the tenant's own
// maximum (recomputed here from the values with KubeVirt's VM pod formula), the LimitRange and the
// disruption budgets are in place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { parseQuantity } from '../../generator/src/manifest/footprint.ts';
import { coalesceValues } from '../../generator/src/schema/coalesce.ts';
import { vmPodRequests } from '../../generator/src/manifest/kubevirt-requests.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS, objectsOfKind, renderChart } from '../support/render.ts';
import { expectValid } from '../support/validate.ts';

type Obj = Record<string, any>;
const EXTERNAL = { external: ['HelmRepository/matryoshka-system/*'] };
const scenario = (name: string) => parse(readFileSync(join(repoRoot, 'test', 'scenarios', 'kubernetes', name), 'utf8')) as Obj;
const named = (docs: ManifestDoc[], kind: string, name: string): Obj => {
  const o = objectsOfKind(docs, kind).find((x) => x.metadata.name === name);
  if (!o) throw new Error(`${kind}/${name} is not in the render`);
  return o as Obj;
};
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

// --- the quota, computed independently of the chart's Go templates from its values, with the TS model of
// KubeVirt's VM pod requests (generator/src/manifest/kubevirt-requests.ts) ---
const quantity = parseQuantity;
const Mi = 2 ** 20;
const requests = (r: Obj | undefined, name: 'cpu' | 'memory') => (r?.requests?.[name] !== undefined ? quantity(r.requests[name]) : 0);

function expectedQuota(values: Obj) {
  // values over the chart's values.yaml as Helm coalesces them; a group over nodeGroupDefaults likewise
  const merge = (defaults: Obj, over: Obj) => coalesceValues(over, defaults) as Obj;
  const defaults = parse(readFileSync(join(repoRoot, 'charts', 'kubernetes', 'values.yaml'), 'utf8')) as Obj;
  const v = merge(defaults, values);
  const groups = Object.entries(v.nodeGroups as Obj)
    .filter(([, g]) => g !== null)
    .map(([, g]) => merge(v.nodeGroupDefaults ?? {}, g as Obj))
    .filter((g) => g.enabled !== false);
  let cpu = 0;
  let memory = 0;
  let storage = 0;
  let vms = 0;
  let exact = true;
  for (const g of groups) {
    let n = g.autoscaling?.enabled ? g.autoscaling.maxSize : g.replicas;
    if ((g.rollout?.strategy ?? 'RollingUpdate') === 'RollingUpdate') n += g.rollout?.maxSurge ?? 1;
    vms += n;
    if (g.instancetype?.name) exact = false;
    else {
      const vm = vmPodRequests({
        vcpus: g.cpu,
        guestMemoryBytes: quantity(g.memory),
        cpuRequestCores: g.cpu * quantity(g.cpuRequestPerCore || v.isolation.resourceQuota.vmCPURequest),
        passthrough: (g.gpus?.length ?? 0) + (g.hostDevices?.length ?? 0) > 0,
      });
      memory += n * vm.memoryBytes;
      cpu += n * vm.cpuCores;
    }
    const root = g.rootDisk?.source === 'dataVolume' ? quantity(g.rootDisk.size) : 0;
    // CDI's 6% filesystem overhead on DataVolumes (CDI v1.64.0 DefaultGlobalOverhead)
    storage += n * (root + (g.dataDisks ?? []).reduce((s: number, d: Obj) => s + quantity(d.size), 0)) * 1.06;
  }
  const cp = v.controlPlane;
  const cpResources = [cp.apiServer.resources, cp.controllerManager.resources, cp.scheduler.resources, ...(cp.addons.konnectivity.enabled ? [cp.addons.konnectivity.serverResources] : [])];
  // Kamaji rolls the control plane blue/green (maxSurge 100%): twice the replicas during a rollout
  for (const r of cpResources) (cpu += 2 * cp.replicas * requests(r, 'cpu'), (memory += 2 * cp.replicas * requests(r, 'memory')));
  const helpers: Obj[] = [];
  if (v.cloudControllerManager.enabled) for (let i = 0; i < v.cloudControllerManager.replicas; i++) helpers.push(v.cloudControllerManager.resources);
  if (v.csiController.enabled) helpers.push(v.csiController.resources, ...Array(v.csiController.volumeExpansion ? 4 : 3).fill(v.csiController.sidecarResources));
  if (v.clusterAutoscaler.enabled && groups.some((g) => g.autoscaling?.enabled)) helpers.push(v.clusterAutoscaler.resources);
  helpers.push({ requests: v.isolation.resourceQuota.headroom });
  for (const r of helpers) (cpu += requests(r, 'cpu'), (memory += requests(r, 'memory')));
  storage += quantity(v.isolation.resourceQuota.tenantStorage);
  const hard: Obj = {
    'requests.storage': `${Math.ceil(storage / Mi)}Mi`,
    'count/virtualmachines.kubevirt.io': String(vms),
    'count/virtualmachineinstances.kubevirt.io': String(vms),
  };
  if (exact) Object.assign(hard, { 'requests.cpu': `${Math.round(cpu * 1000)}m`, 'requests.memory': `${Math.ceil(memory / Mi - 1e-9)}Mi` });
  return hard;
}

describe.each(HELM_MAJORS)('tenant isolation under Helm %i', (major) => {
  it('renders the NetworkPolicies, ResourceQuota, LimitRange and control-plane PodDisruptionBudget by default, all valid', async () => {
    const docs = await renderChart('kubernetes', { major });
    expectValid(docs, EXTERNAL);
    expect(objectsOfKind(docs, 'NetworkPolicy').map((o) => o.metadata.name).sort()).toEqual(['tenant-a-namespace', 'tenant-a-vms']);
    expect(objectsOfKind(docs, 'ResourceQuota')).toHaveLength(1);
    // requests only: a default memory limit would land on KubeVirt's compute container (no limit of its own) below its request
    expect(named(docs, 'LimitRange', 'tenant-a-defaults').spec.limits).toEqual([{ type: 'Container', defaultRequest: { cpu: '50m', memory: '64Mi' } }]);
    const kcp = objectsOfKind(docs, 'KamajiControlPlane')[0] as Obj;
    const pdb = named(docs, 'PodDisruptionBudget', 'tenant-a-control-plane');
    expect(pdb.spec.maxUnavailable).toBe(1);
    // Kamaji labels the control-plane pods kamaji.clastix.io/name=<TenantControlPlane>, named after the KamajiControlPlane
    expect(matches(pdb.spec.selector.matchLabels, { 'kamaji.clastix.io/name': kcp.metadata.name, 'kamaji.clastix.io/component': 'deployment' })).toBe(true);
  });

  it('selects the virt-launcher pods of this tenant only, and lets them reach their control plane, DNS and the outside world', async () => {
    const docs = await renderChart('kubernetes', { major, values: { nodeGroups: { gpu: { replicas: 1 } } } });
    const policy = named(docs, 'NetworkPolicy', 'tenant-a-vms');
    const selector = policy.spec.podSelector.matchLabels;
    // KubeVirt copies the VM template labels onto the virt-launcher pod and adds kubevirt.io=virt-launcher
    for (const kmt of objectsOfKind(docs, 'KubevirtMachineTemplate') as Obj[]) {
      const podLabels = { ...kmt.spec.template.spec.virtualMachineTemplate.spec.template.metadata.labels, 'kubevirt.io': 'virt-launcher' };
      expect(matches(selector, podLabels), kmt.metadata.name).toBe(true);
    }
    // another tenant's VMs and a hot-plug pod are not selected
    expect(matches(selector, { 'kubevirt.io': 'virt-launcher', 'cluster.x-k8s.io/cluster-name': 'tenant-b' })).toBe(false);
    expect(matches(selector, { 'kubevirt.io': 'hotplug-disk', 'cluster.x-k8s.io/cluster-name': 'tenant-a' })).toBe(false);
    const egress = policy.spec.egress as Obj[];
    const kcp = objectsOfKind(docs, 'KamajiControlPlane')[0] as Obj;
    const toControlPlane = egress.find((e) => e.to[0].podSelector?.matchLabels?.['kamaji.clastix.io/name'])!;
    expect(toControlPlane.to[0].podSelector.matchLabels).toEqual({ 'kamaji.clastix.io/name': kcp.metadata.name });
    expect(toControlPlane.ports).toEqual([{ protocol: 'TCP', port: 6443 }, { protocol: 'TCP', port: 8132 }]);
    const dns = egress.find((e) => e.to[0].namespaceSelector)!;
    expect(dns.to[0]).toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } });
    const world = egress.find((e) => e.to[0].ipBlock)!;
    expect(world.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16'] } },
      { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] } },
    ]);
    // the management pod network (other tenants) cannot open connections to the VMs
    const ingress = policy.spec.ingress[0].from as Obj[];
    expect(ingress).toContainEqual({ ipBlock: { cidr: '0.0.0.0/0', except: ['10.244.0.0/16'] } });
  });

  it('lets only the platform namespaces into the tenant namespace, and opens the API port when the API is exposed', async () => {
    const docs = await renderChart('kubernetes', { major, values: { isolation: { networkPolicy: { platformNamespaces: ['flux-system'], allowedCIDRs: ['10.20.30.0/24'] } } } });
    const ns = named(docs, 'NetworkPolicy', 'tenant-a-namespace');
    expect(ns.spec.podSelector).toEqual({});
    expect(ns.spec.ingress).toEqual([{ from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'flux-system' } } }] }]);
    expect(named(docs, 'NetworkPolicy', 'tenant-a-vms').spec.egress.at(-1).to).toContainEqual({ ipBlock: { cidr: '10.20.30.0/24' } });
    expect(objectsOfKind(docs, 'NetworkPolicy').map((o) => o.metadata.name)).not.toContain('tenant-a-api');
    const exposed = await renderChart('kubernetes', { major, values: { controlPlane: { network: { serviceType: 'LoadBalancer' } } } });
    const api = named(exposed, 'NetworkPolicy', 'tenant-a-api');
    expect(api.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 6443 }, { protocol: 'TCP', port: 8132 }] }]);
  });

  it.each(['defaults', 'many-node-groups.yaml', 'gpu-group.yaml', 'scale-from-zero.yaml', 'ha-control-plane.yaml'])(
    'limits the namespace to exactly the tenant maximum (%s)',
    async (name) => {
      const values = name === 'defaults' ? {} : scenario(name);
      const docs = await renderChart('kubernetes', { major, values });
      expect(named(docs, 'ResourceQuota', 'tenant-a-quota').spec.hard).toEqual(expectedQuota(values));
    },
  );

  it('counts the CPU a group states per core instead of KubeVirt\'s allocation ratio', async () => {
    const values = { nodeGroups: { workers: { cpu: 4, cpuRequestPerCore: '500m' } } };
    const docs = await renderChart('kubernetes', { major, values });
    expect(named(docs, 'ResourceQuota', 'tenant-a-quota').spec.hard).toEqual(expectedQuota(values));
    const kmt = objectsOfKind(docs, 'KubevirtMachineTemplate')[0] as Obj;
    expect(kmt.spec.template.spec.virtualMachineTemplate.spec.template.spec.domain.resources).toEqual({ requests: { cpu: '2000m' } });
  });

  it('does not limit CPU and memory when a group takes its size from an instancetype the chart cannot see', async () => {
    const values = { nodeGroups: { workers: { instancetype: { name: 'u1.large' } } } };
    const docs = await renderChart('kubernetes', { major, values });
    const hard = named(docs, 'ResourceQuota', 'tenant-a-quota').spec.hard;
    expect(hard['requests.cpu']).toBeUndefined();
    expect(hard['count/virtualmachines.kubevirt.io']).toBe('3');
  });

  it('turns each part off', async () => {
    const docs = await renderChart('kubernetes', {
      major,
      values: { isolation: { networkPolicy: { enabled: false }, resourceQuota: { enabled: false }, limitRange: { enabled: false }, podDisruptionBudgets: false } },
    });
    for (const kind of ['NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodDisruptionBudget']) expect(objectsOfKind(docs, kind), kind).toEqual([]);
  });
});
