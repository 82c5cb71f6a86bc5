// Each optional addon's default values make a valid install of its pinned chart version: the values the
// tenant chart writes into the HelmRelease (valuesFrom filled in as Flux fills it) are coalesced over the
// pinned chart's values.yaml as Helm coalesces them, checked against the chart's published values.schema.json
// where there is one, and against the rules test/addons/addon-charts.ts established from the chart's templates.
// Nothing is downloaded: the upstream files are committed in test/fixtures/addon-charts (see its NOTICE.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, schemasDir } from '../../generator/src/paths.ts';
import { coalesceValues } from '../../generator/src/schema/coalesce.ts';
import { objectsOfKind, renderChart } from '../support/render.ts';
import { ADDON_CHARTS, type AddonChart } from './addon-charts.ts';

type V = Record<string, any>;
const FIXTURES = join(repoRoot, 'test', 'fixtures', 'addon-charts');
const catalog = parse(readFileSync(join(schemasDir, 'kubernetes', 'addons.catalog.yaml'), 'utf8')) as {
  entries: Record<string, { enabled: boolean; chart: { name: string; version: string } }>;
};
/** Addons every tenant has by default and that are not upstream charts we pin values for. */
const NOT_COVERED = ['cni', 'kubevirt-csi-node'];

/** Flux's valuesFrom with a targetPath: the Secret's value lands at that path (the test stands in a marker). */
function applyValuesFrom(values: V, valuesFrom: V[]): V {
  const out = structuredClone(values);
  for (const ref of valuesFrom) {
    if (!ref.targetPath) continue;
    const path = String(ref.targetPath).split('.');
    let node = out;
    for (const key of path.slice(0, -1)) node = node[key] = node[key] && typeof node[key] === 'object' ? node[key] : {};
    node[path.at(-1)!] = `<${ref.kind} ${ref.name} key ${ref.valuesKey}>`;
  }
  return out;
}

/** The addon's values as its chart sees them, and the tenant values they were rendered with. */
async function addonValues(a: AddonChart): Promise<{ given: V; values: V }> {
  const docs = await renderChart('kubernetes', { values: a.tenant });
  const hr = objectsOfKind(docs, 'HelmRelease').find((o) => o.metadata.name === `tenant-a-${a.addon}`);
  expect(hr, `HelmRelease of ${a.addon}`).toBeDefined();
  const spec = hr!.spec as V;
  const given = applyValuesFrom(spec.values ?? {}, spec.valuesFrom ?? []);
  if (!a.fixture) return { given, values: given };
  const chartValues = parse(readFileSync(join(FIXTURES, a.fixture, 'values.yaml'), 'utf8'), { version: '1.1' }) as V;
  return { given, values: coalesceValues(given, chartValues) as V };
}

/**
 * Map paths of `given` that the chart's values.yaml does not have. Lists, scalars and empty maps (free-form
 * maps the templates range over, e.g. velero credentials.secretContents) end a path.
 */
function unknownPaths(given: V, upstream: unknown, at: string[] = []): string[] {
  if (!upstream || typeof upstream !== 'object' || Array.isArray(upstream) || !Object.keys(upstream).length) return [];
  return Object.entries(given).flatMap(([k, v]) => {
    const up = (upstream as V)[k];
    if (!(k in (upstream as V))) return [[...at, k].join('.')];
    return v && typeof v === 'object' && !Array.isArray(v) ? unknownPaths(v, up, [...at, k]) : [];
  });
}

describe('the addon chart table covers the catalog', () => {
  it('names every upstream addon of the catalog at the version the catalog pins', () => {
    const pinned = Object.entries(catalog.entries)
      .filter(([name]) => !NOT_COVERED.includes(name))
      .map(([name, e]) => [name, e.chart.name, e.chart.version]);
    expect(ADDON_CHARTS.map((a) => [a.addon, a.chart, a.version]).sort()).toEqual(pinned.sort());
  });

  it.each(ADDON_CHARTS.filter((a) => a.fixture))('$addon: the fixture folder is the pinned version', (a) => {
    expect(a.fixture).toMatch(new RegExp(`-${a.version.replace(/\./g, '\\.')}$`));
    expect(existsSync(join(FIXTURES, a.fixture!, 'values.yaml'))).toBe(true);
    expect(existsSync(join(FIXTURES, a.fixture!, 'values.schema.json'))).toBe(Boolean(a.schema));
    expect(readFileSync(join(FIXTURES, 'NOTICE.md'), 'utf8')).toContain(`\`${a.fixture}\``);
  });
});

describe.each(ADDON_CHARTS)('addon $addon (chart $chart $version)', (a) => {
  it.each(a.rules.map((r) => [r.what, r] as const))('%s', async (_what, rule) => {
    const { values } = await addonValues(a);
    expect(rule.holds(values, a.tenant), `${rule.what} (${rule.upstream})`).toBe(true);
  });

  it.runIf(Boolean(a.fixture))("sets only keys the chart's values.yaml has", async () => {
    const { given } = await addonValues(a);
    const upstream = parse(readFileSync(join(FIXTURES, a.fixture!, 'values.yaml'), 'utf8'), { version: '1.1' }) as V;
    expect(unknownPaths(given, upstream)).toEqual([]);
  });

  it.runIf(Boolean(a.schema))("passes the chart's published values.schema.json", async () => {
    const { values } = await addonValues(a);
    const schema = JSON.parse(readFileSync(join(FIXTURES, a.fixture!, 'values.schema.json'), 'utf8')) as V;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const ok = validate(values);
    expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });
});

describe('the rules catch what the issue found', () => {
  it("velero with only a backup storage location (the chart's defaults otherwise) breaks three rules", () => {
    const velero = ADDON_CHARTS.find((a) => a.addon === 'velero')!;
    const chartValues = parse(readFileSync(join(FIXTURES, velero.fixture!, 'values.yaml'), 'utf8'), { version: '1.1' }) as V;
    const bare = coalesceValues({ configuration: { backupStorageLocation: [{ name: 'default', provider: 'aws', bucket: 'b' }] } }, chartValues) as V;
    const broken = velero.rules.filter((r) => !r.holds(bare, velero.tenant)).map((r) => r.what);
    expect(broken).toEqual([
      expect.stringMatching(/^at least one provider plugin/),
      expect.stringMatching(/^no VolumeSnapshotLocation without a provider/),
      expect.stringMatching(/^credentials:/),
    ]);
  });

  it('gpu-operator with the chart defaults does not reach a GPU group tainted other than nvidia.com/gpu', () => {
    const gpu = ADDON_CHARTS.find((a) => a.addon === 'gpu-operator')!;
    const chartValues = parse(readFileSync(join(FIXTURES, gpu.fixture!, 'values.yaml'), 'utf8'), { version: '1.1' }) as V;
    const rule = gpu.rules.find((r) => r.what.startsWith('operands and NFD workers'))!;
    expect(rule.holds(chartValues, gpu.tenant)).toBe(false);
  });
});
