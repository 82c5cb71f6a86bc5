// Fuzz profile of charts/kubernetes: the cross-field rules only its templates enforce (JSON Schema cannot
// state them: they compare values, span nodeGroupDefaults and an entry, or need the release name), stated
// once more as repairs (to sample valid values) and as mutations (to sample invalid ones). Rules in the
// values schema are not restated: validSample keeps only samples the schema accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { schemasDir } from '../../../generator/src/paths.ts';
import type { Mutation } from '../../support/fuzz/mutate.ts';
import type { ChartProfile } from '../../support/fuzz/property.ts';
import type { Rng } from '../../support/fuzz/rng.ts';

type V = Record<string, unknown>;
const obj = (v: unknown): V => (v && typeof v === 'object' && !Array.isArray(v) ? (v as V) : {});
const ensure = (parent: V, key: string): V => {
  if (!parent[key] || typeof parent[key] !== 'object' || Array.isArray(parent[key])) parent[key] = {};
  return parent[key] as V;
};

const versionsFile = parse(readFileSync(join(schemasDir, 'kubernetes', 'kubernetes-versions.yaml'), 'utf8')) as { 'x-patches': Record<string, string>; 'x-nodeImageTags': string[] };
const SUPPORTED = Object.entries(versionsFile['x-patches']).flatMap(([minor, patch]) => [minor, patch]);
const WITH_IMAGE = SUPPORTED.filter((v) => versionsFile['x-nodeImageTags'].includes(versionsFile['x-patches'][v] ?? v));
const MANAGED_KUBELET_ARGS = ['node-labels', 'register-with-taints', 'max-pods', 'kube-reserved', 'system-reserved', 'cloud-provider'];
const CATALOG_AND_SOURCE_NAMES = (() => {
  const catalog = parse(readFileSync(join(schemasDir, 'kubernetes', 'addons.catalog.yaml'), 'utf8')) as V;
  return new Set([...Object.keys(obj(catalog.entries)), ...Object.keys(obj(catalog.sources))]);
})();

