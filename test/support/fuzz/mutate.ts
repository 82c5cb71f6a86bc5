// Schema-guided mutations that turn valid values invalid, each remembering the key it broke,
// so a test can demand that the rejection message names that key.
import { deref } from '../../../generator/src/schema/defaults.ts';
import type { JsonSchema } from '../../../generator/src/schema/types.ts';
import type { Rng } from './rng.ts';

export interface Mutation {
  kind: 'unknown-key' | 'wrong-type' | 'enum' | 'pattern' | 'below-minimum' | 'cross-field';
  /** the values path the mutation touched */
  path: string[];
  /** a word the rejection message must contain */
  mustMention: string;
  values: Record<string, unknown>;
}

interface Site {
  path: string[];
  schema: JsonSchema;
  value: unknown;
}

/** Every (path, schema, value) reachable in `values` following the schema. */
export function sitesOf(root: JsonSchema, values: unknown): Site[] {
  const sites: Site[] = [];
  const visit = (node: JsonSchema, value: unknown, path: string[]) => {
    const s = deref(root, node);
    sites.push({ path, schema: s, value });
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) {
        const sub = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? (s.additionalProperties as JsonSchema) : undefined);
        if (sub) visit(sub, v, [...path, k]);
      }
    } else if (Array.isArray(value) && s.items && !Array.isArray(s.items)) {
      value.forEach((v, i) => visit(s.items as JsonSchema, v, [...path, String(i)]));
    }
  };
  visit(root, values, []);
  return sites.filter((x) => x.path[0] !== 'global');
}

function setAt(values: Record<string, unknown>, path: string[], v: unknown): Record<string, unknown> {
  const copy = structuredClone(values);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = v;
  return copy;
}

const lastNamed = (path: string[]) => [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? path[0]!;

/** One random schema violation of `values`, or undefined when nothing could be mutated. */
export function mutateValues(root: JsonSchema, values: Record<string, unknown>, rng: Rng): Mutation | undefined {
  const sites = sitesOf(root, values);
  const strictObjects = sites.filter(
    (x) => x.value && typeof x.value === 'object' && !Array.isArray(x.value) && x.schema.additionalProperties === false,
  );
  const leaves = sites.filter((x) => x.path.length > 0 && (x.value === null || typeof x.value !== 'object'));
  const kinds: Mutation['kind'][] = ['unknown-key', 'wrong-type', 'enum', 'pattern', 'below-minimum'];
  for (let attempt = 0; attempt < 20; attempt++) {
    const kind = rng.pick(kinds);
    if (kind === 'unknown-key' && strictObjects.length) {
      const site = rng.pick(strictObjects);
      const key = `zz${rng.pick(['Typo', 'Extra', 'Unknown'])}Key`;
      return { kind, path: [...site.path, key], mustMention: key, values: setAt(values, [...site.path, key], 'x') };
    }
    if (kind === 'wrong-type' && leaves.length) {
      const site = rng.pick(leaves);
      const t = Array.isArray(site.schema.type) ? site.schema.type : [site.schema.type];
      const wrong = t.includes('string') ? { not: 'a string' } : t.includes('boolean') ? 'yes' : 'not-a-number';
      if (t.includes(undefined as unknown as string) || site.schema.oneOf || site.schema.anyOf) continue;
      return { kind, path: site.path, mustMention: lastNamed(site.path), values: setAt(values, site.path, wrong) };
    }
    if (kind === 'enum') {
      const cands = leaves.filter((x) => Array.isArray(x.schema.enum) && x.schema.enum.every((e) => typeof e === 'string'));
      if (!cands.length) continue;
      const site = rng.pick(cands);
      return { kind, path: site.path, mustMention: lastNamed(site.path), values: setAt(values, site.path, 'not-a-choice') };
    }
    if (kind === 'pattern') {
      const cands = leaves.filter((x) => typeof x.schema.pattern === 'string' && !new RegExp(x.schema.pattern).test('Bad Value;$(id)'));
      if (!cands.length) continue;
      const site = rng.pick(cands);
      return { kind, path: site.path, mustMention: lastNamed(site.path), values: setAt(values, site.path, 'Bad Value;$(id)') };
    }
    if (kind === 'below-minimum') {
      const cands = leaves.filter((x) => typeof x.schema.minimum === 'number');
      if (!cands.length) continue;
      const site = rng.pick(cands);
      return { kind, path: site.path, mustMention: lastNamed(site.path), values: setAt(values, site.path, (site.schema.minimum as number) - 1) };
    }
  }
  return undefined;
}
