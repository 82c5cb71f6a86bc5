// The library behind `matryoshka render` and `plan`: resolve a chart, `helm template` it with a
// user's values files, parse the objects and (optionally) validate them.
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { HelmMajor } from '../helm/binary.ts';
import { HelmError, helmTemplate } from '../helm/run.ts';
import { type ManifestDoc, parseManifests } from '../manifest/parse.ts';
import { listCharts } from '../package/build.ts';
import { chartsDir } from '../paths.ts';
import { type ValidateOptions, type ValidationReport, validateDocs } from '../validate/index.ts';

export interface RenderRequest {
  /** a chart of this repository (kubernetes), a chart folder or .tgz, repo/chart or oci://… (default kubernetes) */
  chart?: string;
  /** chart version, for repo/chart and oci:// references */
  version?: string;
  valuesFiles?: string[];
  set?: string[];
  /** release name (= tenant cluster name); default: derived from the first values file */
  release?: string;
  /** namespace; default: the release name (one tenant per namespace) */
  namespace?: string;
  major?: HelmMajor;
  /** APIs the target cluster serves (`helm template --api-versions`; there is no cluster to ask) */
  apiVersions?: string[];
  /** extra helm arguments (e.g. --plain-http) */
  extraArgs?: string[];
}

export interface RenderResult {
  chart: string;
  release: string;
  namespace: string;
  text: string;
  docs: ManifestDoc[];
}

/** helm could not render: the message is helm's, cleaned (a `required`/`fail` or schema error). */
export class RenderError extends Error {}

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** `tenant-a.yaml` → `tenant-a`; undefined when the file name is not a valid release name. */
export function releaseFromValuesFile(file: string | undefined): string | undefined {
  if (!file || file === '-') return undefined;
  const name = basename(file, extname(file));
  return DNS_LABEL.test(name) && name.length <= 40 ? name : undefined;
}

/** A name under charts/ resolves to that folder; anything else is passed to helm as given. */
export function resolveChart(chart = 'kubernetes'): string {
  if (listCharts().includes(chart)) return join(chartsDir, chart);
  return chart;
}

export async function renderRelease(req: RenderRequest): Promise<RenderResult> {
  const chart = resolveChart(req.chart);
  for (const f of req.valuesFiles ?? []) {
    if (f !== '-' && !existsSync(f)) throw new RenderError(`values file ${f} does not exist`);
  }
  const release = req.release ?? releaseFromValuesFile(req.valuesFiles?.[0]) ?? 'tenant-a';
  const namespace = req.namespace ?? release;
  const extraArgs = [...(req.version ? ['--version', req.version] : []), ...(req.extraArgs ?? [])];
  let text: string;
  try {
    text = await helmTemplate({ chartDir: chart, releaseName: release, namespace, valuesFiles: req.valuesFiles, set: req.set, apiVersions: req.apiVersions, major: req.major, extraArgs });
  } catch (err) {
    if (err instanceof HelmError) throw new RenderError(readableHelmError(err.message));
    throw err;
  }
  return { chart, release, namespace, text, docs: parseManifests(text) };
}

/**
 * helm's errors wrap the message users need in template context
 * (`template: kubernetes/templates/x.yaml:3:4: executing … error calling fail: <message>`);
 * keep the message and say where it came from.
 */
export function readableHelmError(message: string): string {
  return message
    .split('\n')
    .map((line) => {
      const m = /^(?:execution error at \()?(?:template: )?([^:\s]+\/templates\/[^:]+)(?::\d+:\d+)?.*?(?:error calling (?:fail|required): |\): )(.+)$/.exec(line);
      return m ? `${m[2]} (${m[1]})` : line;
    })
    .filter((l) => l.trim() !== '' && l !== 'Use --debug flag to render out invalid YAML' && !l.startsWith('level='))
    .join('\n');
}

export function validateRender(result: RenderResult, options: ValidateOptions = {}): ValidationReport {
  return validateDocs(result.docs, { namespace: result.namespace, ...options });
}
