// Shared definitions for a schema folder: a subschema that occurs more than once across the folder's
// standalone schemas (and is big enough to be worth it) is stored once in `_definitions.json`, keyed by
// its content hash, and every occurrence becomes `{"$ref": "[../]_definitions.json#/definitions/<hash>"}`.
// The standalone core-kind schemas inline the whole PodSpec three times per workload kind; this is what
// keeps the committed folder small. It is a pure substitution: a `$ref`-only node means exactly the
// subschema it points at (draft-07), so validation results are unchanged. Relative refs keep the folder
// usable by kubeconform (like yannh's `-local` schema folders) as well as by the registry.
//
// Never extracted: the root of a file, anything inside allOf/anyOf/oneOf/not (error reporting relates a
// combinator's branch errors to it by schema path, which a ref would cut), and data (default, enum…).
import { createHash } from 'node:crypto';
import { isObject } from '../util/json.ts';
import { byCodeUnit } from '../util/text.ts';
import type { JsonSchema } from './convert.ts';

export const DEFINITIONS_FILE = '_definitions.json';
/** Subschemas smaller than this (bytes of compact JSON) stay inline: a ref would save little and cost a lookup. */
export const MIN_SHARED_BYTES = 512;

const MAPS = ['properties', 'patternProperties', 'definitions'] as const;
const COMBINATOR_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

interface Child {
  node: JsonSchema;
  /** inside a branch of allOf/anyOf/oneOf/not (the node itself or an ancestor) */
  inCombinator: boolean;
}

/** A copy of `node` with each schema-valued child replaced by `fn(child)` (data such as default is left alone). */
function mapChildren(node: JsonSchema, inCombinator: boolean, fn: (child: Child) => JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  for (const k of MAPS) {
    if (isObject(node[k])) out[k] = Object.fromEntries(Object.entries(node[k]).map(([p, v]) => [p, isObject(v) ? fn({ node: v, inCombinator }) : v]));
  }
  if (isObject(node.additionalProperties)) out.additionalProperties = fn({ node: node.additionalProperties, inCombinator });
  if (isObject(node.items)) out.items = fn({ node: node.items, inCombinator });
  else if (Array.isArray(node.items)) out.items = node.items.map((v) => (isObject(v) ? fn({ node: v, inCombinator }) : v));
  for (const k of COMBINATOR_LISTS) {
    if (Array.isArray(node[k])) out[k] = (node[k] as unknown[]).map((v) => (isObject(v) ? fn({ node: v, inCombinator: true }) : v));
  }
  if (isObject(node.not)) out.not = fn({ node: node.not, inCombinator: true });
  return out;
}

interface NodeInfo {
  hash: string;
  bytes: number;
}

/** Content hash and size of every node, bottom-up (a node's hash covers its children's hashes). */
function hashTree(root: JsonSchema, info: Map<JsonSchema, NodeInfo>): NodeInfo {
  const cached = info.get(root);
  if (cached) return cached;
  let childBytes = 0;
  const shallow = mapChildren(root, false, ({ node }) => {
    const c = hashTree(node, info);
    childBytes += c.bytes;
    return { '#': c.hash };
  });
  const text = JSON.stringify(shallow);
  const result = { hash: createHash('sha256').update(text).digest('hex').slice(0, 16), bytes: text.length + childBytes };
  info.set(root, result);
  return result;
}

export interface SharedSchemas {
  /** path → schema with shared subschemas replaced by refs */
  files: Map<string, JsonSchema>;
  /** hash → shared subschema (itself using refs to other shared subschemas) */
  definitions: Record<string, JsonSchema>;
}

/** How a file at `path` (relative to the folder) refers to a shared definition. */
export function definitionRef(path: string, hash: string): string {
  const depth = path.split('/').length - 1;
  return `${'../'.repeat(depth)}${DEFINITIONS_FILE}#/definitions/${hash}`;
}

/** Moves subschemas that occur at least twice (and are at least `minBytes` big) into shared definitions. */
export function shareDefinitions(schemas: ReadonlyMap<string, JsonSchema>, minBytes = MIN_SHARED_BYTES): SharedSchemas {
  const info = new Map<JsonSchema, NodeInfo>();
  const counts = new Map<string, number>();
  const countAll = (node: JsonSchema, inCombinator: boolean, isRoot: boolean) => {
    const { hash, bytes } = hashTree(node, info);
    if (!isRoot && !inCombinator && bytes >= minBytes) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    mapChildren(node, inCombinator, (c) => {
      countAll(c.node, c.inCombinator, false);
      return c.node;
    });
  };
  for (const s of schemas.values()) countAll(s, false, true);

  let shared = new Set([...counts].filter(([, n]) => n >= 2).map(([h]) => h));
  // Counting every occurrence also counts those nested inside another shared subschema, which end up
  // stored once. Drop hashes referenced only once after extraction until nothing changes.
  for (;;) {
    const { files, definitions } = extract(schemas, shared, info);
    const refs = new Map<string, number>();
    const countRefs = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(countRefs);
      else if (isObject(n)) {
        if (typeof n.$ref === 'string' && n.$ref.includes(`${DEFINITIONS_FILE}#/definitions/`)) {
          const h = n.$ref.slice(n.$ref.lastIndexOf('/') + 1);
          refs.set(h, (refs.get(h) ?? 0) + 1);
        }
        Object.values(n).forEach(countRefs);
      }
    };
    countRefs([...files.values(), ...Object.values(definitions)]);
    const keep = new Set([...shared].filter((h) => (refs.get(h) ?? 0) >= 2));
    if (keep.size === shared.size) return { files, definitions };
    shared = keep;
  }
}

function extract(schemas: ReadonlyMap<string, JsonSchema>, shared: ReadonlySet<string>, info: Map<JsonSchema, NodeInfo>): SharedSchemas {
  const definitions: Record<string, JsonSchema> = {};
  // `path` decides the relative ref; definitions live at the folder's top
  const rewrite = (node: JsonSchema, path: string, inCombinator: boolean): JsonSchema =>
    mapChildren(node, inCombinator, (c) => {
      const { hash } = info.get(c.node)!;
      if (!c.inCombinator && shared.has(hash)) {
        definitions[hash] ??= rewrite(c.node, DEFINITIONS_FILE, false);
        return { $ref: definitionRef(path, hash) };
      }
      return rewrite(c.node, path, c.inCombinator);
    });
  const files = new Map([...schemas].map(([path, s]) => [path, rewrite(s, path, false)] as const));
  return { files, definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => byCodeUnit(a, b))) };
}
