// A fleet typo fails the platform's own `helm template`/`helm install`: the management-platform values
// schema checks `tenants.<name>.values` against the kubernetes chart's values schema (embedded by
// `npm run generate`), as values given over that chart's values.yaml.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';
import { coalesceValues } from '../../generator/src/schema/coalesce.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { renderPlatform, renderPlatformError } from './support.ts';

type Values = Record<string, unknown>;
const readJson = (chart: string) => JSON.parse(readFileSync(join(chartsDir, chart, 'values.schema.json'), 'utf8')) as Values;
const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), doc: parse(readFileSync(join(dir, f), 'utf8')) as Values | null }));
const scenarios = yamlFiles(join(repoRoot, 'test', 'scenarios', 'kubernetes')).map(({ name, doc }) => ({ name, values: doc ?? {} }));
const invalid = yamlFiles(join(repoRoot, 'test', 'invalid', 'kubernetes')).map(({ name, doc }) => ({ name, values: (doc?.values ?? {}) as Values }));

const fleet = (tenants: Record<string, Values | null>) => ({ tenants: Object.fromEntries(Object.entries(tenants).map(([name, values]) => [name, { values }])) });

describe.each(HELM_MAJORS)('tenants.<name>.values under Helm %i', (major) => {
  it("a typo in a tenant's values fails the platform render, naming the tenant and the key", async () => {
    const message = await renderPlatformError({ major, values: fleet({ 'tenant-a': { nodeGroups: { workers: { replcas: 3 } } } }) });
    expect(message).toMatch(/tenants[./]tenant-a[./]values[./]nodeGroups[./]workers/);
    expect(message).toContain('replcas');
  });

  it('a value the kubernetes chart rejects fails too', async () => {
    const message = await renderPlatformError({ major, values: fleet({ 'tenant-b': { nodeGroups: { workers: { memory: '4GB' } } } }) });
    expect(message).toMatch(/tenants[./]tenant-b[./]values[./]nodeGroups[./]workers[./]memory/);
  });

  it('accepts every tenant scenario, partial sections the defaults complete, and a deleted default group', async () => {
    const tenants: Record<string, Values> = Object.fromEntries(scenarios.map((s) => [s.name, s.values]));
    tenants['image-tag-only'] = { images: { cloudControllerManager: { tag: 'v0.9.0' } } };
    tenants['no-workers'] = { nodeGroups: { workers: null, big: { cpu: 8, memory: '32Gi' } } };
    const docs = await renderPlatform({ major, values: fleet(tenants) });
    const releases = docs.map((d) => d.object).filter((o) => o.kind === 'HelmRelease' && (o.spec as { chart?: { spec?: { chart?: string } } }).chart?.spec?.chart === 'kubernetes');
    expect(releases.map((r) => r.metadata.name).sort()).toEqual(Object.keys(tenants).sort());
  });
});

describe("the kubernetes schema embedded in the platform's", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const strip = ({ $schema: _s, ...rest }: Values) => rest;
  const kubernetes = ajv.compile(strip(readJson('kubernetes')));
  const platform = ajv.compile(strip(readJson('management-platform')));
  const defaults = parse(readFileSync(join(chartsDir, 'kubernetes', 'values.yaml'), 'utf8')) as Values;
  const platformDefaults = parse(readFileSync(join(chartsDir, 'management-platform', 'values.yaml'), 'utf8')) as Values;
  // both as Helm validates them: the given values coalesced over the chart's values.yaml
  const asPlatformValues = (tenants: Record<string, Values>) => coalesceValues(fleet(tenants), platformDefaults);

  it.each([...scenarios, ...invalid])('agrees with the kubernetes chart on $name (given over values.yaml there)', ({ values }) => {
    const asTenant = platform(asPlatformValues({ t: values }));
    expect(asTenant, JSON.stringify(platform.errors)).toBe(kubernetes(coalesceValues(values, defaults)));
  });

  it('is a real check: the corpus holds values both schemas reject', () => {
    expect(invalid.filter(({ values }) => !platform(asPlatformValues({ t: values }))).length).toBeGreaterThan(5);
  });
});
