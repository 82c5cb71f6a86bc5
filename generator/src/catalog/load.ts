// Reads and validates a catalog file. Every problem is reported with the file, the entry and the
// field, e.g. `schemas/kubernetes/addons.catalog.yaml: entry "cilium", field chart.version: …`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { repoRoot } from '../paths.ts';
import { type Catalog, type CatalogEntry, type CatalogSettings, type CatalogSource, catalogFileSchema } from './model.ts';
import { unescapePointerSegment } from '../util/json.ts';

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

interface RawCatalog {
  settings: CatalogSettings;
  sources: Record<string, CatalogSource>;
  entries: Record<string, CatalogEntry>;
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
const validateFile = ajv.compile<RawCatalog>(catalogFileSchema);

/** Where in the file an ajv error points, in words: `entry "cilium", field chart.version`. */
function locate(err: ErrorObject): string {
  const parts = err.instancePath.split('/').filter(Boolean).map(unescapePointerSegment);
  if (err.keyword === 'additionalProperties') parts.push(String((err.params as { additionalProperty: string }).additionalProperty));
  if (err.keyword === 'required') parts.push(String((err.params as { missingProperty: string }).missingProperty));
  if (err.keyword === 'propertyNames') parts.push(String((err.params as { propertyName: string }).propertyName));
  const [section, name, ...field] = parts;
  if ((section === 'entries' || section === 'sources') && name !== undefined) {
    const what = section === 'entries' ? 'entry' : 'source';
    return field.length ? `${what} "${name}", field ${field.join('.')}` : `${what} "${name}"`;
  }
  return parts.length ? `field ${parts.join('.')}` : 'the file';
}

function describe(err: ErrorObject): string {
  switch (err.keyword) {
    case 'additionalProperties':
      return 'unknown key (check the spelling against generator/src/catalog/model.ts)';
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return 'is not a valid name (lower-case DNS label; entries at most 22 characters, sources 30)';
    default:
      return err.message ?? err.keyword;
  }
}

/** Validates parsed catalog data; `file` names the source in messages, `dir` resolves values snippets. */
export function parseCatalog(data: unknown, file: string, dir: string): Catalog {
  const label = relative(repoRoot, file).split('\\').join('/') || file;
  if (!validateFile(data)) {
    const problems = (validateFile.errors ?? [])
      // a bad key name is reported once, by the propertyNames error that names the key
      .filter((e) => !e.schemaPath.includes('/propertyNames/'))
      .map((e) => `${label}: ${locate(e)}: ${describe(e)}`);
    throw new CatalogError([...new Set(problems)]);
  }
  const raw = data;
  const problems: string[] = [];
  const at = (name: string, field: string, msg: string) => problems.push(`${label}: entry "${name}", field ${field}: ${msg}`);
  const names = Object.keys(raw.entries);
  if (raw.settings.target === 'tenant' && !raw.settings.helpers.kubeconfigSecret) {
    problems.push(`${label}: field settings.helpers.kubeconfigSecret: is required when target is "tenant"`);
  }
  const valueTemplates: Record<string, string> = {};
  const valuesFromTemplates: Record<string, string> = {};
  const checkTemplates: Record<string, string> = {};
  const snippet = (name: string, field: 'values' | 'valuesFrom' | 'check', into: Record<string, string>) => {
    const file = raw.entries[name]![field];
    if (file === undefined) return;
    const path = join(dir, file);
    if (!existsSync(path)) at(name, field, `file ${file} does not exist next to the catalog`);
    else into[name] = readFileSync(path, 'utf8');
  };
  for (const [name, e] of Object.entries(raw.entries)) {
    if (!raw.sources[e.chart.source]) {
      at(name, 'chart.source', `source "${e.chart.source}" is not declared under sources (declared: ${Object.keys(raw.sources).join(', ') || 'none'})`);
    }
    for (const d of e.dependsOn) {
      if (d === name) at(name, 'dependsOn', 'an entry cannot depend on itself');
      else if (!names.includes(d)) at(name, 'dependsOn', `"${d}" is not an entry of this catalog (entries: ${names.join(', ')})`);
    }
    for (const r of e.requires) {
      if (e.provides.includes(r)) at(name, 'requires', `"${r}" is provided by the entry itself`);
    }
    snippet(name, 'values', valueTemplates);
    snippet(name, 'valuesFrom', valuesFromTemplates);
    snippet(name, 'check', checkTemplates);
  }
  if (!problems.length) {
    const cycle = findCycle(raw.entries);
    if (cycle) problems.push(`${label}: dependency cycle ${cycle.join(' → ')} (dependsOn/requires): Flux would never reconcile these releases`);
  }
  if (problems.length) throw new CatalogError(problems);
  return { file: label, settings: raw.settings, sources: raw.sources, entries: raw.entries, valueTemplates, valuesFromTemplates, checkTemplates };
}

export function loadCatalog(file: string): Catalog {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CatalogError([`${relative(repoRoot, file)}: not valid YAML: ${(err as Error).message}`]);
  }
  return parseCatalog(data, file, dirname(file));
}

/** The entries an entry waits for when every entry is enabled (explicit dependsOn plus providers of what it requires). */
export function dependencyCandidates(entries: Record<string, CatalogEntry>, name: string): string[] {
  const e = entries[name]!;
  const providers = Object.entries(entries)
    .filter(([other, o]) => other !== name && o.provides.some((p) => e.requires.includes(p)))
    .map(([other]) => other);
  return [...new Set([...e.dependsOn, ...providers])];
}

function findCycle(entries: Record<string, CatalogEntry>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of dependencyCandidates(entries, n)) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of Object.keys(entries)) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}
