// The committed schema folder (kube-schemas/): what `matryoshka schemas sync` wrote from the pinned inputs
// (checked without the inputs, through its manifest), a schema for every kind the charts render, and
// validation through its shared definitions giving exactly what the standalone schemas give.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, type Manifest, NOTICE_FILE, verifySchemaDir } from '../../generator/src/crd/sync.ts';
import { PINNED_SOURCES } from '../../generator/src/crd/upstream.ts';
import { type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';
import { committedSchemaDir, findSchema } from '../../generator/src/validate/index.ts';
import { renderOperators, renderPlatform, renderStages } from '../platform/support.ts';
import { renderChart } from '../support/render.ts';
import { validate } from '../support/validate.ts';
import { cleanTenant } from './fixture.ts';

const dir = committedSchemaDir;
const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
const schemaFiles = manifest.files.map((f) => f.path).filter((p) => p.endsWith('.json') && !p.startsWith('_'));

describe('kube-schemas/ (committed)', () => {
  it('is exactly what the sync of the current pins wrote: every file listed in manifest.json with its SHA-256', () => {
    expect(verifySchemaDir(dir)).toEqual([]);
  });

  it('has a NOTICE naming every source, its licence and the SHA-256 of each input, with no machine paths anywhere', () => {
    const notice = readFileSync(join(dir, NOTICE_FILE), 'utf8');
    for (const s of PINNED_SOURCES) {
      expect(notice).toContain(`## ${s.repo} ${s.ref}`);
      expect(notice).toContain(`Licence: ${s.licence}.`);
      for (const f of s.files) expect(notice).toContain(`| \`${f.path}\`${f.document ? `, document \`${f.document}\`` : ''} | ${f.url} | \`${f.sha256}\` |`);
    }
    // what the core-kind schemas' provenance record says about their licence
    expect(notice).toMatch(/licence is not verified[^]*instrumenta\/kubernetes-json-schema, whose LICENSE is Apache-2.0/);
    for (const f of manifest.files) {
      const text = readFileSync(join(dir, f.path), 'utf8');
      expect(text, f.path).not.toMatch(/\/work\/|\/home\/|\/tmp\/|file:\/\/|\.\.\/shared/);
    }
  });

  it('has the KubeVirt kinds: the operator CRDs and the instancetypes/preferences from the OpenAPI document', () => {
    for (const [apiVersion, kind] of [
      ['kubevirt.io/v1', 'KubeVirt'],
      ['cdi.kubevirt.io/v1beta1', 'CDI'],
      ['instancetype.kubevirt.io/v1beta1', 'VirtualMachineClusterInstancetype'],
      ['instancetype.kubevirt.io/v1beta1', 'VirtualMachineClusterPreference'],
    ] as const) {
      expect(findSchema([dir], apiVersion, kind), `${apiVersion} ${kind}`).toBeDefined();
    }
  });
});

describe('every kind the charts render has a schema in kube-schemas/', () => {
  const scenarios = (chart: string) =>
    readdirSync(join(repoRoot, 'test', 'scenarios', chart))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(repoRoot, 'test', 'scenarios', chart, f));

  it('for the defaults and every scenario of every chart (Helm 4)', async () => {
    const rendered = new Map<string, ManifestDoc[]>();
    const add = (chart: string, docs: ManifestDoc[]) => rendered.set(chart, [...(rendered.get(chart) ?? []), ...docs]);
    for (const file of [undefined, ...scenarios('kubernetes')]) add('kubernetes', await renderChart('kubernetes', { major: 4, valuesFiles: file ? [file] : undefined }));
    add('kubevirt-csi-node', await renderChart('kubevirt-csi-node', { major: 4 }));
    for (const file of [undefined, ...scenarios('management-platform')]) {
      const platform = await renderPlatform({ major: 4, valuesFiles: file ? [file] : undefined });
      add('management-platform', platform);
      add('management-platform-stages', await renderStages(platform, 4));
      for (const d of await renderOperators(platform, 4)) add(d.source.split('/')[0]!, [d]);
    }
    // a new chart must be added above
    expect([...rendered.keys()].sort()).toEqual(readdirSync(chartsDir).sort());
    const missing = new Set<string>();
    let kinds = 0;
    for (const docs of rendered.values()) {
      for (const { object: o } of docs) {
        kinds++;
        if (!findSchema([dir], o.apiVersion, o.kind)) missing.add(`${o.apiVersion} ${o.kind}`);
      }
    }
    expect(kinds).toBeGreaterThan(100);
    // the KubeVirt and CDI operator charts ship upstream's CRDs, which test/upstream-charts compares object
    // for object with the pinned manifests; no pinned input has a strict schema of the CRD kind itself
    expect([...missing]).toEqual(['apiextensions.k8s.io/v1 CustomResourceDefinition']);
  }, 120_000);
});

