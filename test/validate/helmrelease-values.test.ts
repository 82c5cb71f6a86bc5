// The GitOps path: `validate` checks spec.values of a Flux HelmRelease of one of our charts against
// that chart's values schema, merged over the chart's values.yaml as Helm merges them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type K8sObject, type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { validationErrors } from '../support/validate.ts';

/** The HelmRelease of the README's "With Flux" section, as a user copies it. */
function readmeHelmRelease(): K8sObject {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('kind: HelmRelease'));
  if (!block) throw new Error('README.md has no yaml block with a HelmRelease');
  return parse(block) as K8sObject;
}

const SOURCE = ['HelmRepository/flux-system/matryoshka'];
const doc = (object: unknown, source = 'tenant-a.yaml'): ManifestDoc => ({ object: object as K8sObject, source, index: 0 });

function withValues(values: unknown, change: (hr: K8sObject & Record<string, any>) => void = () => {}): ManifestDoc[] {
  const hr = structuredClone(readmeHelmRelease()) as K8sObject & Record<string, any>;
  hr.spec.values = values;
  change(hr);
  return [doc(hr)];
}

const valuesIssues = (docs: ManifestDoc[], external = SOURCE) => validationErrors(docs, { external }).filter((e) => e.rule === 'helmrelease-values');

const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-hr-values-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('HelmReleases of our charts', () => {
  it("the README's Flux example is valid", () => {
    expect(validationErrors([doc(readmeHelmRelease())], { external: SOURCE })).toEqual([]);
  });

  it.each(readdirSync(join(repoRoot, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name))('examples/%s is valid', (folder) => {
    const dir = join(repoRoot, 'examples', folder);
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseManifests(readFileSync(join(dir, f), 'utf8'), `examples/${folder}/${f}`));
    expect(docs.some((d) => d.object.kind === 'HelmRelease')).toBe(true);
    expect(validationErrors(docs)).toEqual([]);
  });

  it('a typo in the values fails, naming the key inside the HelmRelease and the key meant', () => {
    const [issue, ...rest] = valuesIssues(withValues({ nodeGroups: { workers: { replcas: 3, cpu: 4, memory: '8Gi' } } }));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ object: 'HelmRelease/tenant-a/tenant-a', path: 'spec.values.nodeGroups.workers.replcas' });
    expect(issue!.message).toContain('unknown field "replcas" (did you mean "replicas"?)');
    expect(issue!.message).toContain('charts/kubernetes/values.schema.json');
  });

  it('a wrong type or value fails too', () => {
    const issues = valuesIssues(withValues({ nodeGroups: { workers: { replicas: 'three' } }, controlPlane: { replicas: 2.5 } }));
    expect(issues.map((e) => e.path).sort()).toEqual(['spec.values.controlPlane.replicas', 'spec.values.nodeGroups.workers.replicas']);
  });

  it('checks the values merged over the chart defaults, as Helm does', () => {
    // the image needs registry, repository and tag: values.yaml supplies what the release leaves out
    expect(valuesIssues(withValues({ images: { cloudControllerManager: { tag: 'v0.9.0' } } }))).toEqual([]);
    // null deletes a default, so the merged image lacks its registry
    const issues = valuesIssues(withValues({ images: { cloudControllerManager: { registry: null } } }));
    expect(issues.map((e) => [e.path, e.message.split(' — ')[0]])).toEqual([['spec.values.images.cloudControllerManager', 'missing required field "registry"']]);
    // deleting the default node group is allowed
    expect(valuesIssues(withValues({ nodeGroups: { workers: null, big: { cpu: 8, memory: '32Gi' } } }))).toEqual([]);
  });

  it('follows spec.chartRef to an OCIRepository in the input', () => {
    const dir = join(repoRoot, 'examples', 'flux-ocirepository');
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseManifests(readFileSync(join(dir, f), 'utf8'), f));
    const hr = docs.find((d) => d.object.kind === 'HelmRelease')!.object as K8sObject & Record<string, any>;
    expect(hr.spec.chartRef).toBeDefined();
    hr.spec.values = { ...hr.spec.values, controlPlan: {} };
    expect(valuesIssues(docs, []).map((e) => e.path)).toEqual(['spec.values.controlPlan']);
    // the same chartRef without its OCIRepository: the chart is unknown, nothing is checked
    expect(valuesIssues(docs.filter((d) => d.object.kind !== 'OCIRepository'), ['OCIRepository/flux-system/*'])).toEqual([]);
  });

  it('finds the chart in a GitRepository path (./charts/kubernetes)', () => {
    const docs = withValues({ nodeGroups: { workers: { replcas: 3 } } }, (hr) => {
      hr.spec.chart.spec = { chart: './charts/kubernetes', sourceRef: { kind: 'GitRepository', name: 'matryoshka', namespace: 'flux-system' } };
    });
    expect(valuesIssues(docs, ['GitRepository/flux-system/matryoshka']).map((e) => e.path)).toEqual(['spec.values.nodeGroups.workers.replcas']);
  });

  it('leaves a HelmRelease of a foreign chart alone', () => {
    const docs = withValues({ nodeGroups: { workers: { replcas: 3 } }, anything: { goes: true } }, (hr) => {
      hr.spec.chart.spec.chart = 'cilium';
    });
    expect(valuesIssues(docs)).toEqual([]);
    expect(validationErrors(docs, { external: SOURCE })).toEqual([]);
  });

  it("reaches through the platform chart's schema into a tenant's values", () => {
    const docs = withValues({ tenants: { 'tenant-a': { values: { nodeGroups: { workers: { replcas: 3 } } } } } }, (hr) => {
      hr.spec.chart.spec.chart = 'management-platform';
    });
    expect(valuesIssues(docs).map((e) => e.path)).toEqual(['spec.values.tenants.tenant-a.values.nodeGroups.workers.replcas']);
  });

  it('checks the values of every chart of ours, e.g. the KubeVirt CSI node plugin', () => {
    const docs = withValues({ storageClasses: [{ nmae: 'fast' }] }, (hr) => {
      hr.spec.chart.spec.chart = 'kubevirt-csi-node';
    });
    expect(valuesIssues(docs).map((e) => [e.path, e.message.split(' — ')[0]])).toEqual([
      ['spec.values.storageClasses[0]', 'missing required field "name"'],
      ['spec.values.storageClasses[0].nmae', 'unknown field "nmae" (did you mean "name"?)'],
    ]);
  });
});

