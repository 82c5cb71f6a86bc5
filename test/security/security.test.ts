// Security properties of every scenario render, with both Helm majors: restricted Pod Security
// (with documented exceptions), no wildcard RBAC, no Secret data in plain config, and nothing
// from the management cluster's credentials delivered into a tenant.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { objectRef, type K8sObject } from '../../generator/src/manifest/parse.ts';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS, renderChart } from '../support/render.ts';
import { managementCredentialsInTenant, restrictedViolations, secretLeaks, wildcardRbac } from '../support/security.ts';

interface Scenario {
  chart: string;
  name: string;
  values?: unknown;
  apiVersions?: string[];
}

const PLATFORM_APIS = ['helm.toolkit.fluxcd.io/v2', 'source.toolkit.fluxcd.io/v1', 'kubevirt.io/v1', 'cdi.kubevirt.io/v1beta1'];

/** Release and namespace each chart is rendered as. */
const RELEASES: Record<string, { release: string; namespace: string }> = {
  kubernetes: { release: 'tenant-a', namespace: 'tenant-a' },
  'management-platform': { release: 'platform', namespace: 'matryoshka-system' },
  'kubevirt-csi-node': { release: 'kubevirt-csi-node', namespace: 'matryoshka-system' },
  'kubevirt-operator': { release: 'kubevirt-operator', namespace: 'kubevirt' },
  'cdi-operator': { release: 'cdi-operator', namespace: 'cdi' },
};

function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const chart of Object.keys(RELEASES)) {
    const apiVersions = chart === 'management-platform' ? PLATFORM_APIS : undefined;
    out.push({ chart, name: 'defaults', apiVersions });
    const dir = join(repoRoot, 'test', 'scenarios', chart);
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    } catch {
      continue;
    }
    for (const f of files.sort()) out.push({ chart, name: f, values: parse(readFileSync(join(dir, f), 'utf8')), apiVersions });
  }
  return out;
}

/**
 * Pods that cannot meet the restricted profile, each with the reason users read in the chart README.
 * A test below fails when an exception is no longer needed, so the list cannot go stale.
 */
const PSS_EXCEPTIONS: { chart: string; kind: string; nameSuffix: string; readme: RegExp }[] = [
  // the CSI node plugin mounts volumes into the kubelet's directories on the host
  { chart: 'kubevirt-csi-node', kind: 'DaemonSet', nameSuffix: 'kubevirt-csi-node', readme: /privileged/ },
];

const isException = (chart: string, o: K8sObject) =>
  PSS_EXCEPTIONS.some((e) => e.chart === chart && e.kind === o.kind && (o.metadata.name ?? '').endsWith(e.nameSuffix));

/**
 * Wildcard RBAC the charts ship unchanged from upstream, each with the reason users read in the chart
 * README: an operator's rules over the API groups it owns itself (group suffix). Wildcards anywhere else
 * still fail, and a test below fails when an exception is no longer needed.
 */
const RBAC_EXCEPTIONS: { chart: string; ownGroups: RegExp; readme: RegExp }[] = [
  { chart: 'kubevirt-operator', ownGroups: /(^|\.)kubevirt\.io$/, readme: /wildcards? .*own API groups/ },
  { chart: 'cdi-operator', ownGroups: /(^|\.)kubevirt\.io$/, readme: /wildcards? .*own API groups/ },
];

/** The objects with the rules an RBAC exception covers left out (rules whose every API group is the operator's own). */
function withoutExceptedRules(chart: string, objects: K8sObject[]): K8sObject[] {
  const e = RBAC_EXCEPTIONS.find((x) => x.chart === chart);
  if (!e) return objects;
  return objects.map((o) => {
    if (o.kind !== 'ClusterRole' && o.kind !== 'Role') return o;
    const rules = ((o as { rules?: { apiGroups?: string[] }[] }).rules ?? []).filter((r) => !(r.apiGroups?.length && r.apiGroups.every((g) => e.ownGroups.test(g))));
    return { ...o, rules } as K8sObject;
  });
}

async function render(s: Scenario, major: 3 | 4): Promise<K8sObject[]> {
  const docs = await renderChart(s.chart, { major, values: s.values, ...RELEASES[s.chart], ...(s.apiVersions ? { apiVersions: s.apiVersions } : {}) });
  return docs.map((d) => d.object);
}

const ALL = scenarios();

/**
 * Secrets a tenant-bound release reads on purpose, each the tenant's own and named in the chart README's
 * security model: Velero's object-storage credentials (`addons.velero.credentialsSecret`), which Flux copies
 * into the tenant's Velero.
 */
