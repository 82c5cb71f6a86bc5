// The catalog file format: validation errors name the file, the entry and the field.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CatalogError, loadCatalog, parseCatalog } from '../../generator/src/catalog/load.ts';
import { catalogProducer } from '../../generator/src/catalog/producer.ts';
import { chartSources } from '../../generator/src/generate/charts.ts';
import { generateAll } from '../../generator/src/generate/outputs.ts';
import { repoRoot, schemasDir } from '../../generator/src/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'matryoshka-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function valid(): Record<string, any> {
  return {
    settings: {
      valuesKey: 'addons',
      description: 'Test addons.',
      sourcesKey: 'sources',
      target: 'tenant',
      templatePrefix: 'addon',
      helpers: { name: 'x.name', labels: 'x.labels', kubeconfigSecret: 'x.kubeconfig' },
    },
    sources: { repo: { type: 'helm', url: 'https://charts.example.com' } },
    entries: {
      net: { description: 'CNI', chart: { source: 'repo', name: 'net', version: '1.0.0' }, targetNamespace: 'kube-system', enabled: true, provides: ['cni'] },
      app: { description: 'App', chart: { source: 'repo', name: 'app', version: '2.0.0' }, targetNamespace: 'app', enabled: false, requires: ['cni'] },
    },
  };
}

function problems(data: unknown): string[] {
  try {
    parseCatalog(data, join(dir, 'test.catalog.yaml'), dir);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return (err as CatalogError).problems;
  }
  throw new Error('expected the catalog to be rejected');
}

describe('catalog validation', () => {
  it('accepts a well-formed catalog and fills the defaults', () => {
    const c = parseCatalog(valid(), join(dir, 'test.catalog.yaml'), dir);
    expect(c.entries.app!.strategy).toBe('remediate');
    expect(c.entries.app!.dependsOn).toEqual([]);
    expect(c.settings.defaultSourcesMode).toBe('shared');
  });

  it('names the entry and field of a bad chart version', () => {
    const d = valid();
    d.entries.app.chart.version = 'latest';
    expect(problems(d)).toEqual([expect.stringMatching(/test\.catalog\.yaml: entry "app", field chart\.version: must match pattern/)]);
  });

  it('names an unknown key inside an entry', () => {
    const d = valid();
    d.entries.net.enable = true;
    expect(problems(d)).toEqual([expect.stringContaining('entry "net", field enable: unknown key')]);
  });

  it('names a missing required field', () => {
    const d = valid();
    delete d.entries.app.targetNamespace;
    expect(problems(d)).toEqual([expect.stringContaining('entry "app", field targetNamespace: is required')]);
  });

  it('rejects an entry name that would make HelmRelease names too long', () => {
    const d = valid();
    d.entries['a-very-long-addon-name-x'] = d.entries.app;
    expect(problems(d)).toEqual([expect.stringContaining('entry "a-very-long-addon-name-x": is not a valid name')]);
  });

  it('rejects a chart source that is not declared', () => {
    const d = valid();
    d.entries.app.chart.source = 'missing';
    expect(problems(d)).toEqual([expect.stringContaining('entry "app", field chart.source: source "missing" is not declared under sources (declared: repo)')]);
  });

  it('rejects dependsOn on an unknown entry and on itself', () => {
    const d = valid();
    d.entries.app.dependsOn = ['nope', 'app'];
    expect(problems(d)).toEqual([
      expect.stringContaining('entry "app", field dependsOn: "nope" is not an entry of this catalog'),
      expect.stringContaining('entry "app", field dependsOn: an entry cannot depend on itself'),
    ]);
  });

  it('rejects a dependency cycle through dependsOn and requires', () => {
    const d = valid();
    d.entries.net.dependsOn = ['app'];
    expect(problems(d)).toEqual([expect.stringMatching(/dependency cycle (net → app → net|app → net → app)/)]);
  });

  it('rejects a values template that does not exist', () => {
    const d = valid();
    d.entries.app.values = 'addons/app.values.yaml';
    expect(problems(d)).toEqual([expect.stringContaining('entry "app", field values: file addons/app.values.yaml does not exist')]);
  });

  it('rejects valuesFrom and check templates that do not exist', () => {
    const d = valid();
    d.entries.app.valuesFrom = 'addons/app.values-from.yaml';
    d.entries.app.check = 'addons/app.check.yaml';
    expect(problems(d)).toEqual([
      expect.stringContaining('entry "app", field valuesFrom: file addons/app.values-from.yaml does not exist'),
      expect.stringContaining('entry "app", field check: file addons/app.check.yaml does not exist'),
    ]);
  });

  it('requires the kubeconfig helper for tenant targets', () => {
    const d = valid();
    delete d.settings.helpers.kubeconfigSecret;
    expect(problems(d)).toEqual([expect.stringContaining('settings.helpers.kubeconfigSecret: is required when target is "tenant"')]);
  });

  it('reports invalid YAML with the file name', () => {
    const file = join(dir, 'broken.catalog.yaml');
    writeFileSync(file, 'settings: [\n');
    expect(() => loadCatalog(file)).toThrow(/broken\.catalog\.yaml: not valid YAML/);
  });
});