describe('HelmReleases with spec.valuesFrom', () => {
  const configMap = (values: unknown): ManifestDoc =>
    doc({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tenant-a-values', namespace: 'tenant-a' }, data: { 'values.yaml': stringify(values) } }, 'values.yaml');
  const fromConfigMap = (hr: K8sObject & Record<string, any>) => {
    hr.spec.valuesFrom = [{ kind: 'ConfigMap', name: 'tenant-a-values' }];
  };

  it('merges a ConfigMap from the input as Flux does, and names it when its values are wrong', () => {
    const docs = [...withValues({ nodeGroups: { workers: { replicas: 3 } } }, fromConfigMap), configMap({ nodeGroups: { workers: { cpus: 4 } } })];
    const issues = valuesIssues(docs);
    expect(issues.map((e) => e.path)).toEqual(['spec.values.nodeGroups.workers.cpus']);
    expect(issues[0]!.message).toContain('set by ConfigMap tenant-a-values key values.yaml (spec.valuesFrom)');
    expect(valuesIssues([...withValues({ nodeGroups: { workers: { replicas: 3 } } }, fromConfigMap), configMap({ nodeGroups: { workers: { cpu: 4 } } })])).toEqual([]);
  });

  it('reads a Secret base64-encoded, with its valuesKey', () => {
    const secret = doc({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'tenant-a' }, data: { tenant: Buffer.from('controlPlane: {replica: 3}\n').toString('base64') } });
    const docs = [...withValues({}, (hr) => (hr.spec.valuesFrom = [{ kind: 'Secret', name: 's', valuesKey: 'tenant' }])), secret];
    expect(valuesIssues(docs).map((e) => e.path)).toEqual(['spec.values.controlPlane.replica']);
  });

  it('without the source in the input, checks only what spec.values sets, and says so', () => {
    const unseen = (hr: K8sObject & Record<string, any>) => {
      hr.spec.valuesFrom = [{ kind: 'Secret', name: 'tenant-a-values' }];
    };
    const external = [...SOURCE, 'Secret/tenant-a/tenant-a-values'];
    // a typo in spec.values is certain whatever the Secret holds
    const typo = valuesIssues(withValues({ nodeGroups: { workers: { replcas: 3 } } }, unseen), external);
    expect(typo.map((e) => e.path)).toEqual(['spec.values.nodeGroups.workers.replcas']);
    expect(typo[0]!.message).toContain('only what spec.values sets was checked');
    // a missing required key may come from the Secret: not reported
    expect(valuesIssues(withValues({ images: { cloudControllerManager: { registry: null } } }, unseen), external)).toEqual([]);
  });
});

describe('matryoshka validate (the CLI)', () => {
  it('rejects a HelmRelease of our chart with a typo in its values, exit 1', async () => {
    const file = join(tmp, 'tenant-a.yaml');
    const hr = readmeHelmRelease() as K8sObject & Record<string, any>;
    hr.spec.values.nodeGroups.workers.replcas = 3;
    writeFileSync(file, stringify(hr));
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const r = await execa(tsx, [join(repoRoot, 'generator', 'src', 'cli', 'main.ts'), 'validate', '--external', SOURCE[0]!, file], { reject: false, env: { NO_COLOR: '1' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^HelmRelease\/tenant-a\/tenant-a \(.*tenant-a\.yaml\) spec\.values\.nodeGroups\.workers\.replcas: unknown field "replcas" .*\[helmrelease-values\]$/m);
  });

  it('documents the rule in --list-rules', async () => {
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const r = await execa(tsx, [join(repoRoot, 'generator', 'src', 'cli', 'main.ts'), 'validate', '--list-rules'], { reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^helmrelease-values +spec\.values of a Flux HelmRelease/m);
    expect(r.stdout).toContain('valuesFrom');
  });
});
