// The templates a catalog contributes to its chart. The logic is one hand-written file shared by every
// chart with a catalog (generator/templates/chart-lib/_catalog.tpl, copied as it is); this module emits
// only data: the catalog as JSON in the define "catalog.<valuesKey>.data", the snippets of the entries
// (default values, valuesFrom, checks: Go templates authored next to the catalog file) as defines, and a
// one-line template file per object the chart renders (`<prefix>-<entry>-helmrelease.yaml`, …).
import { join } from 'node:path';
import { defineTemplate, templateSafeJson } from '../generate/data-template.ts';
import { CHART_LIB_DIR, staticTemplate } from '../generate/static-templates.ts';
import type { Catalog } from './model.ts';
import { dependencyCandidates } from './load.ts';

export interface TemplateFile {
  /** file name inside the chart's templates/ */
  name: string;
  content: string;
}

/** The hand-written catalog logic every chart with a catalog gets. */
export const CATALOG_LOGIC = join(CHART_LIB_DIR, '_catalog.tpl');

/** The facts the logic needs at render time, embedded as JSON (defaults of values keys live in values.yaml). */
export function catalogData(catalog: Catalog, sharedSources: Catalog['sources']) {
  const s = catalog.settings;
  const entries: Record<string, unknown> = {};
  for (const [name, e] of Object.entries(catalog.entries)) {
    entries[name] = {
      chart: e.chart.name,
      source: e.chart.source,
      targetNamespace: e.targetNamespace,
      releaseName: e.releaseName ?? name,
      deps: dependencyCandidates(catalog.entries, name),
      provides: e.provides,
      strategy: e.strategy,
      timeout: e.timeout,
      interval: e.interval,
      retryInterval: e.retryInterval,
      crds: e.crds ?? '',
      hasValues: catalog.valueTemplates[name] !== undefined,
      hasValuesFrom: catalog.valuesFromTemplates[name] !== undefined,
      hasCheck: catalog.checkTemplates[name] !== undefined,
    };
  }
  const sources = (src: Catalog['sources']) => Object.fromEntries(Object.entries(src).map(([n, v]) => [n, { type: v.type, url: v.url }]));
  return {
    settings: {
      valuesKey: s.valuesKey,
      sourcesKey: s.sourcesKey,
      customKey: s.customKey ?? '',
      target: s.target,
      templatePrefix: s.templatePrefix,
      helpers: s.helpers,
      ownsSharedSources: s.provideSharedSourcesOf.length > 0,
    },
    entries,
    sources: sources(catalog.sources),
    shared: sources(sharedSources),
    customRequires: s.customRequires,
  };
}

const include = (name: string, args: string) => `{{- include "${name}" ${args} }}\n`;

export function catalogTemplates(catalog: Catalog, sharedSources: Catalog['sources'], header: string): TemplateFile[] {
  const s = catalog.settings;
  const key = s.valuesKey;
  const comment = `{{- /* ${header} */ -}}`;
  const args = (more = '') => `(dict "root" $ "catalog" "${key}"${more})`;
  const snippets = (kind: string, texts: Record<string, string>) => Object.entries(texts).map(([name, text]) => defineTemplate(`catalog.${key}.${kind}.${name}`, text.trimEnd()));
  const data = [
    comment,
    `{{/* Catalog "${key}" (${catalog.file}) as data for the catalog logic (_catalog.tpl), and its entries' snippets from ${catalog.file.replace(/[^/]+$/, '')}. */}}`,
    defineTemplate(`catalog.${key}.data`, templateSafeJson(catalogData(catalog, sharedSources))),
    ...snippets('values', catalog.valueTemplates),
    ...snippets('valuesFrom', catalog.valuesFromTemplates),
    ...snippets('check', catalog.checkTemplates),
  ];
  const files: TemplateFile[] = [{ name: `_${s.templatePrefix}-catalog.tpl`, content: data.join('\n') }];
  for (const name of Object.keys(catalog.entries)) {
    files.push({ name: `${s.templatePrefix}-${name}-helmrelease.yaml`, content: `${comment}\n${include('catalog.helmRelease', args(` "name" "${name}"`))}` });
  }
  if (s.customKey) files.push({ name: `${s.templatePrefix}-custom-helmrelease.yaml`, content: `${comment}\n${include('catalog.customHelmReleases', args())}` });
  files.push({ name: `helmrepository-${key}.yaml`, content: `${comment}\n${include('catalog.helmRepositories', args())}` });
  if (s.provideSharedSourcesOf.length) files.push({ name: 'helmrepository-shared.yaml', content: `${comment}\n${include('catalog.sharedHelmRepositories', args())}` });
  return files;
}

/** The catalog logic file, once per chart with a catalog. */
export function catalogLogicTemplate(): TemplateFile {
  return { name: '_catalog.tpl', content: staticTemplate(CATALOG_LOGIC) };
}
