// Default values implied by a schema, in schema order.
import type { JsonSchema } from './types.ts';
import { isObject } from './walk.ts';

/** Follows internal `#/definitions/...` refs against the bundled root. */
export function deref(root: JsonSchema, node: JsonSchema): JsonSchema {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    const target = root.definitions?.[name];
    if (!target) throw new Error(`unresolved $ref ${current.$ref}`);
    const { $ref: _r, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** The default of a subschema: its own `default`, else the object assembled from its properties' defaults. */
export function defaultOf(root: JsonSchema, node: JsonSchema): unknown {
  const s = deref(root, node);
  if ('default' in s) return structuredClone(s.default);
  if (!s.properties) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(s.properties)) {
    const d = defaultOf(root, sub);
    if (d !== undefined) out[key] = d;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The schema that governs `key` inside an object schema (declared property, else the map's item schema). */
export function childSchema(root: JsonSchema, parent: JsonSchema, key: string): JsonSchema | undefined {
  const p = deref(root, parent);
  if (p.properties?.[key]) return p.properties[key];
  for (const [pattern, sub] of Object.entries(p.patternProperties ?? {})) {
    if (new RegExp(pattern).test(key)) return sub;
  }
  return isObject(p.additionalProperties) ? (p.additionalProperties as JsonSchema) : undefined;
}

export function itemSchema(root: JsonSchema, parent: JsonSchema): JsonSchema | undefined {
  const p = deref(root, parent);
  return isObject(p.items) ? (p.items as JsonSchema) : undefined;
}

/** The defaults document of a chart (what its values.yaml holds): the root's properties' defaults. */
export function defaultsDocument(root: JsonSchema): Record<string, unknown> {
  const { default: _ignored, ...withoutRootDefault } = root;
  return (defaultOf(root, withoutRootDefault) as Record<string, unknown> | undefined) ?? {};
}