describe('validation through the shared definitions', () => {
  // the standalone schemas, rebuilt from the committed folder by inlining every shared definition
  const definitions = JSON.parse(readFileSync(join(dir, '_definitions.json'), 'utf8')).definitions as Record<string, unknown>;
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.includes('_definitions.json#/definitions/')) return inline(definitions[ref.slice(ref.lastIndexOf('/') + 1)]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
  };
  const standalone = mkdtempSync(join(tmpdir(), 'matryoshka-standalone-'));
  afterAll(() => rmSync(standalone, { recursive: true, force: true }));
  for (const p of schemaFiles) {
    mkdirSync(dirname(join(standalone, p)), { recursive: true });
    writeFileSync(join(standalone, p), JSON.stringify(inline(JSON.parse(readFileSync(join(dir, p), 'utf8')))));
  }

  it('stores shared subschemas once: the folder is a fraction of the standalone schemas', () => {
    const size = (root: string, files: string[]) => files.reduce((n, p) => n + readFileSync(join(root, p)).length, 0);
    expect(JSON.stringify(readFileSync(join(standalone, 'deployment-apps-v1.json'), 'utf8'))).not.toContain('$ref');
    expect(size(dir, manifest.files.map((f) => f.path)) * 2).toBeLessThan(size(standalone, schemaFiles));
  });

  const objects = [...cleanTenant(), ...parseManifests(readFileSync(join(repoRoot, 'test', 'fixtures', 'validate', 'platform-kubevirt.yaml'), 'utf8'), 'platform-kubevirt.yaml')];

  /** Broken copies of an object, one change each: an unknown field, a wrong type, a null, at many places. */
  function mutations(doc: ManifestDoc): ManifestDoc[] {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(doc.object, []);
    const out: ManifestDoc[] = [];
    for (const path of paths) {
      if (path[0] === 'apiVersion' || path[0] === 'kind') continue;
      for (const change of ['unknown', 'type', 'null'] as const) {
        const copy = structuredClone(doc);
        let parent: any = copy.object;
        for (const seg of path.slice(0, -1)) parent = parent[seg];
        const last = path[path.length - 1];
        const target = last === undefined ? parent : parent[last];
        if (change === 'unknown') {
          if (!target || typeof target !== 'object' || Array.isArray(target)) continue;
          target.zzUnknown = 1;
        } else if (last === undefined) continue;
        else if (change === 'type') parent[last] = typeof target === 'string' ? 12345 : typeof target === 'object' ? 'text' : typeof target === 'number' ? 'x1' : 7;
        else parent[last] = null;
        out.push(copy);
      }
    }
    return out;
  }

  it('reports exactly what the standalone schemas report, for valid objects and ~700 broken ones (every kind in the fixtures)', () => {
    const variants = objects.flatMap((d) => [d, ...mutations(d)]);
    expect(variants.length).toBeGreaterThan(700);
    const run = (schemaDirs: string[]) => variants.map((d) => validate([d], { schemaDirs, wiring: false }).errors.map((e) => `${e.path}: ${e.message}`));
    const shared = run([dir]);
    expect(shared).toEqual(run([standalone]));
    // the comparison is not vacuous: most variants fail, and the clean objects pass
    expect(shared.filter((e) => e.length > 0).length).toBeGreaterThan(variants.length / 2);
    expect(objects.map((d) => validate([d], { schemaDirs: [dir], wiring: false }).errors)).toEqual(objects.map(() => []));
  });
});
