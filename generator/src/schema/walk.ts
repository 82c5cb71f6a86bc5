// Generic traversal of a JSON Schema tree, visiting every subschema with its JSON pointer.
import { isObject } from '../util/json.ts';
import { type JsonSchema, SCHEMA_KEYWORDS, SCHEMA_LIST_KEYWORDS, SCHEMA_MAP_KEYWORDS } from './types.ts';

// re-exported: schema modules take it from here
export { isObject };

export type SchemaVisitor = (schema: JsonSchema, pointer: string) => JsonSchema | void;

/**
 * Rebuilds a schema bottom-up: `visit` sees each subschema after its children were rebuilt
 * and may return a replacement. The input is not modified.
 */
export function mapSchema(schema: JsonSchema, visit: SchemaVisitor, pointer = '#'): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          isObject(sub) ? mapSchema(sub as JsonSchema, visit, `${pointer}/${key}/${name}`) : sub,
        ]),
      );
    } else if (SCHEMA_KEYWORDS.has(key) && isObject(value)) {
      out[key] = mapSchema(value as JsonSchema, visit, `${pointer}/${key}`);
    } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub, i) => mapSchema(sub as JsonSchema, visit, `${pointer}/${key}/${i}`));
    } else if (key === 'items' && isObject(value)) {
      out[key] = mapSchema(value as JsonSchema, visit, `${pointer}/items`);
    } else if (key === 'items' && Array.isArray(value)) {
      out[key] = value.map((sub, i) => mapSchema(sub as JsonSchema, visit, `${pointer}/items/${i}`));
    } else {
      out[key] = value;
    }
  }
  return visit(out, pointer) ?? out;
}

