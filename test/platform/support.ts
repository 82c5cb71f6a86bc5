// Test support for the management-platform chart: render it the way a cluster with Flux would
// (the preflight reads .Capabilities), then render every stage HelmRelease it emits through the
// management-platform-stages chart, and every KubeVirt/CDI operator HelmRelease through its chart,
// with exactly the values Flux would pass, so the provider objects, the DataStore, the operators and
// the KubeVirt objects are validated like any other object.
import { join } from 'node:path';
import type { HelmMajor } from '../../generator/src/helm/binary.ts';
import { HelmError, helmTemplate } from '../../generator/src/helm/run.ts';
import { type K8sObject, type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';
import { expectValid, type ValidationReport } from '../support/validate.ts';

export const PLATFORM_NAMESPACE = 'matryoshka-system';
export const RELEASE = 'platform';
export const scenarioDir = join(repoRoot, 'test', 'scenarios', 'management-platform');

/** What a management cluster with Flux, KubeVirt and CDI serves. */
export const CLUSTER_APIS = ['helm.toolkit.fluxcd.io/v2', 'source.toolkit.fluxcd.io/v1', 'kubevirt.io/v1', 'cdi.kubevirt.io/v1beta1'];

export interface PlatformRender {
  values?: unknown;
  valuesFiles?: string[];
  apiVersions?: string[];
  major: HelmMajor;
  release?: string;
  namespace?: string;
}

export async function renderPlatformText(opts: PlatformRender): Promise<string> {
  return helmTemplate({
    chartDir: join(chartsDir, 'management-platform'),
    releaseName: opts.release ?? RELEASE,
    namespace: opts.namespace ?? PLATFORM_NAMESPACE,
    values: opts.values,
    valuesFiles: opts.valuesFiles,
    apiVersions: opts.apiVersions ?? CLUSTER_APIS,
    major: opts.major,
  });
}

export async function renderPlatform(opts: PlatformRender): Promise<ManifestDoc[]> {
  return parseManifests(await renderPlatformText(opts));
}

/** Renders expecting failure; returns helm's cleaned message. */
export async function renderPlatformError(opts: PlatformRender): Promise<string> {
  try {
    await renderPlatformText(opts);
  } catch (err) {
    if (err instanceof HelmError) return err.message;
    throw err;
  }
  throw new Error(`expected the management-platform chart to fail for ${JSON.stringify(opts.values)}`);
}

type Obj = K8sObject & Record<string, any>;

export const objects = (docs: ManifestDoc[]) => docs.map((d) => d.object as Obj);
export const ofKind = (docs: ManifestDoc[], kind: string) => objects(docs).filter((o) => o.kind === kind);
export const named = (docs: ManifestDoc[], kind: string, name: string) => ofKind(docs, kind).find((o) => o.metadata.name === name);

/** HelmReleases of the stages chart, as Flux would see them. */
export function stageReleases(docs: ManifestDoc[]): Obj[] {
  return ofKind(docs, 'HelmRelease').filter((hr) => hr.spec.chart?.spec?.chart === 'management-platform-stages');
}

/** What Flux installs for HelmReleases of this repository's charts: each its chart with the release's values. */
async function renderReleases(releases: Obj[], major: HelmMajor): Promise<ManifestDoc[]> {
  const out: ManifestDoc[] = [];
  for (const hr of releases) {
    const text = await helmTemplate({
      chartDir: join(chartsDir, hr.spec.chart.spec.chart),
      releaseName: hr.spec.releaseName ?? hr.metadata.name,
      namespace: hr.spec.targetNamespace ?? hr.metadata.namespace,
      values: hr.spec.values ?? {},
      major,
    });
    out.push(...parseManifests(text));
  }
  return out;
}

/** What Flux installs for each stage HelmRelease: the stages chart with the release's values. */
export function renderStages(platformDocs: ManifestDoc[], major: HelmMajor): Promise<ManifestDoc[]> {
  return renderReleases(stageReleases(platformDocs), major);
}

/** The charts packaged from the KubeVirt and CDI operator manifests (kubevirt.mode bundled). */
export const OPERATOR_CHARTS = ['kubevirt-operator', 'cdi-operator'];
/** They ship their CRDs, a kind kube-schemas/ has no schema for (their test compares them with upstream's). */
export const CRD_KIND = 'apiextensions.k8s.io/CustomResourceDefinition';

/** HelmReleases of the KubeVirt and CDI operator charts. */
export function operatorReleases(docs: ManifestDoc[]): Obj[] {
  return ofKind(docs, 'HelmRelease').filter((hr) => OPERATOR_CHARTS.includes(hr.spec.chart?.spec?.chart));
}

/** What Flux installs for each operator HelmRelease: its chart with the release's values. */
export function renderOperators(platformDocs: ManifestDoc[], major: HelmMajor): Promise<ManifestDoc[]> {
  return renderReleases(operatorReleases(platformDocs), major);
}

/** Platform + stages + operators, validated together (strict schemas and the wiring linter). */
export async function renderWholePlatform(opts: PlatformRender): Promise<{ platform: ManifestDoc[]; stages: ManifestDoc[]; operators: ManifestDoc[]; report: ValidationReport }> {
  const platform = await renderPlatform(opts);
  const stages = await renderStages(platform, opts.major);
  const operators = await renderOperators(platform, opts.major);
  const report = expectValid([...platform, ...stages, ...operators], { namespace: opts.namespace ?? PLATFORM_NAMESPACE, allowKinds: [CRD_KIND] });
  return { platform, stages, operators, report };
}
