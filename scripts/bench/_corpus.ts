// A realistic mixed corpus for validation benchmarks: N tenants, each the clean tenant fixture
// (Cluster, KamajiControlPlane, KubevirtCluster, CCM Deployment/RBAC/Service, HelmRepository,
// HelmReleases) plus two more node groups and six more addon HelmReleases — 30 objects a tenant,
// each tenant in its own namespace, so the wiring linter has real references to resolve.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';

export const CORPUS_EXTERNALS = ['HelmRepository/flux-system/*'];

function tenantTemplate(): ManifestDoc[] {
  const docs = parseManifests(readFileSync(join(repoRoot, 'test', 'fixtures', 'validate', 'tenant-clean.yaml'), 'utf8'));
  const extra: ManifestDoc[] = [];
  const groupKinds = new Set(['KubevirtMachineTemplate', 'KubeadmConfigTemplate', 'MachineDeployment', 'MachineHealthCheck']);
  for (const group of ['gpu', 'infra']) {
    for (const d of docs.filter((x) => groupKinds.has(x.object.kind))) {
      extra.push(JSON.parse(JSON.stringify(d).replaceAll('workers', group)) as ManifestDoc);
    }
  }
  const addon = docs.find((d) => d.object.kind === 'HelmRelease' && d.object.metadata.name === 'tenant-a-metrics-server')!;
  for (const name of ['cert-manager', 'csi-node', 'gateway', 'coredns-extra', 'velero', 'gpu-operator']) {
    extra.push(JSON.parse(JSON.stringify(addon).replaceAll('metrics-server', name)) as ManifestDoc);
  }
  return [...docs, ...extra];
}

/** `count` objects (a whole number of tenants, trimmed to count). */
export function buildCorpus(count = 10_000): ManifestDoc[] {
  const template = JSON.stringify(tenantTemplate());
  const out: ManifestDoc[] = [];
  for (let t = 0; out.length < count; t++) {
    const name = `tenant-${String(t).padStart(4, '0')}`;
    const docs = JSON.parse(template.replaceAll('tenant-a', name)) as ManifestDoc[];
    for (const d of docs) d.object.metadata.namespace = name;
    out.push(...docs);
  }
  return out.slice(0, count);
}
