// The Producer of the charts generated from upstream operator manifests (schemas/<chart>/upstream-chart.yaml):
// the committed copy of the manifest, Chart.yaml (appVersion = the upstream version), one template per
// kind (templates.ts), the data define of upstream's settings, and the static helpers and NOTES every
// such chart shares (generator/templates/upstream-operator/). A version bump: put the new release manifest
// into the reference inputs and run `npm run generate` — nothing here names a version.
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ChartSource } from '../generate/charts.ts';
import { jsonDataTemplate } from '../generate/data-template.ts';
import type { GeneratedFile, GenerateOptions } from '../generate/outputs.ts';
import type { Producer } from '../generate/producers.ts';
import { staticTemplateFile } from '../generate/static-templates.ts';
import { repoRoot, templatesDir } from '../paths.ts';
import { relativeLabel } from '../schema/bundle.ts';
import { type UpstreamManifest, copyPath, readCommittedCopy, readNewestInput, renderCopy } from './inputs.ts';
import { type UpstreamChart, loadUpstreamChart } from './model.ts';
import { type OperatorChart, buildOperatorChart, manifestObjects } from './templates.ts';
import { generatedHeader } from '../generate/generated-mark.ts';

const STATIC_DIR = join(templatesDir, 'upstream-operator');
/** Files every upstream operator chart gets as they are (templates/<name>). */
const STATIC_FILES = ['_helpers.tpl', 'NOTES.txt'];

export interface UpstreamChartBuild {
  def: UpstreamChart;
  manifest: UpstreamManifest;
  chart: OperatorChart;
}

// parsing a release manifest takes a moment: one build per manifest content and definition
const builds = new Map<string, UpstreamChartBuild>();

/** The generated chart of `chart`, from the reference inputs when `options.inputsDir` is set, else from the committed copy. */
export function upstreamChartBuild(chart: ChartSource, options: GenerateOptions = {}): UpstreamChartBuild | undefined {
  const def = loadUpstreamChart(join(repoRoot, 'schemas', chart.name), chart.name);
  if (!def) return undefined;
  const manifest = options.inputsDir ? readNewestInput(options.inputsDir, def) : readCommittedCopy(repoRoot, def);
  const key = `${manifest.sha256}\0${JSON.stringify(def)}`;
  let build = builds.get(key);
  if (!build) {
    const label = copyPath(def);
    const header = generatedHeader(`${label} (${def.upstream.name} ${manifest.version})`);
    build = { def, manifest, chart: buildOperatorChart(manifestObjects(manifest.text, label), { label, header }) };
    builds.set(key, build);
  }
  return build;
}

/** Chart.yaml: the definition's fields with appVersion, the upstream version, after version. */
function chartYaml(b: UpstreamChartBuild): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b.def.chartYaml)) {
    out[k] = v;
    if (k === 'version') out.appVersion = b.manifest.version;
  }
  return `# ${generatedHeader(`${b.def.file} and ${copyPath(b.def)}`)}\n${stringify(out, { lineWidth: 0 })}`;
}

export const upstreamChartsProducer: Producer = {
  name: 'upstream-charts',
  files(chart, _schema, options) {
    const b = upstreamChartBuild(chart, options);
    if (!b) return [];
    const rel = (...p: string[]) => relativeLabel(repoRoot, join(chart.chartDir, ...p));
    const files: GeneratedFile[] = [
      { path: copyPath(b.def), content: renderCopy(b.manifest, b.def) },
      { path: rel('Chart.yaml'), content: chartYaml(b) },
      ...STATIC_FILES.map((name) => staticTemplateFile(chart, join(STATIC_DIR, name), name)),
      {
        path: rel('templates', '_upstream.tpl'),
        content: jsonDataTemplate({
          header: generatedHeader(`${copyPath(b.def)} (${b.def.upstream.name} ${b.manifest.version})`),
          what: 'What the upstream manifest sets, as JSON: the registry of its images and its own value of each setting the values can override.',
          define: 'upstream-operator.upstream',
          data: b.chart.upstreamData,
        }),
      },
      ...b.chart.templates.map((t) => ({ path: rel('templates', t.name), content: t.content })),
    ];
    return files;
  },
  readmeContext(chart, options) {
    const b = upstreamChartBuild(chart, options);
    if (!b) return undefined;
    const yaml = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();
    const counts = new Map<string, number>();
    for (const o of b.chart.objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
    return {
      upstream: {
        ...b.def.upstream,
        version: b.manifest.version,
        releaseUrl: b.def.upstream.releaseUrl.replace('{version}', b.manifest.version),
        sha256: b.manifest.sha256,
        copy: copyPath(b.def),
        namespace: b.chart.namespace,
        registry: b.chart.registry,
        images: b.chart.images,
        customResources: b.chart.customResources.join(', '),
        objectCount: b.chart.objects.length,
        objects: [...counts].map(([kind, count]) => ({ kind, count })),
        settings: Object.entries(b.chart.settings).map(([key, value]) => ({ key, yaml: yaml({ [key]: value }) })),
      },
    };
  },
};
