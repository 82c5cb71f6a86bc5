// The Flux examples users copy: valid on their own, pointing at a chart we publish, and the
// tenant each HelmRelease creates renders from the packaged chart and validates.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmTemplate } from '../../generator/src/helm/run.ts';
import { type K8sObject, type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { type PackagedChart, packageCharts } from '../../generator/src/package/build.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { type ChartsSnapshot, snapshotCharts } from '../support/charts-snapshot.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { expectValid, validationErrors } from '../support/validate.ts';

const examplesDir = join(repoRoot, 'examples');
const folders = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** The shared chart sources the management-platform chart creates (the tenant's addons use them). */
const PLATFORM_SOURCES = ['HelmRepository/matryoshka-system/*'];

function load(folder: string): ManifestDoc[] {
  return readdirSync(join(examplesDir, folder))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseManifests(readFileSync(join(examplesDir, folder, f), 'utf8'), `examples/${folder}/${f}`));
}

const helmReleases = (docs: ManifestDoc[]) => docs.map((d) => d.object).filter((o) => o.kind === 'HelmRelease');

/** The chart a HelmRelease installs: from spec.chart.spec, or through the OCIRepository spec.chartRef names. */
function chartOf(hr: K8sObject, docs: ManifestDoc[]): { name: string; versionRange: string } {
  const spec = hr.spec as { chart?: { spec: { chart: string; version?: string } }; chartRef?: { kind: string; name: string } };
  if (spec.chart) return { name: spec.chart.spec.chart, versionRange: spec.chart.spec.version ?? '*' };
  const repo = docs.map((d) => d.object).find((o) => o.kind === spec.chartRef?.kind && o.metadata.name === spec.chartRef?.name)!;
  const { url, ref } = repo.spec as { url: string; ref: { semver?: string; tag?: string } };
  return { name: url.split('/').at(-1)!, versionRange: ref.semver ?? ref.tag ?? '*' };
}

/** `0.1.x` / `0.1.0` / `*` against a version: enough for the ranges the examples use. */
function inRange(version: string, range: string): boolean {
  if (range === '*') return true;
  const want = range.replace(/^[~^]/, '').split('.');
  const have = version.split('.');
  return want.every((w, i) => w === 'x' || w === '*' || w === have[i]);
}

let snapshot: ChartsSnapshot;
let tmp: string;
let charts: PackagedChart[];
beforeAll(async () => {
  snapshot = snapshotCharts();
  tmp = mkdtempSync(join(tmpdir(), 'matryoshka-examples-'));
  charts = (await packageCharts({ sourceDir: snapshot.dir, outDir: tmp, charts: ['kubernetes'], env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } })).charts;
});
afterAll(() => {
  snapshot.remove();
  rmSync(tmp, { recursive: true, force: true });
});

it('has an HTTP chart repository example and an OCI example', () => {
  expect(folders).toEqual(expect.arrayContaining(['flux-helmrepository', 'flux-ocirepository']));
  const kinds = folders.flatMap((f) => load(f).map((d) => d.object.kind));
  expect(kinds).toEqual(expect.arrayContaining(['HelmRepository', 'OCIRepository', 'HelmRelease']));
});

describe.each(folders)('examples/%s', (folder) => {
  it('validates as a whole (strict schemas + wiring)', () => {
    expectValid(load(folder), { namespace: 'default' });
  });

  it('fails validation when its chart source is missing', () => {
    const withoutSources = load(folder).filter((d) => !['HelmRepository', 'OCIRepository'].includes(d.object.kind));
    expect(validationErrors(withoutSources, { namespace: 'default' }).map((e) => e.rule)).toContain('helmrelease-source');
  });

  it('installs a chart this repository publishes, at a version the range accepts', () => {
    const docs = load(folder);
    for (const hr of helmReleases(docs)) {
      const { name, versionRange } = chartOf(hr, docs);
      const published = charts.find((c) => c.name === name);
      expect(published, `${hr.metadata.name} installs chart "${name}"`).toBeDefined();
      expect(inRange(published!.version, versionRange), `${published!.version} in ${versionRange}`).toBe(true);
    }
  });

  describe.each(HELM_MAJORS)('with Helm %i', (major) => {
    it('creates a valid tenant from the packaged chart with the HelmRelease values', async () => {
      const docs = load(folder);
      for (const hr of helmReleases(docs)) {
        const spec = hr.spec as { releaseName?: string; targetNamespace?: string; values?: unknown };
        const namespace = spec.targetNamespace ?? hr.metadata.namespace!;
        const text = await helmTemplate({ chartDir: charts[0]!.path, releaseName: spec.releaseName ?? hr.metadata.name!, namespace, values: spec.values ?? {}, major });
        const tenant = parseManifests(text);
        expect(tenant.some((d) => d.object.kind === 'Cluster' && d.object.metadata.name === (spec.releaseName ?? hr.metadata.name))).toBe(true);
        // the example's objects and the tenant together: the tenant lands in the example's namespace
        expectValid([...docs, ...tenant], { namespace, external: PLATFORM_SOURCES });
      }
    });
  });
});
