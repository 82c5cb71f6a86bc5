// Test support: render a chart of this repository with a real helm binary and parse the result.
import { join } from 'node:path';
import { HELM_MAJORS, type HelmMajor } from '../../generator/src/helm/binary.ts';
import { HelmError, helmTemplate } from '../../generator/src/helm/run.ts';
import { type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { chartsDir } from '../../generator/src/paths.ts';

export { HELM_MAJORS, HelmError };
export type { HelmMajor };

export interface RenderOptions {
  values?: unknown;
  valuesFiles?: string[];
  release?: string;
  namespace?: string;
  major?: HelmMajor;
  set?: string[];
  /** what .Capabilities.APIVersions holds (helm template has no cluster) */
  apiVersions?: string[];
}

export async function renderChart(chart: string, opts: RenderOptions = {}): Promise<ManifestDoc[]> {
  const text = await renderChartText(chart, opts);
  return parseManifests(text);
}

export function renderChartText(chart: string, opts: RenderOptions = {}): Promise<string> {
  return helmTemplate({
    chartDir: join(chartsDir, chart),
    releaseName: opts.release ?? 'tenant-a',
    namespace: opts.namespace ?? 'tenant-a',
    values: opts.values,
    valuesFiles: opts.valuesFiles,
    major: opts.major,
    set: opts.set,
    apiVersions: opts.apiVersions,
  });
}

/** Renders expecting failure; returns helm's cleaned error message (fails the test if it rendered). */
export async function renderError(chart: string, opts: RenderOptions = {}): Promise<string> {
  try {
    await renderChartText(chart, opts);
  } catch (err) {
    if (err instanceof HelmError) return err.message;
    throw err;
  }
  throw new Error(`expected helm template to fail for ${JSON.stringify(opts.values)}`);
}

export function findObject(docs: ManifestDoc[], kind: string, name?: string) {
  return docs.map((d) => d.object).find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
}

export function objectsOfKind(docs: ManifestDoc[], kind: string) {
  return docs.map((d) => d.object).filter((o) => o.kind === kind);
}
