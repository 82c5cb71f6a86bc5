// A chart generated from an upstream release manifest (the KubeVirt and CDI operators publish manifests,
// not charts): `schemas/<chart>/upstream-chart.yaml` says where the manifest comes from and what goes
// into Chart.yaml; producer.ts turns the manifest into the chart. Data and its validation only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { relativeLabel } from '../schema/bundle.ts';
import { isObject } from '../schema/walk.ts';
import { repoRoot } from '../paths.ts';

export const DEFINITION_FILE = 'upstream-chart.yaml';

export interface UpstreamChart {
  /** the chart (and schemas/ folder) name */
  chart: string;
  /** the definition file, repository-relative */
  file: string;
  upstream: {
    /** project name in prose, e.g. KubeVirt */
    name: string;
    /** the manifest is `upstream/<folder>-v<version>/<file>` in the reference inputs */
    folder: string;
    file: string;
    /** the project's repository (README, Chart.yaml sources) */
    repository: string;
    /** release asset URL, `{version}` replaced by the version (e.g. v1.8.4) */
    releaseUrl: string;
    licence: string;
  };
  /** Chart.yaml without appVersion (the upstream version) */
  chartYaml: Record<string, unknown>;
}

export class UpstreamChartError extends Error {}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The definition of `schemas/<chart>/upstream-chart.yaml`, or undefined when the chart is not generated from upstream. */
export function loadUpstreamChart(schemaDir: string, chart: string): UpstreamChart | undefined {
  const path = join(schemaDir, DEFINITION_FILE);
  if (!existsSync(path)) return undefined;
  const file = relativeLabel(repoRoot, path);
  const data = parse(readFileSync(path, 'utf8')) as unknown;
  const fail = (what: string): never => {
    throw new UpstreamChartError(`${file}: ${what}`);
  };
  if (!isObject(data)) return fail('must hold a mapping with `upstream` and `chart`');
  for (const key of Object.keys(data)) if (key !== 'upstream' && key !== 'chart') fail(`unknown key "${key}" (expected upstream, chart)`);
  const up = data.upstream;
  if (!isObject(up)) return fail('`upstream` must be a mapping');
  const fields = ['name', 'folder', 'file', 'repository', 'releaseUrl', 'licence'] as const;
  for (const key of Object.keys(up)) if (!(fields as readonly string[]).includes(key)) fail(`upstream: unknown key "${key}" (expected ${fields.join(', ')})`);
  for (const key of fields) if (typeof up[key] !== 'string' || up[key] === '') fail(`upstream.${key} must be a non-empty string`);
  if (!NAME.test(up.folder as string)) fail('upstream.folder must be a lower-case DNS label (the input folder is <folder>-v<version>)');
  if (!/^[\w.-]+\.ya?ml$/.test(up.file as string)) fail('upstream.file must be a YAML file name');
  if (!(up.releaseUrl as string).includes('{version}')) fail('upstream.releaseUrl must contain {version}');
  const chartYaml = data.chart;
  if (!isObject(chartYaml)) return fail('`chart` must be a mapping (the Chart.yaml fields)');
  if (chartYaml.name !== chart) fail(`chart.name must be "${chart}", the name of the folder`);
  if (typeof chartYaml.version !== 'string' || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(chartYaml.version)) fail('chart.version must be a semantic version');
  if ('appVersion' in chartYaml) fail('chart.appVersion is the upstream version: leave it out, the generator sets it');
  return { chart, file, upstream: up as UpstreamChart['upstream'], chartYaml: chartYaml };
}
