// Test support: the outcome of one `helm template` — the rendered objects, or helm's error with
// the transport noise (Pulled:/Digest: lines) removed — so a chart rendered from a repository can
// be compared with the same chart rendered from ./charts, whether it renders or fails.
import type { HelmMajor } from '../../generator/src/helm/binary.ts';
import { cleanHelmError, helm } from '../../generator/src/helm/run.ts';
import { type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';

export type RenderOutcome = { ok: true; text: string; docs: ManifestDoc[] } | { ok: false; error: string };

export async function templateOutcome(args: string[], major: HelmMajor, env?: Record<string, string>): Promise<RenderOutcome> {
  const r = await helm(['template', ...args], { major, env });
  if (r.exitCode === 0) return { ok: true, text: String(r.stdout), docs: parseManifests(String(r.stdout)) };
  const error = cleanHelmError(String(r.stderr))
    .split('\n')
    .filter((l) => !/^(Pulled|Digest): /.test(l))
    .join('\n');
  return { ok: false, error };
}
