// Source schema (YAML files under schemas/<chart>/, split with file $refs) → one bundled
// draft-07 values.schema.json that rejects unknown keys everywhere except declared pass-through maps.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { DRAFT07_KEYWORDS, type JsonSchema } from './types.ts';
import { isObject, mapSchema } from './walk.ts';
import { valueAtPointer } from '../util/json.ts';

export class SchemaSourceError extends Error {}

export interface BundleOptions {
  /** repository-relative path of the entry file, for the generated header */
  sourceLabel: string;
  /** the command that regenerates the output, named in `$comment` */
  regenerateCommand: string;
  /** extra root properties contributed by generators (catalog entries), merged before strictifying */
  extraRootProperties?: Record<string, JsonSchema>;
}

/** Reads a YAML/JSON schema file and inlines every file `$ref` (`./part.yaml` or `./part.yaml#/definitions/x`). */
export function loadSchemaFile(file: string, seen: string[] = []): { schema: JsonSchema; definitions: Record<string, JsonSchema> } {
  const abs = resolve(file);
  if (seen.includes(abs)) throw new SchemaSourceError(`circular $ref: ${[...seen, abs].join(' → ')}`);
  const doc = parse(readFileSync(abs, 'utf8')) as unknown;
  if (!isObject(doc)) throw new SchemaSourceError(`${abs}: a schema file must hold a YAML mapping`);
  const definitions: Record<string, JsonSchema> = {};
  const addDefinitions = (defs: Record<string, JsonSchema> | undefined, from: string) => {
    for (const [name, def] of Object.entries(defs ?? {})) {
      if (definitions[name] && JSON.stringify(definitions[name]) !== JSON.stringify(def)) {
        throw new SchemaSourceError(`definition "${name}" is declared twice with different content (second in ${from})`);
      }
      definitions[name] = def;
    }
  };
  const schema = mapSchema(doc as JsonSchema, (node) => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || ref.startsWith('#')) return;
    const [path, fragment] = ref.split('#');
    const target = resolve(dirname(abs), path!);
    const loaded = loadSchemaFile(target, [...seen, abs]);
    addDefinitions(loaded.definitions, target);
    let sub: JsonSchema = loaded.schema;
    // a definition of another file is hoisted like every definition: refer to it locally
    const definition = /^\/definitions\/([^/]+)$/.exec(fragment ?? '')?.[1];
    if (definition && loaded.definitions[definition]) sub = { $ref: `#/definitions/${definition}` };
    else if (fragment) sub = resolvePointer(loaded.schema, fragment, ref);
    const { $ref: _drop, ...siblings } = node;
    // siblings of a file $ref (description, default) refine the inlined schema
    return { ...sub, ...siblings };
  });
  addDefinitions(schema.definitions, abs);
  delete schema.definitions;
  return { schema, definitions };
}

function resolvePointer(schema: JsonSchema, fragment: string, ref: string): JsonSchema {
  const node = valueAtPointer(schema, fragment);
  if (!isObject(node)) throw new SchemaSourceError(`$ref ${ref} points at nothing`);
  return node as JsonSchema;
}

/**
 * What a free-text string (no pattern, enum or format of its own) may not contain: U+0085, U+2028 and
 * U+2029 are line breaks to YAML 1.1 readers, and Helm's toYaml turns them into spaces, so such a value
 * would not arrive as written. The characters stand in the pattern literally: Go's RE2 (Helm) and
 * ECMAScript regular expressions share no escape syntax for them.
 */
export const FREE_TEXT_PATTERN = '^[^\u0085\u2028\u2029]*$';

/**
 * Makes a schema strict: every object schema with `properties` rejects unknown keys unless it
 * declares `additionalProperties` itself. An object schema without `properties` must say
 * explicitly whether it is a pass-through map. Free-text strings get FREE_TEXT_PATTERN. Fails on
 * keywords outside draft-07.
 */
export function strictify(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (node, pointer) => {
    for (const key of Object.keys(node)) {
      if (key.startsWith('x-')) {
        delete node[key]; // authoring annotations stay in the source
        continue;
      }
      if (!DRAFT07_KEYWORDS.has(key)) {
        throw new SchemaSourceError(`${pointer}: keyword "${key}" is not draft-07; Helm 3 ≤ 3.18.4 would ignore it. Use a draft-07 keyword.`);
      }
    }
    const constrained = ['pattern', 'enum', 'const', 'format', 'anyOf', 'oneOf', 'allOf', '$ref'].some((k) => node[k] !== undefined);
    if (node.type === 'string' && !constrained) {
      node.pattern = FREE_TEXT_PATTERN;
    }
    const isObjectType = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
    if (node.properties && node.additionalProperties === undefined) {
      node.additionalProperties = false;
    } else if (isObjectType && !node.properties && node.additionalProperties === undefined && !node.patternProperties && !node.$ref) {
      throw new SchemaSourceError(
        `${pointer}: an object without "properties" must declare "additionalProperties" (a schema for a pass-through map, or false)`,
      );
    }
  });
}

/** The whole pipeline for one chart: load, hoist definitions, add `global`, strictify, stamp. */
export function bundleSchema(entryFile: string, opts: BundleOptions): JsonSchema {
  const { schema, definitions } = loadSchemaFile(entryFile);
  const properties: Record<string, JsonSchema> = {
    global: {
      type: 'object',
      description: 'Values Helm shares with subcharts. Accepted for subchart use; this chart reads nothing from it.',
      additionalProperties: true,
    },
    ...schema.properties,
    ...opts.extraRootProperties,
  };
  const bundled: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated by \`${opts.regenerateCommand}\` from ${opts.sourceLabel}. Do not edit.`,
    ...schema,
    properties,
  };
  if (Object.keys(definitions).length) bundled.definitions = sortKeys(definitions);
  delete bundled.$id;
  return pruneDefinitions(strictify(bundled));
}

/**
 * Drops the definitions no `$ref` reaches: a file `$ref` hoists every definition of that file, so a chart
 * that uses one shape of a shared file (kubernetes/kube-types.yaml) would otherwise carry — and be
 * regenerated for — all the others.
 */
export function pruneDefinitions(schema: JsonSchema): JsonSchema {
  const definitions = schema.definitions;
  if (!definitions) return schema;
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
          const name = value.slice('#/definitions/'.length);
          if (!reached.has(name) && definitions[name]) {
            reached.add(name);
            visit(definitions[name]);
          }
        } else if (!(node === schema && key === 'definitions')) visit(value);
      }
    }
  };
  visit(schema);
  const out: JsonSchema = { ...schema, definitions: Object.fromEntries(Object.entries(definitions).filter(([name]) => reached.has(name))) };
  if (Object.keys(out.definitions!).length === 0) delete out.definitions;
  return out;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

export function relativeLabel(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
