// CustomResourceDefinition → strict standalone JSON Schema per served version (kubeconform layout),
// following kubeconform's openapi2jsonschema, walked structurally so values of `default`,
// `enum` or `example` are never edited:
//  * additionalProperties: false on every schema node with `properties` that has no
//    additionalProperties of its own and is not x-kubernetes-preserve-unknown-fields
//    (root included; not inside allOf/anyOf/oneOf/not branches, which only restate the parent);
//  * x-kubernetes-int-or-string without anyOf/oneOf (and old `format: int-or-string`) →
//    oneOf [string, integer];
//  * nullable: true → "null" added to type (and enum).
// Same conventions as ../shared/crd-schemas (no $schema, apiVersion/kind left as in the CRD).
import { isObject } from '../util/json.ts';

export type JsonSchema = Record<string, unknown>;

export interface CrdSchemaFile {
  /** kubeconform path: `<group>/<kind-lowercase>_<version>.json` */
  path: string;
  group: string;
  kind: string;
  version: string;
  schema: JsonSchema;
}

export class CrdConversionError extends Error {}

function strictNode(node: JsonSchema, inCombinator: boolean): JsonSchema {
  const out: JsonSchema = { ...node };
  if (isObject(node.properties)) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, isObject(v) ? strictNode(v, false) : v]));
  }
  if (isObject(node.patternProperties)) {
    out.patternProperties = Object.fromEntries(Object.entries(node.patternProperties).map(([k, v]) => [k, isObject(v) ? strictNode(v, false) : v]));
  }
  if (isObject(node.items)) out.items = strictNode(node.items, false);
  else if (Array.isArray(node.items)) out.items = node.items.map((v) => (isObject(v) ? strictNode(v, false) : v));
  if (isObject(node.additionalProperties)) out.additionalProperties = strictNode(node.additionalProperties, false);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(node[k])) out[k] = (node[k] as unknown[]).map((v) => (isObject(v) ? strictNode(v, true) : v));
  }
  if (isObject(node.not)) out.not = strictNode(node.not, true);

  const intOrString = node['x-kubernetes-int-or-string'] === true || node.format === 'int-or-string';
  if (intOrString && !node.anyOf && !node.oneOf) {
    out.oneOf = [{ type: 'string' }, { type: 'integer' }];
    // old style `type: string, format: int-or-string`: the type would reject every integer
    if (node.format === 'int-or-string') {
      delete out.format;
      if (out.type === 'string') delete out.type;
    }
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  if (!inCombinator && isObject(node.properties) && !('additionalProperties' in node) && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** The strict JSON Schema of one openAPIV3Schema. */
export function strictSchema(openAPIV3Schema: JsonSchema): JsonSchema {
  return strictNode(openAPIV3Schema, false);
}

/** One schema per served version of a CRD object. */
export function convertCrd(crd: unknown): CrdSchemaFile[] {
  if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition') throw new CrdConversionError('not a CustomResourceDefinition');
  const spec = isObject(crd.spec) ? crd.spec : {};
  const group = spec.group;
  const kind = isObject(spec.names) ? spec.names.kind : undefined;
  const name = isObject(crd.metadata) ? crd.metadata.name : '<unnamed>';
  if (typeof group !== 'string' || typeof kind !== 'string') throw new CrdConversionError(`CRD ${String(name)}: spec.group and spec.names.kind are required`);
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  const out: CrdSchemaFile[] = [];
  for (const v of versions) {
    if (!isObject(v) || v.served === false || typeof v.name !== 'string') continue;
    const schema = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : isObject(spec.validation) ? (spec.validation.openAPIV3Schema as JsonSchema | undefined) : undefined;
    if (!isObject(schema)) throw new CrdConversionError(`CRD ${String(name)} version ${v.name} has no openAPIV3Schema`);
    out.push({ path: `${group}/${kind.toLowerCase()}_${v.name}.json`, group, kind, version: v.name, schema: strictSchema(schema) });
  }
  return out;
}

/** kubeconform-style file content (2-space JSON, trailing newline). */
export function schemaFileContent(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
