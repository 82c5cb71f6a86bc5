// Random values that satisfy a chart's bundled values schema, walking the schema generically.
// Strings with a pattern come from the schema's examples/defaults or from fast-check's
// stringMatching, so the fuzzer explores what the schema admits, not what we expect.
import fc from 'fast-check';
import { deref } from '../../../generator/src/schema/defaults.ts';
import type { JsonSchema } from '../../../generator/src/schema/types.ts';
import type { Rng } from './rng.ts';

export interface SampleOptions {
  /** probability of including an optional property (default 0.35) */
  optionalProbability?: number;
  /** maximum entries generated for a map or array */
  maxEntries?: number;
  /** JSON pointers-ish dotted paths never generated (e.g. free-form pass-through maps) */
  skip?: (path: string[]) => boolean;
}

const MAP_KEY_PATTERN = '^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$';

export function sampleValues(root: JsonSchema, rng: Rng, opts: SampleOptions = {}): Record<string, unknown> {
  const out = sampleNode(root, root, rng, opts, [], 0) as Record<string, unknown>;
  delete out.global;
  return out;
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties || s.additionalProperties) return 'object';
  return undefined;
}

function sampleNode(root: JsonSchema, node: JsonSchema, rng: Rng, opts: SampleOptions, path: string[], depth: number): unknown {
  const s = deref(root, node);
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  const alts = s.oneOf ?? s.anyOf;
  if (alts) {
    const { oneOf: _o, anyOf: _a, ...rest } = s;
    return sampleNode(root, { ...rest, ...rng.pick(alts) }, rng, opts, path, depth);
  }
  // reuse known-good values often: they carry the author's intent (realistic sizes, URLs)
  const known = [...(s.examples ?? []), ...('default' in s ? [s.default] : [])];
  const t = typeOf(s);
  if (known.length && (t !== 'object' || rng.bool(0.3)) && rng.bool(0.6)) return structuredClone(rng.pick(known));
  switch (t) {
    case 'boolean':
      return rng.bool();
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : Math.max(min + 100, min);
      const v = rng.int(Math.ceil(min), Math.floor(Math.min(max, min + 10_000)));
      return v;
    }
    case 'string':
      return sampleString(s, rng);
    case 'array': {
      const items = Array.isArray(s.items) ? s.items[0] : s.items;
      if (!items) return [];
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxItems = typeof s.maxItems === 'number' ? s.maxItems : 3;
      const n = rng.int(min, Math.max(min, Math.min(maxItems, opts.maxEntries ?? 3)));
      const arr = Array.from({ length: n }, (_, i) => sampleNode(root, items, rng, opts, [...path, String(i)], depth + 1));
      return s.uniqueItems ? [...new Map(arr.map((v) => [JSON.stringify(v), v])).values()] : arr;
    }
    case 'object':
      return sampleObject(root, s, rng, opts, path, depth);
    default:
      return known.length ? structuredClone(rng.pick(known)) : null;
  }
}

function sampleObject(root: JsonSchema, s: JsonSchema, rng: Rng, opts: SampleOptions, path: string[], depth: number) {
  const out: Record<string, unknown> = {};
  const required = new Set(s.required ?? []);
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    const p = [...path, key];
    if (opts.skip?.(p)) continue;
    if (required.has(key) || (depth < 6 && rng.bool(opts.optionalProbability ?? 0.35))) {
      out[key] = sampleNode(root, sub, rng, opts, p, depth + 1);
    }
  }
  const item = typeof s.additionalProperties === 'object' ? (s.additionalProperties as JsonSchema) : undefined;
  if (item && !s.properties && depth < 6 && !opts.skip?.([...path, '*'])) {
    const n = rng.int(0, opts.maxEntries ?? 3);
    for (let i = 0; i < n; i++) {
      const names = (s.propertyNames as JsonSchema | undefined) ?? { pattern: MAP_KEY_PATTERN };
      const key = names.enum
        ? String(rng.pick(names.enum))
        : sampleString({ pattern: names.pattern ?? MAP_KEY_PATTERN, maxLength: Math.min(Number(names.maxLength ?? 12), 12) }, rng);
      out[key] = sampleNode(root, item, rng, opts, [...path, key], depth + 1);
    }
  }
  return out;
}

function sampleString(s: JsonSchema, rng: Rng): string {
  const maxLength = typeof s.maxLength === 'number' ? s.maxLength : 256;
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern);
    for (let attempt = 0; attempt < 20; attempt++) {
      const [v] = fc.sample(fc.stringMatching(re, { size: 'small' }), { seed: rng.int(0, 2 ** 31 - 1), numRuns: 1 });
      if (v !== undefined && v.length <= maxLength && v.length >= minLength) return v;
    }
    throw new Error(`could not sample a string for pattern ${s.pattern} within ${minLength}..${maxLength} characters`);
  }
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  const n = rng.int(Math.max(1, minLength), Math.max(1, Math.min(maxLength, 16)));
  return Array.from({ length: n }, () => rng.pick([...alphabet])).join('');
}
