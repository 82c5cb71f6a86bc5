// The GitOps path: a Flux HelmRelease of one of this repository's charts gets its spec.values
// checked against that chart's values.schema.json here, before Flux reconciles it. Helm checks
// the values after coalescing them over the chart's values.yaml, so the rule does the same.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { chartsDir, repoRoot } from '../../paths.ts';
import { coalesceValues, mergeFluxValues } from '../../schema/coalesce.ts';
import { escapePointerSegment, isObject, valueAtPointer } from '../../util/json.ts';
import { editDistance } from '../../util/text.ts';
import { childPath, pointerToPath, schemaIssues } from '../schema-check.ts';
import { validatorForSchema } from '../schema-registry.ts';
import type { IndexedDoc, ValidationIssue } from '../types.ts';
import { type WiringContext, type WiringRule, arr, get, record, str } from '../wiring.ts';
import { releaseChartName, releases } from './flux.ts';

const RULE = 'helmrelease-values';

interface ChartValues {
  chart: string;
  validate: ValidateFunction;
  defaults: unknown;
  schemaFile: string;
}

/** Schema and defaults of a chart under charts/ that has a values schema (ours), else undefined. */
function chartValues(chart: string): ChartValues | undefined {
  if (!/^[a-z0-9][-a-z0-9]*$/.test(chart)) return undefined;
  const schemaFile = join(chartsDir, chart, 'values.schema.json');
  if (!existsSync(schemaFile)) return undefined;
  const { $schema: _s, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  const valuesFile = join(chartsDir, chart, 'values.yaml');
  // Helm reads values.yaml with go-yaml (YAML 1.1), as the manifests are read
  const defaults = existsSync(valuesFile) ? ((parse(readFileSync(valuesFile, 'utf8'), { version: '1.1' }) as unknown) ?? {}) : {};
  return { chart, validate: validatorForSchema(schema), defaults, schemaFile: relative(repoRoot, schemaFile) };
}

interface ValuesFrom {
  /** the sources read from the input, in merge order */
  sources: { label: string; values: Record<string, unknown> }[];
  /** false when an entry could not be read from the input (not there, or a targetPath) */
  known: boolean;
}

/** spec.valuesFrom entries that are ConfigMaps or Secrets in the input, read as Flux reads them. */
function valuesFrom(ctx: WiringContext, d: IndexedDoc): ValuesFrom {
  const sources: ValuesFrom['sources'] = [];
  for (const entry of arr(get(d.object, 'spec.valuesFrom'))) {
    const r = record(entry);
    const kind = str(r?.kind);
    const name = str(r?.name);
    if (!r || !name || (kind !== 'ConfigMap' && kind !== 'Secret') || str(r.targetPath)) return { sources, known: false };
    const source = ctx.find(kind, d.namespace, name, '')?.object as Record<string, unknown> | undefined;
    if (!source) {
      if (r.optional === true && !ctx.resolve(kind, d.namespace, name, '')) continue; // Flux skips a missing optional source
      return { sources, known: false };
    }
    const key = str(r.valuesKey) ?? 'values.yaml';
    const plain = record(source.stringData)?.[key] ?? (kind === 'ConfigMap' ? record(source.data)?.[key] : undefined);
    const encoded = kind === 'Secret' ? record(source.data)?.[key] : undefined;
    const text = plain ?? (typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8') : undefined);
    if (typeof text !== 'string') {
      if (r.optional === true) continue;
      return { sources, known: false }; // helmrelease-values-from reports the missing key
    }
    sources.push({ label: `${kind} ${name} key ${key}`, values: record(parse(text, { version: '1.1' })) ?? {} });
  }
  return { sources, known: true };
}

/** Keywords whose failure depends on nothing but the value at the error's path. */
const LOCAL_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'additionalItems', 'propertyNames', 'additionalProperties', 'oneOf', 'anyOf']);

/**
 * With values from an unseen valuesFrom source, an error is certain only when it concerns a value
 * spec.values sets (spec.values is merged last, so that value is final) and depends on nothing else:
 * an unknown key, a wrong type or format. Missing required keys and cross-field rules may be
 * satisfied by the unseen values, so they are not reported.
 */
