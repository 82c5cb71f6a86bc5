// Every generated file of the repository, computed in memory (no writes): path → content.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generatedTypesDir, repoRoot } from '../paths.ts';
import { SchemaSourceError, bundleSchema, relativeLabel } from '../schema/bundle.ts';
import { embedChartValues } from '../schema/chart-values-ref.ts';
import { defaultsDocument } from '../schema/defaults.ts';
import { withPresence } from '../schema/presence.ts';
import { parameterRows } from '../schema/parameters.ts';
import type { JsonSchema } from '../schema/types.ts';
import { renderValuesTypes, shareDeclarations } from '../schema/typescript.ts';
import { renderValuesYaml } from '../schema/values-yaml.ts';
import { type ChartSource, chartSources } from './charts.ts';
import { producers } from './producers.ts';
import { renderReadme } from './readme.ts';
import { REGENERATE_COMMAND, generatedHeader } from './generated-mark.ts';


export interface GeneratedFile {
  /** repository-relative path */
  path: string;
  content: string;
}

/** The generated values type of a chart, e.g. KubernetesValues in ./kubernetes-values.ts. */
function typeNameOf(chart: string): { name: string; module: string } | undefined {
  const source = chartSources().find((c) => c.name === chart);
  return source && { name: source.typeName, module: `./${chart}-values.ts` };
}

export interface GenerateOptions {
  /**
   * The reference inputs folder (upstream release manifests at `upstream/<name>-v<version>/…`): the
   * charts generated from upstream manifests are regenerated from it. Unset, they are generated from
   * the committed copies (schemas/<chart>/upstream/), which is all a clone has.
   */
  inputsDir?: string;
}

export async function generateAll(options: GenerateOptions = {}): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const chart of chartSources()) files.push(...(await generateChart(chart, options)));
  return shareDeclarations(files, relativeLabel(repoRoot, generatedTypesDir), generatedHeader("schemas/: the declarations several charts' values types share"));
}

/**
 * The bundled values schema of a chart, with the values of the charts it refers to
 * (`$ref: '#/definitions/<chart>.values'`) embedded. No presence rules: an embedded copy checks
 * values as given, which the chart's defaults complete later.
 */
function bundleChartValues(chart: ChartSource, all: readonly ChartSource[], seen: readonly string[] = []): JsonSchema {
  if (seen.includes(chart.name)) throw new SchemaSourceError(`charts refer to each other's values in a circle: ${[...seen, chart.name].join(' → ')}`);
  const sourceLabel = relativeLabel(repoRoot, join(repoRoot, 'schemas', chart.name));
  const extraRootProperties: Record<string, JsonSchema> = {};
  for (const p of producers) Object.assign(extraRootProperties, p.schemaProperties?.(chart));
  const schema = bundleSchema(chart.schemaEntry, { sourceLabel: `${sourceLabel}/`, regenerateCommand: REGENERATE_COMMAND, extraRootProperties });
  return embedChartValues(schema, (name) => {
    const other = all.find((c) => c.name === name);
    if (!other) throw new SchemaSourceError(`schemas/${chart.name}: $ref to the values of chart "${name}", which has no schemas/${name}/values.schema.yaml`);
    const otherSchema = bundleChartValues(other, all, [...seen, chart.name]);
    return { schema: otherSchema, defaults: defaultsDocument(otherSchema) };
  });
}

export async function generateChart(chart: ChartSource, options: GenerateOptions = {}): Promise<GeneratedFile[]> {
  const sourceLabel = relativeLabel(repoRoot, join(repoRoot, 'schemas', chart.name));
  const header = generatedHeader(`${sourceLabel}/`);
  // values.yaml, types, README and producers describe the values; only values.schema.json enforces presence
  const schema = bundleChartValues(chart, chartSources());
  const rel = (p: string) => relativeLabel(repoRoot, p);
  const files: GeneratedFile[] = [
    { path: rel(join(chart.chartDir, 'values.schema.json')), content: `${JSON.stringify(withPresence(schema, defaultsDocument(schema)), null, 2)}\n` },
    { path: rel(join(chart.chartDir, 'values.yaml')), content: renderValuesYaml(schema, header) },
    { path: rel(join(generatedTypesDir, `${chart.name}-values.ts`)), content: await renderValuesTypes(schema, chart.typeName, header, typeNameOf) },
  ];
  const produced: GeneratedFile[] = [];
  for (const p of producers) produced.push(...((await p.files?.(chart, schema, options)) ?? []));
  if (existsSync(chart.readmeTemplate)) {
    // a generated Chart.yaml is read as generated, so one run gives the README its final version
    const chartYamlPath = rel(join(chart.chartDir, 'Chart.yaml'));
    const chartYaml = parse(produced.find((f) => f.path === chartYamlPath)?.content ?? readFileSync(join(chart.chartDir, 'Chart.yaml'), 'utf8')) as unknown;
    const extra = Object.assign({}, ...producers.map((p) => p.readmeContext?.(chart, options) ?? {})) as Record<string, unknown>;
    files.push({
      path: rel(join(chart.chartDir, 'README.md')),
      content: renderReadme(readFileSync(chart.readmeTemplate, 'utf8'), { ...extra, header, rows: parameterRows(schema), chart: chartYaml }),
    });
  }
  files.push(...produced);
  return files;
}
