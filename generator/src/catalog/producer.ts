// The catalog Producer: every `schemas/<chart>/*.catalog.yaml` contributes values-schema keys and
// generated templates to charts/<chart>. See model.ts for the file format.
//
// API (stable; the management-platform chart uses it with its own catalog file):
//   * a catalog file = settings + sources + entries (model.ts `catalogFileSchema`); an entry's
//     default values are a Go-template snippet next to the catalog (`values: <dir>/<name>.values.yaml`),
//     rendered with the chart's root context and deep-merged under `<valuesKey>.<name>.values`;
//   * values keys: `<valuesKey>.<name>.{enabled,version,values,…settings}`, `<customKey>.<name>`,
//     `<sourcesKey>.{mode,namespace,interval,repositories.<source>.{url,secretName}}`;
//   * templates: `_catalog.tpl`, the logic (named templates `catalog.*`, copied from
//     generator/templates/chart-lib/_catalog.tpl), `_<templatePrefix>-catalog.tpl`, the data (named
//     templates `catalog.<valuesKey>.{data,values.<name>,valuesFrom.<name>,check.<name>}`),
//     `<templatePrefix>-<name>-helmrelease.yaml`, `<templatePrefix>-custom-helmrelease.yaml`,
//     `helmrepository-<valuesKey>.yaml` (sources in mode local) and, when `provideSharedSourcesOf`
//     lists other catalogs, `helmrepository-shared.yaml`: the HelmRepositories named `<source>`
//     in `<sourcesKey>.namespace` that releases in mode shared reference (the namespace itself is
//     not created here).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartSource } from '../generate/charts.ts';
import type { GeneratedFile } from '../generate/outputs.ts';
import type { Producer } from '../generate/producers.ts';
import { relativeLabel } from '../schema/bundle.ts';
import { repoRoot, schemasDir } from '../paths.ts';
import { loadCatalog } from './load.ts';
import type { Catalog } from './model.ts';
import { catalogLogicTemplate, catalogTemplates } from './templates.ts';
import { catalogSchemaProperties } from './values-schema.ts';
import { generatedHeader } from '../generate/generated-mark.ts';


export function catalogFiles(chart: ChartSource, root = schemasDir): string[] {
  const dir = join(root, chart.name);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.catalog.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** The sources of the catalogs a catalog provides as shared sources. */
export function sharedSourcesFor(catalog: Catalog, root = schemasDir): Catalog['sources'] {
  const out: Catalog['sources'] = {};
  for (const rel of catalog.settings.provideSharedSourcesOf) Object.assign(out, loadCatalog(join(root, rel)).sources);
  return out;
}

export function catalogProducer(root = schemasDir): Producer {
  return {
    name: 'catalog',
    schemaProperties(chart) {
      const props = {};
      for (const file of catalogFiles(chart, root)) {
        const catalog = loadCatalog(file);
        Object.assign(props, catalogSchemaProperties(catalog, sharedSourcesFor(catalog, root)));
      }
      return props;
    },
    files(chart) {
      const files: GeneratedFile[] = [];
      const out = (name: string) => relativeLabel(repoRoot, join(chart.chartDir, 'templates', name));
      const catalogs = catalogFiles(chart, root);
      if (catalogs.length) {
        const logic = catalogLogicTemplate();
        files.push({ path: out(logic.name), content: logic.content });
      }
      for (const file of catalogs) {
        const catalog = loadCatalog(file);
        const header = generatedHeader(relativeLabel(repoRoot, file));
        for (const t of catalogTemplates(catalog, sharedSourcesFor(catalog, root), header)) {
          files.push({ path: out(t.name), content: t.content });
        }
      }
      return files;
    },
  };
}
