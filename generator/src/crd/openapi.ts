// OpenAPI v2 (swagger) document → strict standalone JSON Schema of one kind, for kinds whose API server
// publishes no CRD manifest (KubeVirt's instancetypes and preferences are created by virt-operator at run
// time). The kind's definition is the body of its POST path (/apis/<group>/<version>/…), so the
// definition name is never guessed. Then, with the CRD conversion's conventions (convert.ts):
//  * every `#/definitions/…` ref is resolved in place (a `$ref`'s siblings — description, default,
//    x-kubernetes-* — are annotations and are kept next to the resolved definition);
//  * strictSchema(): additionalProperties: false on objects with properties, int-or-string, nullable;
//  * apiVersion and kind pinned by enum (the definitions type them as any string).
import { isObject, unescapePointerSegment } from '../util/json.ts';
import { type JsonSchema, strictSchema } from './convert.ts';

export class OpenApiConversionError extends Error {}

/** Keys whose values are schemas (or maps/lists of schemas); everything else (default, enum, example…) is data. */
const SCHEMA_MAPS = ['properties', 'patternProperties'] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SCHEMA_VALUES = ['additionalProperties', 'items', 'not'] as const;
const REF_SIBLINGS = /^(description|default|example|title|x-.*)$/;

function inline(node: JsonSchema, definitions: JsonSchema, stack: readonly string[]): JsonSchema {
  if (typeof node.$ref === 'string') {
    const m = /^#\/definitions\/(.+)$/.exec(node.$ref);
    if (!m) throw new OpenApiConversionError(`unsupported $ref ${node.$ref} (only #/definitions/… refs are resolved)`);
    const name = unescapePointerSegment(m[1]!);
    if (stack.includes(name)) throw new OpenApiConversionError(`recursive definition ${[...stack, name].join(' → ')} cannot be inlined`);
    const target = definitions[name];
    if (!isObject(target)) throw new OpenApiConversionError(`$ref ${node.$ref} names no definition`);
    const { $ref: _ref, ...siblings } = node;
    for (const k of Object.keys(siblings)) if (!REF_SIBLINGS.test(k)) throw new OpenApiConversionError(`$ref ${node.$ref} has a sibling "${k}" that is not an annotation`);
    return { ...inline(target, definitions, [...stack, name]), ...siblings };
  }
  const out: JsonSchema = { ...node };
  for (const k of SCHEMA_MAPS) {
    if (isObject(node[k])) out[k] = Object.fromEntries(Object.entries(node[k]).map(([p, v]) => [p, isObject(v) ? inline(v, definitions, stack) : v]));
  }
  for (const k of SCHEMA_LISTS) {
    if (Array.isArray(node[k])) out[k] = (node[k] as unknown[]).map((v) => (isObject(v) ? inline(v, definitions, stack) : v));
  }
  for (const k of SCHEMA_VALUES) {
    if (isObject(node[k])) out[k] = inline(node[k], definitions, stack);
    else if (k === 'items' && Array.isArray(node[k])) out[k] = (node[k] as unknown[]).map((v) => (isObject(v) ? inline(v, definitions, stack) : v));
  }
  return out;
}

/** The definition name the API accepts for apiVersion/kind: the body of POST /apis/<group>/<version>/[namespaces/{namespace}/]<plural>. */
function definitionOf(doc: JsonSchema, apiVersion: string, kind: string): string {
  const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}/` : `/api/${apiVersion}/`;
  const paths = isObject(doc.paths) ? doc.paths : {};
  const found = new Set<string>();
  for (const [path, ops] of Object.entries(paths)) {
    if (!path.startsWith(prefix) || !/^(namespaces\/\{[^}]+\}\/)?[a-z0-9.-]+$/.test(path.slice(prefix.length)) || !isObject(ops) || !isObject(ops.post)) continue;
    for (const p of Array.isArray(ops.post.parameters) ? ops.post.parameters : []) {
      const ref = isObject(p) && p.in === 'body' && isObject(p.schema) ? p.schema.$ref : undefined;
      const name = typeof ref === 'string' ? ref.replace(/^#\/definitions\//, '') : undefined;
      // definition names end in the kind (`v1beta1.VirtualMachineClusterInstancetype`, `io.k8s.api.apps.v1.Deployment`)
      if (name && (name === kind || name.endsWith(`.${kind}`))) found.add(name);
    }
  }
  if (found.size !== 1) {
    throw new OpenApiConversionError(found.size ? `${apiVersion} ${kind}: several definitions are accepted (${[...found].join(', ')})` : `no POST path under ${prefix} accepts a ${kind}`);
  }
  return [...found][0]!;
}

/** The strict standalone schema of apiVersion/kind from an OpenAPI v2 document. */
export function kindSchemaFromOpenApi(doc: unknown, apiVersion: string, kind: string): JsonSchema {
  if (!isObject(doc) || !isObject(doc.definitions)) throw new OpenApiConversionError('not an OpenAPI v2 document (no definitions)');
  const name = definitionOf(doc, apiVersion, kind);
  const schema = strictSchema(inline(doc.definitions[name] as JsonSchema, doc.definitions, [name]));
  const props = isObject(schema.properties) ? schema.properties : {};
  if (!isObject(props.apiVersion) || !isObject(props.kind)) throw new OpenApiConversionError(`definition ${name} has no apiVersion/kind properties`);
  schema.properties = { ...props, apiVersion: { ...props.apiVersion, enum: [apiVersion] }, kind: { ...props.kind, enum: [kind] } };
  return schema;
}

/** kubeconform CRD-layout path of a kind: `<group>/<kind-lowercase>_<version>.json`. */
export function kindSchemaPath(apiVersion: string, kind: string): string {
  const i = apiVersion.lastIndexOf('/');
  if (i < 0) throw new OpenApiConversionError(`${apiVersion} ${kind}: core-group kinds come from the core-kind schemas`);
  return `${apiVersion.slice(0, i)}/${kind.toLowerCase()}_${apiVersion.slice(i + 1)}.json`;
}
