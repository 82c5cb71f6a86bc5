// The catalog templates, independent of any chart of this repository: a throw-away chart built from a
// test catalog (target local, like the management-platform chart) — the catalog logic and helper library
// as generate copies them, the catalog's data and the values.yaml of its schema — rendered with both Helm majors.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCatalog } from '../../generator/src/catalog/load.ts';
import { catalogLogicTemplate, catalogTemplates } from '../../generator/src/catalog/templates.ts';
import { catalogSchemaProperties } from '../../generator/src/catalog/values-schema.ts';
import { CHART_LIB_DIR, staticTemplate } from '../../generator/src/generate/static-templates.ts';
import { defaultsDocument } from '../../generator/src/schema/defaults.ts';
import { HelmError, helmTemplate } from '../../generator/src/helm/run.ts';
import { type K8sObject, parseManifests } from '../../generator/src/manifest/parse.ts';
import { HELM_MAJORS, type HelmMajor } from '../../generator/src/helm/binary.ts';

const root = mkdtempSync(join(tmpdir(), 'matryoshka-catalog-chart-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes a chart whose templates and values.yaml are exactly what generate makes of the catalog, plus two helpers. */
function buildChart(name: string, catalogData: unknown, snippets: Record<string, string>, shared: Record<string, { type: 'helm' | 'oci'; url: string }> = {}) {
  const dir = join(root, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'src', 'components'), { recursive: true });
  for (const [file, text] of Object.entries(snippets)) writeFileSync(join(dir, 'src', 'components', file), text);
  const catalog = parseCatalog(catalogData, join(dir, 'src', 'test.catalog.yaml'), join(dir, 'src'));
  writeFileSync(join(dir, 'Chart.yaml'), stringify({ apiVersion: 'v2', name, version: '0.1.0' }));
  writeFileSync(
    join(dir, 'templates', '_test.tpl'),
    '{{- define "t.name" -}}{{ .Release.Name }}{{- end -}}\n{{- define "t.labels" -}}app.kubernetes.io/instance: {{ .Release.Name }}{{- end -}}\n',
  );
  writeFileSync(join(dir, 'values.yaml'), stringify(defaultsDocument({ type: 'object', properties: catalogSchemaProperties(catalog, shared) })));
  writeFileSync(join(dir, 'templates', '_lib.tpl'), staticTemplate(join(CHART_LIB_DIR, '_lib.tpl')));
  for (const t of [catalogLogicTemplate(), ...catalogTemplates(catalog, shared, 'test header')]) writeFileSync(join(dir, 'templates', t.name), t.content);
  return dir;
}

const catalogData = () => ({
  settings: {
    valuesKey: 'components',
    description: 'Test components.',
    sourcesKey: 'sources',
    target: 'local',
    templatePrefix: 'component',
    helpers: { name: 't.name', labels: 't.labels' },
    provideSharedSourcesOf: ['elsewhere.catalog.yaml'],
  },
  sources: { jetstack: { type: 'helm', url: 'https://charts.jetstack.io' } },
  entries: {
    base: { description: 'Base.', chart: { source: 'jetstack', name: 'base', version: '1.0.0' }, targetNamespace: 'base', enabled: true, values: 'components/base.values.yaml' },
    app: { description: 'App.', chart: { source: 'jetstack', name: 'app', version: '2.0.0' }, targetNamespace: 'apps', enabled: true, dependsOn: ['base'] },
  },
});

async function render(dir: string, major: HelmMajor, values: unknown = {}): Promise<K8sObject[]> {
  const text = await helmTemplate({ chartDir: dir, releaseName: 'platform', namespace: 'platform-system', values, major });
  return parseManifests(text).map((d) => d.object);
}

describe.each(HELM_MAJORS)('generated catalog templates with Helm %s', (major) => {
  const dir = buildChart(`local-${major}`, catalogData(), { 'base.values.yaml': 'replicas: {{ 1 | add 1 }}\nname: {{ .Release.Name }}\n' }, { cilium: { type: 'helm', url: 'https://helm.cilium.io' }, envoy: { type: 'oci', url: 'oci://docker.io/envoyproxy' } });

  it('a local target installs into the cluster Flux runs in: no kubeConfig', async () => {
    const objs = await render(dir, major);
    const hrs = objs.filter((o) => o.kind === 'HelmRelease');
    expect(hrs.map((o) => o.metadata.name).sort()).toEqual(['platform-app', 'platform-base']);
    for (const hr of hrs) expect((hr.spec as any).kubeConfig).toBeUndefined();
    const base = hrs.find((o) => o.metadata.name === 'platform-base')!.spec as any;
    expect(base.values).toEqual({ replicas: 2, name: 'platform' });
    expect(base.chart.spec.sourceRef).toEqual({ kind: 'HelmRepository', name: 'jetstack', namespace: 'matryoshka-system' });
  });

  it('creates the shared sources of its own and the imported catalogs once, in the shared namespace', async () => {
    const repos = (await render(dir, major, { sources: { namespace: 'shared' } })).filter((o) => o.kind === 'HelmRepository');
    expect(repos.map((r) => [r.metadata.namespace, r.metadata.name, (r.spec as any).type ?? 'default'])).toEqual([
      ['shared', 'cilium', 'default'],
      ['shared', 'envoy', 'oci'],
      ['shared', 'jetstack', 'default'],
    ]);
  });

  it('drops a dependsOn whose target is disabled', async () => {
    const objs = await render(dir, major);
    expect((objs.find((o) => o.metadata.name === 'platform-app')!.spec as any).dependsOn).toEqual([{ name: 'platform-base' }]);
    const without = await render(dir, major, { components: { base: { enabled: false } } });
    const app = without.find((o) => o.metadata.name === 'platform-app')!.spec as any;
    expect(app.dependsOn).toBeUndefined();
  });

  it('a values template that does not render to YAML fails with the entry named', async () => {
    const broken = buildChart(`broken-${major}`, catalogData(), { 'base.values.yaml': 'a: [unclosed\n' });
    await expect(render(broken, major)).rejects.toThrow(HelmError);
    await expect(render(broken, major)).rejects.toThrow(/components\.base: the default values template does not render to YAML/);
  });
});
