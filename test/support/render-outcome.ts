// Test support: the outcome of one `helm template` — the rendered objects, or helm's error with
// the transport noise (Pulled:/Digest: lines) removed — so a chart rendered from a repository can
// be compared with the same chart rendered from ./charts, whether it renders or fails. Renders as
// on a management cluster (MANAGEMENT_CLUSTER_APIS).
import type { HelmMajor } from '../../generator/src/helm/binary.ts';
import { cleanHelmError, helm } from '../../generator/src/helm/run.ts';
import { type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';

/**
 * APIs a management cluster serves (Flux, KubeVirt, CDI). `helm template` has no cluster, and the
 * management-platform chart's preflight checks fail without them.
 */
export const MANAGEMENT_CLUSTER_APIS = ['helm.toolkit.fluxcd.io/v2', 'source.toolkit.fluxcd.io/v1', 'kubevirt.io/v1', 'cdi.kubevirt.io/v1beta1'].flatMap((a) => ['--api-versions', a]);

/** Charts that must render on their own with default values (helper charts may need a parent). */
export const STANDALONE_CHARTS = ['kubernetes', 'management-platform'];

export type RenderOutcome = { ok: true; text: string; docs: ManifestDoc[] } | { ok: false; error: string };

export async function templateOutcome(args: string[], major: HelmMajor, env?: Record<string, string>, opts: { apis?: boolean } = {}): Promise<RenderOutcome> {
  const r = await helm(['template', ...args, ...(opts.apis === false ? [] : MANAGEMENT_CLUSTER_APIS)], { major, env });
  if (r.exitCode === 0) return { ok: true, text: String(r.stdout), docs: parseManifests(String(r.stdout)) };
  const error = cleanHelmError(String(r.stderr))
    .split('\n')
    .filter((l) => !/^(Pulled|Digest): /.test(l))
    .join('\n');
  return { ok: false, error };
}