function certainWithoutValuesFrom(e: ErrorObject, given: unknown): boolean {
  if (!LOCAL_KEYWORDS.has(e.keyword) || /\/(if|then|else|not|dependencies)(\/|$)/.test(e.schemaPath)) return false;
  const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${escapePointerSegment(String((e.params as { additionalProperty: string }).additionalProperty))}` : e.instancePath;
  const value = valueAtPointer(given, pointer);
  if (value === undefined) return false;
  // a mapping may still gain keys from valuesFrom: only its type and its own unknown keys are final
  return !isObject(value) || ['type', 'additionalProperties', 'propertyNames'].includes(e.keyword);
}

/** Closest declared key to a misspelt one (edit distance ≤ 2), for "did you mean". */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return best;
}

function check(d: IndexedDoc, chart: ChartValues, given: Record<string, unknown>, from: ValuesFrom): ValidationIssue[] {
  const fromSources = from.sources.reduce<Record<string, unknown>>((acc, s) => mergeFluxValues(acc, s.values), {});
  const merged = coalesceValues(mergeFluxValues(fromSources, given), chart.defaults);
  if (chart.validate(merged)) return [];
  const errors = (chart.validate.errors ?? []).filter((e) => from.known || certainWithoutValuesFrom(e, given));
  const notes = new Map<string, string>(); // issue path → what to add to its message
  const prefixed = errors.map((e) => {
    const instancePath = `/spec/values${e.instancePath}`;
    let pointer = e.instancePath;
    let path = pointerToPath(instancePath);
    let note = '';
    if (e.keyword === 'additionalProperties') {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      pointer = `${pointer}/${escapePointerSegment(prop)}`;
      path = childPath(path, prop);
      const guess = closest(prop, Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}));
      if (guess) note += ` (did you mean "${guess}"?)`;
    }
    // a value spec.values does not set came from valuesFrom (the last source that sets it wins)
    const origin = valueAtPointer(given, pointer) === undefined ? from.sources.findLast((s) => valueAtPointer(s.values, pointer) !== undefined) : undefined;
    if (origin) note += `, set by ${origin.label} (spec.valuesFrom)`;
    if (note && !notes.has(path)) notes.set(path, note);
    return { ...e, instancePath };
  });
  const withValues = { ...d, object: { ...d.object, spec: { ...record(d.object.spec), values: merged } } };
  const unseen = from.known ? '' : '; spec.valuesFrom is not all in the input, so only what spec.values sets was checked';
  return schemaIssues(withValues, prefixed).map((i) => ({ ...i, rule: RULE, message: `${i.message}${notes.get(i.path) ?? ''} — values of chart ${chart.chart} (${chart.schemaFile})${unseen}` }));
}

export const helmReleaseValues: WiringRule = {
  id: RULE,
  description: [
    "spec.values of a Flux HelmRelease of one of this repository's charts (a chart under charts/ with a values.schema.json) pass that chart's",
    "values schema, checked as Helm does: coalesced over the chart's values.yaml (maps merge, null deletes a default). The chart is",
    'spec.chart.spec.chart (its last path segment for a GitRepository or Bucket source) or, through spec.chartRef, the last segment of an',
    "OCIRepository's url or a HelmChart's chart (when that object is in the input). spec.valuesFrom Secrets/ConfigMaps in the input are",
    'merged in as Flux does; when one is not (or uses targetPath), only what spec.values sets is checked: unknown keys, types, formats.',
  ].join(`\n${' '.repeat(25)}`),
  check(ctx) {
    const out: ValidationIssue[] = [];
    const charts = new Map<string, ChartValues | undefined>();
    for (const d of releases(ctx)) {
      const name = releaseChartName(ctx, d);
      if (!name) continue;
      if (!charts.has(name)) charts.set(name, chartValues(name));
      const chart = charts.get(name);
      if (!chart) continue; // not one of ours
      const given = get(d.object, 'spec.values');
      if (given !== undefined && !record(given)) continue; // the HelmRelease schema reports a non-mapping
      out.push(...check(d, chart, record(given) ?? {}, valuesFrom(ctx, d)));
    }
    return out;
  },
};