function repairGroup(raw: V, defaults: V) {
  const eff = (k: string) => (raw[k] !== undefined ? raw[k] : defaults[k]);
  const as = { ...obj(defaults.autoscaling), ...obj(raw.autoscaling) };
  if (as.enabled) {
    const min = Number(as.minSize ?? 1);
    const max = Number(as.maxSize ?? 5);
    const a = ensure(raw, 'autoscaling');
    a.minSize = Math.min(min, Math.max(max, 1));
    a.maxSize = Math.max(max, 1, a.minSize as number);
  }
  // nodeGroupDefaults and the entry merge key by key (matryoshka.overlay): a map takes its keys from both
  const instancetype = { ...obj(defaults.instancetype), ...obj(raw.instancetype) }.name;
  if (instancetype) {
    delete raw.cpu;
    delete raw.memory;
    if (as.enabled && Number(obj(raw.autoscaling).minSize ?? as.minSize ?? 1) === 0) ensure(raw, 'autoscaling').minSize = 1;
  }
  const disk = { ...obj(defaults.rootDisk), ...obj(raw.rootDisk) };
  if (disk.url && disk.source !== 'dataVolume') ensure(raw, 'rootDisk').source = 'dataVolume';
  for (const key of ['dataDisks', 'networks'] as const) {
    for (const source of [raw, defaults]) {
      const list = source[key];
      if (Array.isArray(list)) list.forEach((item: V, i) => (item.name = `${key === 'dataDisks' ? 'disk' : 'net'}${i}`));
    }
  }
  // a health-check limit must allow one machine at the group's smallest size (Cluster API rounds down)
  const hc = { ...obj(defaults.healthCheck), ...obj(raw.healthCheck) };
  if (hc.maxUnhealthy) ensure(raw, 'healthCheck').maxUnhealthy = '';
  // live migration needs the masquerade binding
  if (eff('evictionStrategy') === 'LiveMigrate' && (eff('podNetworkBinding') ?? 'bridge') === 'bridge') raw.podNetworkBinding = 'masquerade';
  // a root disk image tagged with a release must be the cluster's: leave the default image
  for (const source of [raw, defaults]) {
    const d = obj(source.rootDisk);
    if (typeof d.image === 'string' && /v?\d+\.\d+\.\d+$/.test(d.image.replace(/@.*$/, ''))) delete d.image;
  }
  const rollout = { ...obj(defaults.rollout), ...obj(raw.rollout) };
  if ((rollout.strategy ?? 'RollingUpdate') === 'RollingUpdate' && Number(rollout.maxSurge ?? 1) === 0 && Number(rollout.maxUnavailable ?? 0) === 0) {
    ensure(raw, 'rollout').maxSurge = 1;
  }
  for (const source of [raw, defaults]) {
    for (const label of Object.keys(obj(source.labels))) {
      if (/^node-(role|restriction)\.kubernetes\.io\//.test(label)) delete obj(source.labels)[label];
    }
    for (const arg of MANAGED_KUBELET_ARGS) delete obj(source.kubeletExtraArgs)[arg];
  }
}

/** First and last address of an IPv4 CIDR (IPv6: undefined, the chart does not compare those). */
function bounds(cidr: string): [number, number] | undefined {
  if (cidr.includes(':')) return undefined;
  const [ip, bits] = cidr.split('/');
  const n = ip!.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  const start = n - (n % size);
  return [start, start + size - 1];
}
const overlap = (a: string, b: string) => {
  const x = bounds(a);
  const y = bounds(b);
  return !!x && !!y && x[0] <= y[1] && y[0] <= x[1];
};

function repair(values: V, _rng: Rng): V {
  // tenant networks disjoint from each other and from the management cluster's, else the defaults
  const clusterNet = obj(obj(values.cluster).network);
  const mgmt = obj(values.managementCluster);
  const tenant = [...((clusterNet.podCIDRs as string[]) ?? ['10.243.0.0/16']), ...((clusterNet.serviceCIDRs as string[]) ?? ['10.95.0.0/16'])];
  const all = [...tenant, ...((mgmt.podCIDRs as string[]) ?? ['10.244.0.0/16']), ...((mgmt.serviceCIDRs as string[]) ?? ['10.96.0.0/12'])];
  if (tenant.some((a, i) => all.some((b, j) => j > i && overlap(a, b)))) {
    delete clusterNet.podCIDRs;
    delete clusterNet.serviceCIDRs;
    delete mgmt.podCIDRs;
    delete mgmt.serviceCIDRs;
  }
  // helpers' extra flags must be flags their pinned images accept (validate's container-flags rule):
  // keep a known one; volume expansion needs a driver build newer than the pinned one
  for (const helper of ['cloudControllerManager', 'csiController', 'clusterAutoscaler']) {
    const h = obj(values[helper]);
    if (Array.isArray(h.extraArgs) && h.extraArgs.length) h.extraArgs = ['--v=4'];
  }
  if (obj(values.csiController).volumeExpansion) obj(values.csiController).volumeExpansion = false;
  // selectorless load balancers need a CCM newer than the pinned v0.5.1
  const lb = obj(obj(values.cloudControllerManager).loadBalancer);
  if (lb.selectorless) lb.selectorless = false;
  const cp = obj(values.controlPlane);
  // a supported version with a published worker image (the sampled groups name no image of their own)
  if (cp.version !== undefined && !WITH_IMAGE.includes(String(cp.version).replace(/^(?!v)(\d+\.\d+\.\d+)$/, 'v$1'))) cp.version = '1.34';
  // (the exposure rules — ingress/gateway, serviceAddress and load-balancer settings per service type — are
  // in the schema: validSample draws again when it refuses a sample)
  const net = obj(cp.network);
  // NodePort: Kamaji makes the API and konnectivity ports node ports, which must lie in the node-port range
  if (net.serviceType === 'NodePort') {
    ensure(values, 'managementCluster').nodePortRange = '30000-32767';
    ensure(ensure(values, 'cluster'), 'network').apiServerPort = 30443;
    ensure(ensure(cp, 'addons'), 'konnectivity').serverPort = 30132;
  }
  const defaults = obj(values.nodeGroupDefaults);
  for (const [, raw] of Object.entries(obj(values.nodeGroups))) if (raw && typeof raw === 'object') repairGroup(raw as V, defaults);
  // a group that inherits everything still has to pass the rules: repair the defaults as a group too
  repairGroup(defaults, {});
  for (const [name, addon] of Object.entries(obj(values.customAddons))) {
    const a = obj(addon);
    if (CATALOG_AND_SOURCE_NAMES.has(name)) {
      delete obj(values.customAddons)[name];
      continue;
    }
    if (a.repository && a.oci) delete a.oci;
    if (!a.repository && !a.oci) a.repository = 'https://charts.example.com';
    a.dependsOn = [];
  }
  const sources = obj(values.sources);
  if ((sources.mode ?? 'shared') !== 'local') delete sources.repositories;
  const addons = obj(values.addons);
  // an enabled Velero needs its bucket and its credentials Secret
  const velero = obj(addons.velero);
  if (velero.enabled) {
    velero.bucket ||= 'tenant-a-backups';
    ensure(velero, 'credentialsSecret').name ||= 'tenant-a-velero';
  }
  // the tenant StorageClass must map to a management class the CSI controller accepts
  const enforcement = obj(obj(values.csiController).storageClassEnforcement);
  if (enforcement.allowAll === false) {
    const infra = obj(addons['kubevirt-csi-node']).infraStorageClassName;
    if (infra) enforcement.allowList = [...new Set([...((enforcement.allowList as string[] | undefined) ?? []), String(infra)])];
    else enforcement.allowDefault = true;
  }
  return values;
}

const cross = (kind: Mutation['kind'], path: string[], mustMention: string, values: V): Mutation => ({ kind, path, mustMention, values });

const crossFieldMutations: ChartProfile['crossFieldMutations'] = [
  (values) => {
    const v = structuredClone(values);
    const groups = ensure(v, 'nodeGroups');
    groups.fuzz = { autoscaling: { enabled: true, minSize: 5, maxSize: 2 } };
    return cross('cross-field', ['nodeGroups', 'fuzz', 'autoscaling', 'minSize'], 'nodeGroups.fuzz.autoscaling.minSize', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(v, 'nodeGroups').fuzz = { instancetype: { name: 'u1.large' }, cpu: 4 };
    return cross('cross-field', ['nodeGroups', 'fuzz', 'instancetype'], 'nodeGroups.fuzz', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(v, 'controlPlane').version = '1.19';
    return cross('cross-field', ['controlPlane', 'version'], 'controlPlane.version', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(v, 'nodeGroups')['a-very-long-node-group-name-that-overflows-names'] = {};
    return cross('cross-field', ['nodeGroups'], 'a-very-long-node-group-name-that-overflows-names', v);
  },
  (values, rng: Rng) => {
    const v = structuredClone(values);
    const arg = rng.pick(MANAGED_KUBELET_ARGS);
    ensure(v, 'nodeGroups').fuzz = { kubeletExtraArgs: { [arg]: 'x' } };
    return cross('cross-field', ['nodeGroups', 'fuzz', 'kubeletExtraArgs', arg], `kubeletExtraArgs.${arg}`, v);
  },
  (values) => {
    const v = structuredClone(values);
    const net = ensure(ensure(v, 'controlPlane'), 'network');
    net.ingress = { enabled: true, hostname: 'a.example.com' };
    net.gateway = { enabled: true, hostname: 'a.example.com', gatewayName: 'g', gatewayNamespace: 'g' };
    return cross('cross-field', ['controlPlane', 'network'], 'controlPlane.network.ingress', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(ensure(v, 'cluster'), 'network').serviceCIDRs = ['10.96.0.0/16'];
    ensure(v, 'managementCluster').serviceCIDRs = ['10.96.0.0/12'];
    return cross('cross-field', ['cluster', 'network', 'serviceCIDRs'], 'cluster.network.serviceCIDRs', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(v, 'nodeGroups').fuzz = { replicas: 2, autoscaling: { enabled: false }, healthCheck: { enabled: true, maxUnhealthy: '40%' } };
    return cross('cross-field', ['nodeGroups', 'fuzz', 'healthCheck', 'maxUnhealthy'], 'nodeGroups.fuzz.healthCheck.maxUnhealthy', v);
  },
  (values) => {
    const v = structuredClone(values);
    const net = ensure(ensure(v, 'controlPlane'), 'network');
    net.serviceType = 'ClusterIP';
    net.serviceAddress = '192.0.2.10';
    return cross('cross-field', ['controlPlane', 'network', 'serviceAddress'], 'controlPlane.network.serviceAddress', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(v, 'customAddons').fuzz = { chart: 'x', version: '1.0.0', repository: 'https://a.example.com', oci: 'oci://b.example.com/c' };
    return cross('cross-field', ['customAddons', 'fuzz'], 'customAddons.fuzz', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(v, 'addons').velero = { enabled: true, credentialsSecret: { name: 'velero' } };
    return cross('cross-field', ['addons', 'velero', 'bucket'], 'addons.velero.bucket', v);
  },
  (values) => {
    const v = structuredClone(values);
    ensure(v, 'addons').velero = { enabled: true, bucket: 'backups' };
    return cross('cross-field', ['addons', 'velero', 'credentialsSecret'], 'addons.velero.credentialsSecret.name', v);
  },
  (values) => {
    const v = structuredClone(values);
    const addons = ensure(v, 'addons');
    addons['kubevirt-csi-node'] = { enabled: true, infraStorageClassName: 'not-allowed' };
    ensure(v, 'csiController').storageClassEnforcement = { allowAll: false, allowDefault: true, allowList: ['ceph-rbd'] };
    ensure(v, 'csiController').enabled = true;
    return cross('cross-field', ['addons', 'kubevirt-csi-node', 'infraStorageClassName'], 'addons.kubevirt-csi-node.infraStorageClassName', v);
  },
];

export const kubernetesProfile: ChartProfile = {
  chart: 'kubernetes',
  release: 'tenant-a',
  namespace: 'tenant-a',
  sample: { optionalProbability: 0.35, maxEntries: 3 },
  repair,
  crossFieldMutations,
  // the tenant's shared chart sources belong to the management-platform chart, Velero's credentials Secret to the platform team
  validate: (values) => ({
    external: [`HelmRepository/${String(obj(values.sources).namespace ?? 'matryoshka-system')}/*`, 'Secret/tenant-a/*'],
  }),
};