const intendedTenantSecrets = (values: unknown) => {
  const name = (values as { addons?: { velero?: { credentialsSecret?: { name?: string } } } } | undefined)?.addons?.velero?.credentialsSecret?.name;
  return name ? [{ object: 'HelmRelease/tenant-a/tenant-a-velero', detail: `valuesFrom Secret ${name}` }] : [];
};

describe.each(HELM_MAJORS)('security of every scenario render (Helm %i)', (major) => {
  it.each(ALL.map((s) => [`${s.chart}/${s.name}`, s] as const))('%s', async (_label, s) => {
    const objects = await render(s, major);
    const pss = objects.filter((o) => !isException(s.chart, o)).flatMap(restrictedViolations);
    expect(pss, 'pods must meet the restricted Pod Security profile').toEqual([]);
    expect(wildcardRbac(withoutExceptedRules(s.chart, objects)), 'no RBAC rule may use "*"').toEqual([]);
    expect(secretLeaks(objects), 'no Secret data in ConfigMaps or HelmRelease values').toEqual([]);
    if (s.chart === 'kubernetes') {
      expect(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding').map(objectRef), 'the tenant chart is namespaced-only').toEqual([]);
      const intended = intendedTenantSecrets(s.values);
      const found = managementCredentialsInTenant(objects).filter((f) => !intended.some((i) => i.object === f.object && i.detail === f.detail));
      expect(found, 'tenant-bound releases carry no management credentials').toEqual([]);
    }
  });

  it('hands a tenant only the Secret the README says it gets', async () => {
    const values = { addons: { velero: { enabled: true, bucket: 'b', credentialsSecret: { name: 'tenant-a-velero' } } } };
    const objects = await render({ chart: 'kubernetes', name: 'velero', values }, major);
    expect(managementCredentialsInTenant(objects)).toEqual([expect.objectContaining(intendedTenantSecrets(values)[0])]);
    const readme = readFileSync(join(chartsDir, 'kubernetes', 'README.md'), 'utf8');
    expect(readme.slice(readme.indexOf('## Security model'))).toMatch(/`addons\.velero\.credentialsSecret`/);
  });
});

describe('documented RBAC exceptions', () => {
  it.each(RBAC_EXCEPTIONS)('$chart still has wildcard rules over its own API groups, and the chart README says why', async (e) => {
    const objects = await render({ chart: e.chart, name: 'defaults' }, 4);
    expect(wildcardRbac(objects).length, 'drop the exception once upstream has no wildcard').toBeGreaterThan(0);
    expect(readFileSync(join(chartsDir, e.chart, 'README.md'), 'utf8')).toMatch(e.readme);
  });
});

describe('documented Pod Security exceptions', () => {
  it.each(PSS_EXCEPTIONS)('$chart $kind is still privileged and the chart README says why', async (e) => {
    const objects = await render({ chart: e.chart, name: 'defaults' }, 4);
    const target = objects.find((o) => isException(e.chart, o));
    expect(target, 'the excepted object exists').toBeDefined();
    expect(restrictedViolations(target!).length, 'drop the exception once the pod is restricted').toBeGreaterThan(0);
    expect(readFileSync(join(chartsDir, e.chart, 'README.md'), 'utf8')).toMatch(e.readme);
  });
});

describe('the checks themselves catch violations', () => {
  it('flags a privileged root container, wildcard RBAC, a copied Secret and a tenant release reading a management Secret', () => {
    const pod: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', securityContext: { privileged: true } }], volumes: [{ name: 'h', hostPath: { path: '/' } }] } };
    expect(restrictedViolations(pod).map((f) => f.rule)).toEqual(expect.arrayContaining(['privileged', 'allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile', 'capabilities', 'volume-types']));
    const role: K8sObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }] } as K8sObject;
    expect(wildcardRbac([role])).toHaveLength(1);
    const secret: K8sObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: Buffer.from('super-secret-value').toString('base64') } } as K8sObject;
    const cm: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { config: 'token=super-secret-value' } } as K8sObject;
    expect(secretLeaks([secret, cm])).toHaveLength(1);
    const hr: K8sObject = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'h' }, spec: { kubeConfig: { secretRef: { name: 't-kubeconfig' } }, valuesFrom: [{ kind: 'Secret', name: 'mgmt-creds' }], values: { kubeconfigSecret: 't-kubeconfig' } } } as K8sObject;
    expect(managementCredentialsInTenant([hr])).toHaveLength(2);
  });
});
