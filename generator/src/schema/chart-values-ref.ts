// Cross-chart references: a schema node `$ref: '#/definitions/<chart>.values'` stands for "values
// given to a release of <chart>" (e.g. the management-platform's `tenants.<name>.values` are the
// values of a `kubernetes` release). Helm cannot follow a $ref into another chart's file, so the
// generator adds a copy of that chart's bundled schema to the bundle's definitions
// (`<chart>.values`, its definitions as `<chart>.<name>`).
//
// The copy checks values *as given*: Helm coalesces them over the chart's values.yaml before it
// validates, so wherever the defaults hold a mapping the copy must not demand what they supply.
// `required` keys the defaults provide are dropped there. A rule that looks at the whole mapping
// (if/then/else, a dependency on a defaulted key) is restated over the given part (givenForm: a key
// left out takes its default); what cannot be restated (min/maxProperties, schema-valued
// additionalProperties, …) is dropped, so the copy never rejects what Helm accepts. Lists and
// scalars replace their default, so their schemas stay as they are.
// Annotations (description, default, examples) are left out of the copy: the chart's own
// values.schema.json and README document its keys, and the copy stays small.
import { Ajv } from 'ajv';
import { SchemaSourceError } from './bundle.ts';
import type { JsonSchema } from './types.ts';
import { isObject, mapSchema } from './walk.ts';

/** What the bundler needs of a chart that another chart's schema refers to. */
export interface ChartValuesSource {
  /** the chart's bundled values schema */
  schema: JsonSchema;
  /** its values.yaml (the defaults document) */
  defaults: unknown;
}

/** `#/definitions/kubernetes.values` for chart `kubernetes`. */
export function chartValuesRef(chart: string): string {
  return `#/definitions/${chart}.values`;
}

/** The chart a `$ref` to embedded chart values names, or undefined for any other ref. */
export function chartOfValuesRef(ref: unknown): string | undefined {
  return typeof ref === 'string' ? /^#\/definitions\/([a-z0-9][-a-z0-9]*)\.values$/.exec(ref)?.[1] : undefined;
}

const ANNOTATIONS = ['description', 'default', 'examples', 'title', '$comment'];
const WHOLE_MAP_RULES = ['if', 'then', 'else', 'dependencies', 'not', 'minProperties', 'maxProperties'];

/** Charts whose values a bundled schema refers to (`$ref: '#/definitions/<chart>.values'`). */
export function referencedCharts(schema: JsonSchema): string[] {
  const charts = new Set<string>();
  mapSchema(schema, (node) => {
    const chart = chartOfValuesRef(node.$ref);
    if (chart) charts.add(chart);
  });
  return [...charts].sort();
}

/** A bundled schema with the definitions its references to other charts' values need added. */
export function embedChartValues(schema: JsonSchema, resolve: (chart: string) => ChartValuesSource): JsonSchema {
  const charts = referencedCharts(schema);
  if (charts.length === 0) return schema;
  const definitions: Record<string, JsonSchema> = { ...schema.definitions };
  for (const chart of charts) {
    for (const [name, def] of Object.entries(givenValuesDefinitions(chart, resolve(chart)))) {
      if (definitions[name]) throw new SchemaSourceError(`definition "${name}" clashes with the values of chart ${chart} embedded under that name`);
      definitions[name] = def;
    }
  }
  return { ...schema, definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))) };
}

const ruleAjv = new Ajv({ strict: false, allErrors: false });
const RESTATABLE = new Set(['type', 'properties', 'required', 'additionalProperties', 'const', 'enum', 'not', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'minimum', 'maximum', 'description']);

/** Whether `value` satisfies `schema` (a self-contained rule), undefined when it cannot be told. */
function holds(schema: JsonSchema, value: unknown): boolean | undefined {
  try {
    return ruleAjv.validate(schema, value);
  } catch {
    return undefined;
  }
}

/**
 * A rule over a mapping, restated over the part of it a user gives: `givenForm(S, d)` accepts given
 * values g exactly when S accepts g merged over the defaults d (as Helm coalesces them). A key the
 * defaults hold is never missing after the merge, so it leaves `required`; a key the user leaves out
 * takes its default, so a property rule its default breaks makes the key `required` (out → fails as
 * the merged value would). Mappings recurse; lists and scalars replace their default as they are.
 * Undefined when the rule uses keywords this cannot restate (it is then left out, as before).
 */
export function givenForm(rule: JsonSchema, defaults: unknown): JsonSchema | undefined {
  if (!isObject(defaults)) return rule;
  if (Object.keys(rule).some((k) => !RESTATABLE.has(k))) return undefined;
  if (typeof rule.additionalProperties === 'object') return undefined;
  const out: JsonSchema = { ...rule };
  const required = new Set((rule.required ?? []).filter((k) => !(k in defaults)));
  if (rule.properties) {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, sub] of Object.entries(rule.properties)) {
      if (!(key in defaults)) {
        properties[key] = sub;
        continue;
      }
      const given = givenForm(sub, defaults[key]);
      const byDefault = holds(sub, defaults[key]);
      if (!given || byDefault === undefined) return undefined;
      properties[key] = given;
      if (!byDefault) required.add(key);
    }
    out.properties = properties;
  }
  if (required.size) out.required = [...required];
  else delete out.required;
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (!rule[k]) continue;
    const branches = rule[k].map((b) => givenForm(b, defaults));
    if (branches.some((b) => !b)) return undefined;
    out[k] = branches as JsonSchema[];
  }
  for (const k of ['not', 'if', 'then', 'else'] as const) {
    if (rule[k] === undefined) continue;
    const given = givenForm(rule[k], defaults);
    if (!given) return undefined;
    out[k] = given;
  }
  return out;
}