describe('catalog producer', () => {
  const chart = chartSources().find((c) => c.name === 'kubernetes')!;
  const source = parse(readFileSync(join(schemasDir, 'kubernetes', 'addons.catalog.yaml'), 'utf8')) as any;

  it('contributes one values key per catalog entry, pinned to the catalog version', () => {
    const props = catalogProducer().schemaProperties!(chart)!;
    const addons = props.addons!.properties!;
    expect(Object.keys(addons).sort()).toEqual(Object.keys(source.entries).sort());
    for (const [name, e] of Object.entries<any>(source.entries)) {
      expect(addons[name]!.properties!.version!.default).toBe(e.chart.version);
      expect(addons[name]!.properties!.enabled!.default).toBe(e.enabled);
      expect(addons[name]!.properties!.values!.additionalProperties).toBe(true);
    }
    expect(props.sources!.properties!.mode!.enum).toEqual(['shared', 'local']);
    expect(Object.keys(props.sources!.properties!.repositories!.properties!).sort()).toEqual(Object.keys(source.sources).sort());
  });

  it('generates one HelmRelease template per entry, each stamped with the regenerate command', async () => {
    const files = await catalogProducer().files!(chart, {});
    const releases = files.filter((f) => /templates\/addon-.*-helmrelease\.yaml$/.test(f.path)).map((f) => f.path.replace(/.*addon-(.*)-helmrelease\.yaml$/, '$1'));
    expect(releases.sort()).toEqual([...Object.keys(source.entries), 'custom'].sort());
    for (const f of files) expect(f.content.split('\n')[0]).toContain('npm run generate');
  });

  it('copies the catalog logic as it is (once per chart with a catalog, none elsewhere); the TypeScript side emits only data', async () => {
    const files = await catalogProducer().files!(chart, {});
    const logic = files.filter((f) => f.path.endsWith('/_catalog.tpl'));
    expect(logic.map((f) => f.path)).toEqual(['charts/kubernetes/templates/_catalog.tpl']);
    expect(logic[0]!.content).toContain(readFileSync(join(repoRoot, 'generator/templates/chart-lib/_catalog.tpl'), 'utf8'));
    const without = chartSources().find((c) => c.name === 'kubevirt-csi-node')!;
    expect(await catalogProducer().files!(without, {})).toEqual([]);
    // Go-template text in the catalog's TypeScript: only the define around the data and the one-line includes
    for (const file of ['load.ts', 'model.ts', 'producer.ts', 'templates.ts', 'values-schema.ts']) {
      const actions = readFileSync(join(repoRoot, 'generator/src/catalog', file), 'utf8').match(/\{\{.*?\}\}/g) ?? [];
      for (const a of actions) expect(a, `${file}: ${a}`).toMatch(/^\{\{-? ?(\/\*|define "\$\{name\}"|end|include "\$\{name\}" \$\{args\})/);
    }
  });

  it('copies the helper library into every chart, marked generated (so a stale or orphaned copy is found)', async () => {
    const files = await generateAll();
    for (const c of chartSources()) {
      const lib = files.find((f) => f.path === `charts/${c.name}/templates/_lib.tpl`);
      expect(lib?.content.slice(0, 200), c.name).toContain('Generated by `npm run generate` from generator/templates/chart-lib/_lib.tpl');
    }
  });
});
