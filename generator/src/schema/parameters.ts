// Rows of a chart's README parameter table: one per documented key, in schema order.
import { chartOfValuesRef } from './chart-values-ref.ts';
import { defaultOf, deref } from './defaults.ts';
import type { JsonSchema } from './types.ts';
import { isObject, valueAt } from '../util/json.ts';

export interface ParameterRow {
  key: string;
  type: string;
  default: string;
  description: string;
}

export function parameterRows(root: JsonSchema): ParameterRow[] {
  const rows: ParameterRow[] = [];
  // the defaults document values.yaml shows: a key's default may come from an ancestor's default
  const { default: _rootDefault, ...rootWithoutDefault } = root;
  const defaults = defaultOf(root, rootWithoutDefault);
  const visit = (schema: JsonSchema, path: string) => {
    // the values of another chart: one row, that chart's README documents its keys
    const chart = chartOfValuesRef(schema.$ref);
    if (chart) {
      rows.push({ key: path, type: `${chart} values`, default: '', description: (schema.description ?? '').replace(/\s*\n\s*/g, ' ').trim() });
      return;
    }
    const s = deref(root, schema);
    const mapItem = isObject(s.additionalProperties) ? (s.additionalProperties as JsonSchema) : undefined;
    const hasChildren = !!s.properties || (mapItem && deref(root, mapItem).properties);
    if (path && (!hasChildren || mapItem)) rows.push(row(root, s, path, defaults));
    for (const [key, sub] of Object.entries(s.properties ?? {})) {
      if (!path && key === 'global') continue;
      visit(sub, path ? `${path}.${key}` : key);
    }
    if (mapItem && deref(root, mapItem).properties) visit(mapItem, `${path}.<name>`);
    const items = isObject(s.items) ? deref(root, s.items as JsonSchema) : undefined;
    if (items?.properties) {
      for (const [key, sub] of Object.entries(items.properties)) visit(sub, `${path}[].${key}`);
    }
  };
  visit(root, '');
  return rows;
}

function row(root: JsonSchema, s: JsonSchema, key: string, defaults: unknown): ParameterRow {
  const d = key.includes('<name>') || key.includes('[]') ? deref(root, s).default : valueAt(defaults, key.split('.'));
  return {
    key,
    type: typeLabel(s),
    default: d === undefined ? '' : JSON.stringify(d),
    description: (s.description ?? '').replace(/\s*\n\s*/g, ' ').trim(),
  };
}

function typeLabel(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const t = Array.isArray(s.type) ? s.type.join(' \\| ') : s.type;
  if (t === 'array' && isObject(s.items) && (s.items as JsonSchema).type) return `${(s.items as JsonSchema).type}[]`;
  if (t === 'object' && isObject(s.additionalProperties)) return 'map';
  if (t) return t;
  const alts = s.oneOf ?? s.anyOf;
  if (alts) return alts.map(typeLabel).join(' \\| ');
  return 'any';
}