/** The definitions `<chart>.values` and `<chart>.<name>…` that check values given to `chart`. */
export function givenValuesDefinitions(chart: string, source: ChartValuesSource): Record<string, JsonSchema> {
  const { definitions, $schema: _s, $comment: _c, title: _t, ...root } = source.schema;
  const defs: Record<string, JsonSchema> = { ...definitions }; // loosened variants are added here
  const variants = new Map<string, string>(); // content of a loosened definition → its name
  const variantCount = new Map<string, number>();
  const out: Record<string, JsonSchema> = {};
  const rename = (ref: string) => ref.replace(/^#\/definitions\//, `#/definitions/${chart}.`);

  const loosen = (node: JsonSchema, defaults: unknown, depth = 0): JsonSchema => {
    if (!isObject(defaults)) return node; // a list or scalar default is replaced, not merged
    if (depth > 64) throw new SchemaSourceError(`${chart}: defaults nest deeper than 64 levels`);
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace(/^#\/definitions\//, '');
      const target = defs[name];
      if (!target) throw new SchemaSourceError(`${chart}: unresolved $ref ${node.$ref}`);
      const loose = loosen(target, defaults, depth + 1);
      if (loose === target) return node;
      const key = JSON.stringify(loose);
      let variant = variants.get(key);
      if (!variant) {
        const n = (variantCount.get(name) ?? 0) + 1;
        variantCount.set(name, n);
        variant = `${name}.given${n > 1 ? n : ''}`;
        variants.set(key, variant);
        defs[variant] = loose;
      }
      return { ...node, $ref: `#/definitions/${variant}` };
    }
    let changed = false;
    const next: JsonSchema = { ...node };
    // a rule over the whole mapping survives when it can be restated over the given part (givenForm)
    const restated: JsonSchema[] = [];
    if (node.if !== undefined) {
      const given = (['if', 'then', 'else'] as const).map((k) => (node[k] === undefined ? null : givenForm(node[k], defaults)));
      for (const [i, k] of (['if', 'then', 'else'] as const).entries()) {
        if (given.every((g) => g !== undefined) && given[i]) next[k] = given[i];
        else delete next[k];
      }
      changed = true;
    }
    if (isObject(node.dependencies)) {
      for (const [key, rule] of Object.entries(node.dependencies)) {
        // a key the defaults hold is always there after the merge: its rule always applies
        const given = key in defaults && isObject(rule) ? givenForm(rule as JsonSchema, defaults) : undefined;
        if (given) restated.push(given);
      }
    }
    for (const k of WHOLE_MAP_RULES) {
      if (k in next && !['if', 'then', 'else'].includes(k)) {
        delete next[k];
        changed = true;
      }
    }
    if (restated.length) next.allOf = [...(next.allOf ?? []), ...restated];
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = node[k];
      if (!branches) continue;
      const loose = branches.map((b) => loosen(b, defaults, depth + 1));
      if (loose.some((b, i) => b !== branches[i])) [next[k], changed] = [loose, true];
    }
    if (node.required) {
      const required = node.required.filter((key) => !(key in defaults));
      if (required.length !== node.required.length) {
        changed = true;
        if (required.length) next.required = required;
        else delete next.required;
      }
    }
    const properties: Record<string, JsonSchema> = { ...node.properties };
    for (const [key, value] of Object.entries(defaults)) {
      const declared = node.properties?.[key];
      const item = declared ?? (isObject(node.additionalProperties) ? (node.additionalProperties as JsonSchema) : undefined);
      if (!item) continue;
      const loose = loosen(item, value, depth + 1);
      if (loose !== item) [properties[key], changed] = [loose, true]; // an entry the defaults have (nodeGroups.workers) gets its own schema
    }
    if (!changed) return node;
    if (Object.keys(properties).length) next.properties = properties;
    return next;
  };

  const values = loosen(root, source.defaults);
  const strip = (s: JsonSchema) =>
    mapSchema(s, (node) => {
      for (const k of ANNOTATIONS) delete node[k];
      if (typeof node.$ref === 'string') node.$ref = rename(node.$ref);
    });
  // only the definitions the loosened schema still reaches (a loosened variant may replace its original)
  const reached = new Set<string>();
  const visit = (s: unknown) => {
    if (Array.isArray(s)) s.forEach(visit);
    else if (isObject(s)) {
      for (const [k, v] of Object.entries(s)) {
        if (k === '$ref' && typeof v === 'string') {
          const name = v.replace(/^#\/definitions\//, '');
          if (!reached.has(name)) {
            reached.add(name);
            visit(defs[name]);
          }
        } else visit(v);
      }
    }
  };
  visit(values);
  out[`${chart}.values`] = { ...strip(values), description: `Values given to a release of the ${chart} chart (each key is documented in charts/${chart}/README.md); checked as Helm checks them after merging its values.yaml.` };
  for (const name of [...reached].sort()) out[`${chart}.${name}`] = strip(defs[name]!);
  return out;
}
