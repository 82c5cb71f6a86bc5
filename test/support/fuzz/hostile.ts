// Hostile strings in every free-text slot of a values sample: strings the schema admits (no pattern,
// enum or format) must stay data. Each case renders the sample twice — once with a harmless marker in
// every slot, once with hostile strings — and requires the same objects from both, and every hostile
// string verbatim wherever its marker arrived (in a field, or inside a YAML/JSON document a field holds).
import { parse } from 'yaml';
import type { HelmMajor } from '../../../generator/src/helm/binary.ts';
import { helmTemplate } from '../../../generator/src/helm/run.ts';
import { objectRef, parseManifests } from '../../../generator/src/manifest/parse.ts';
import { join } from 'node:path';
import { chartsDir } from '../../../generator/src/paths.ts';
import { FREE_TEXT_PATTERN } from '../../../generator/src/schema/bundle.ts';
import { deref } from '../../../generator/src/schema/defaults.ts';
import type { JsonSchema } from '../../../generator/src/schema/types.ts';
import { type ChartProfile, effectiveValues, loadChartSchema, schemaValidator, validSample } from './property.ts';
import { createRng, type Rng } from './rng.ts';

/** Strings that become YAML structure, Go-template text, other types or line breaks if written raw. */
export const HOSTILE_STRINGS: readonly string[] = [
  'a\n  evil: [1]',
  'a: b',
  '- --evil-flag=1',
  '{{ .Release.Name }}',
  '"quoted" \'single\' `back`',
  '# not a comment',
  'yes',
  '0x1F',
  '~',
  '&anchor *alias !!binary',
  '}]{[,',
  ' leading and trailing ',
];

interface Slot {
  /** path of the string in the values (object keys and array indexes) */
  path: (string | number)[];
  schema: JsonSchema;
}

// (U+0085/U+2028/U+2029 are not among them: free-text schemas reject them, see FREE_TEXT_PATTERN)
const isFreeText = (s: JsonSchema) =>
  s.type === 'string' && (s.pattern === undefined || s.pattern === FREE_TEXT_PATTERN) && !s.enum && s.const === undefined && !s.format && !s.anyOf && !s.oneOf;

/** Every string leaf of `values` whose schema admits any text. */
export function freeTextSlots(root: JsonSchema, values: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (node: JsonSchema | undefined, v: unknown, path: (string | number)[]) => {
    if (!node) return;
    const s = deref(root, node);
    if (typeof v === 'string') {
      if (isFreeText(s)) out.push({ path, schema: s });
      return;
    }
    if (Array.isArray(v)) {
      const items = Array.isArray(s.items) ? undefined : (s.items as JsonSchema | undefined);
      v.forEach((x, i) => walk(items, x, [...path, i]));
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const sub = (s.properties as Record<string, JsonSchema> | undefined)?.[k] ?? (typeof s.additionalProperties === 'object' ? (s.additionalProperties as JsonSchema) : undefined);
        walk(sub, x, [...path, k]);
      }
    }
  };
  walk(root, values, []);
  return out;
}

function setAt(values: unknown, path: (string | number)[], value: string) {
  let node = values as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

/** Every string in an object tree, also inside strings that hold a YAML or JSON document. */
function stringsIn(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') {
    out.push(node);
    if (node.includes('\n') || /^[[{]/.test(node)) {
      try {
        const inner = parse(node, { logLevel: 'silent' }) as unknown;
        if (inner && typeof inner === 'object') stringsIn(inner, out);
      } catch {
        // not a document: the string itself is what counts
      }
    }
  } else if (Array.isArray(node)) node.forEach((x) => stringsIn(x, out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) (out.push(k), stringsIn(v, out));
  return out;
}

export interface HostileResult {
  seed: number;
  ok: boolean;
  slots: number;
  /** slots whose value reached the render */
  rendered: number;
  detail?: string;
  values: Record<string, unknown>;
}

function pickHostile(rng: Rng, schema: JsonSchema): string | undefined {
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const fitting = HOSTILE_STRINGS.filter((h) => h.length <= max && h.length >= min);
  return fitting.length ? rng.pick(fitting) : undefined;
}

async function render(profile: ChartProfile, values: unknown, major: HelmMajor) {
  const text = await helmTemplate({ chartDir: join(chartsDir, profile.chart), releaseName: profile.release, namespace: profile.namespace, values, major, apiVersions: profile.apiVersions });
  return parseManifests(text).map((d) => d.object);
}

export async function checkHostile(profile: ChartProfile, seed: number, major: HelmMajor): Promise<HostileResult> {
  const root = loadChartSchema(profile.chart);
  // most optional keys present: the more slots a sample has, the more a case can find
  const base = validSample({ ...profile, sample: { ...profile.sample, optionalProbability: 0.7 } }, seed);
  const rng = createRng(seed ^ 0x2f6b3c1d);
  const slots = freeTextSlots(root, base);
  const marked = structuredClone(base);
  const hostile = structuredClone(base);
  const used: { slot: Slot; marker: string; value: string }[] = [];
  slots.forEach((slot, i) => {
    const value = pickHostile(rng, slot.schema);
    const marker = `mk${i}z${seed}`;
    const maxLength = typeof slot.schema.maxLength === 'number' ? slot.schema.maxLength : Infinity;
    if (value === undefined || marker.length > maxLength) return;
    setAt(marked, slot.path, marker);
    setAt(hostile, slot.path, value);
    used.push({ slot, marker, value });
  });
  const schemaErrors = (v: unknown) => schemaValidator(profile.chart)(effectiveValues(profile.chart, v));
  if (schemaErrors(hostile) || schemaErrors(marked)) {
    return { seed, ok: false, slots: used.length, rendered: 0, values: hostile, detail: 'the substituted sample is not schema-valid: free-text slots must admit any text' };
  }
  let markedObjects;
  let hostileObjects;
  try {
    markedObjects = await render(profile, marked, major);
  } catch (err) {
    return { seed, ok: false, slots: used.length, rendered: 0, values: marked, detail: `marker render failed: ${String(err)}` };
  }
  try {
    hostileObjects = await render(profile, hostile, major);
  } catch (err) {
    return { seed, ok: false, slots: used.length, rendered: 0, values: hostile, detail: `hostile values broke the render: ${err instanceof Error ? err.message : String(err)}` };
  }
  // immutable templates are named after a hash of their content, which the values change
  const refs = (objs: typeof markedObjects) => objs.map((o) => objectRef(o).replace(/-[0-9a-f]{8}$/, '')).sort();
  if (JSON.stringify(refs(markedObjects)) !== JSON.stringify(refs(hostileObjects))) {
    return { seed, ok: false, slots: used.length, rendered: 0, values: hostile, detail: `hostile values changed the objects: ${refs(markedObjects).join(', ')} vs ${refs(hostileObjects).join(', ')}` };
  }
  const markedStrings = stringsIn(markedObjects).join('\u0000');
  const hostileStrings = stringsIn(hostileObjects);
  let rendered = 0;
  for (const u of used) {
    if (!markedStrings.includes(u.marker)) continue; // this slot is not written anywhere (e.g. only a condition)
    rendered++;
    if (!hostileStrings.some((s) => s.includes(u.value))) {
      return { seed, ok: false, slots: used.length, rendered, values: hostile, detail: `${u.slot.path.join('.')}: ${JSON.stringify(u.value)} did not arrive verbatim` };
    }
  }
  return { seed, ok: true, slots: used.length, rendered, values: hostile };
}
