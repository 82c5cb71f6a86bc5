// Property runs over a chart: random schema-valid values must render with real helm and pass
// `matryoshka validate`; random invalid values must be rejected with a message naming the key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import addFormats from 'ajv-formats';
import type { HelmMajor } from '../../../generator/src/helm/binary.ts';
import { HelmError, helmTemplate } from '../../../generator/src/helm/run.ts';
import { parseManifests } from '../../../generator/src/manifest/parse.ts';
import { chartsDir } from '../../../generator/src/paths.ts';
import { coalesceValues } from '../../../generator/src/schema/coalesce.ts';
import type { JsonSchema } from '../../../generator/src/schema/types.ts';
import { formatReport, type ValidateOptions, validateDocs } from '../../../generator/src/validate/index.ts';
import { type Mutation, mutateValues } from './mutate.ts';
import { createRng, type Rng } from './rng.ts';
import { type SampleOptions, sampleValues } from './sample.ts';

export interface ChartProfile {
  chart: string;
  release: string;
  namespace: string;
  sample?: SampleOptions;
  /** makes sampled values satisfy the chart's cross-field rules (which a JSON Schema cannot state) */
  repair(values: Record<string, unknown>, rng: Rng): Record<string, unknown>;
  /** cross-field violations: each returns invalid values and the key the message must name */
  crossFieldMutations: ((values: Record<string, unknown>, rng: Rng) => Mutation | undefined)[];
  /** validation options for a sample (e.g. external objects the values point at) */
  validate?: (values: Record<string, unknown>) => ValidateOptions;
  apiVersions?: string[];
}

export interface CaseResult {
  seed: number;
  ok: boolean;
  detail?: string;
  values: Record<string, unknown>;
  objects?: number;
  mutation?: Mutation['kind'];
}

const PANIC = /nil pointer|<nil>|runtime error|invalid memory address|panic|wrong type for value/i;

export function loadChartSchema(chart: string): JsonSchema {
  return JSON.parse(readFileSync(join(chartsDir, chart, 'values.schema.json'), 'utf8')) as JsonSchema;
}

const validators = new Map<string, (v: unknown) => string | undefined>();
/** Ajv over the chart's values.schema.json: undefined when valid, else the errors. */
export function schemaValidator(chart: string) {
  let v = validators.get(chart);
  if (!v) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const fn = ajv.compile(loadChartSchema(chart));
    v = (x: unknown) => (fn(x) ? undefined : ajv.errorsText(fn.errors, { separator: '; ' }));
    validators.set(chart, v);
  }
  return v;
}

/** The values Helm validates: the given ones coalesced over the chart's values.yaml. */
export function effectiveValues(chart: string, values: unknown): unknown {
  return coalesceValues(structuredClone(values), parse(readFileSync(join(chartsDir, chart, 'values.yaml'), 'utf8')));
}

/** Samples tried per seed before giving up: the schema's own cross-field rules reject some. */
const SAMPLE_ATTEMPTS = 50;

/**
 * Random valid values for a seed: sampled from the schema, repaired for the rules only the templates
 * enforce, and kept when the schema accepts them as Helm sees them (over values.yaml). A sample the
 * schema's own rules (if/then, not, presence) refuse is drawn again, so those rules are not restated here.
 */
export function validSample(profile: ChartProfile, seed: number): Record<string, unknown> {
  const rng = createRng(seed);
  let errors: string | undefined;
  for (let attempt = 0; attempt < SAMPLE_ATTEMPTS; attempt++) {
    const values = profile.repair(sampleValues(loadChartSchema(profile.chart), rng, profile.sample), rng);
    errors = schemaValidator(profile.chart)(effectiveValues(profile.chart, values));
    if (!errors) return values;
  }
  throw new Error(`seed ${seed}: no schema-valid sample in ${SAMPLE_ATTEMPTS} attempts; last errors: ${errors}`);
}

function render(profile: ChartProfile, values: unknown, major: HelmMajor) {
  return helmTemplate({
    chartDir: join(chartsDir, profile.chart),
    releaseName: profile.release,
    namespace: profile.namespace,
    values,
    major,
    apiVersions: profile.apiVersions,
  });
}

export async function checkValid(profile: ChartProfile, seed: number, major: HelmMajor): Promise<CaseResult> {
  const values = validSample(profile, seed);
  let text: string;
  try {
    text = await render(profile, values, major);
  } catch (err) {
    return { seed, ok: false, values, detail: `render failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const docs = parseManifests(text);
  const report = validateDocs(docs, { namespace: profile.namespace, ...profile.validate?.(values) });
  if (!report.ok) return { seed, ok: false, values, objects: docs.length, detail: formatReport(report) };
  return { seed, ok: true, values, objects: docs.length };
}

/** One invalid case: a schema mutation or a cross-field mutation of a valid sample. */
export function invalidSample(profile: ChartProfile, seed: number): Mutation {
  const valid = validSample(profile, seed);
  const rng = createRng(seed ^ 0x5bd1e995);
  const useCross = profile.crossFieldMutations.length > 0 && rng.bool(0.4);
  if (useCross) {
    for (let i = 0; i < 10; i++) {
      const m = rng.pick(profile.crossFieldMutations)(valid, rng);
      if (m) return m;
    }
  }
  const m = mutateValues(loadChartSchema(profile.chart), valid, rng);
  if (!m) throw new Error(`seed ${seed}: nothing to mutate`);
  return m;
}

export async function checkInvalid(profile: ChartProfile, seed: number, major: HelmMajor): Promise<CaseResult> {
  const m = invalidSample(profile, seed);
  try {
    await render(profile, m.values, major);
  } catch (err) {
    const message = err instanceof HelmError ? err.message : String(err);
    if (PANIC.test(message)) return { seed, ok: false, values: m.values, mutation: m.kind, detail: `template panic: ${message}` };
    // Helm 3 names a schema path with dots, Helm 4 as a JSON pointer
    if (!message.includes(m.mustMention) && !message.includes(`/${m.mustMention.replaceAll('.', '/')}`)) {
      return { seed, ok: false, values: m.values, mutation: m.kind, detail: `message does not name "${m.mustMention}" (${m.path.join('.')}): ${message}` };
    }
    return { seed, ok: true, values: m.values, mutation: m.kind };
  }
  return { seed, ok: false, values: m.values, mutation: m.kind, detail: `accepted invalid values (${m.kind} at ${m.path.join('.')})` };
}
