// Pushes packaged charts to an OCI registry with `helm push` (the chart lands at <ref>/<name>:<version>).
import type { HelmMajor } from '../helm/binary.ts';
import { helm } from '../helm/run.ts';

export interface PushOptions {
  /** oci://host[:port]/path */
  ref: string;
  /** talk HTTP instead of HTTPS (a loopback or in-cluster registry) */
  plainHttp?: boolean;
  major?: HelmMajor;
  env?: Record<string, string>;
}

export interface PushResult {
  file: string;
  ref: string;
  digest: string;
}

export function parseOciRef(ref: string): string {
  if (!/^oci:\/\/[^/\s]+(\/[^\s]*)?$/.test(ref)) throw new Error(`--push needs an OCI reference like oci://registry.example.com/charts, got "${ref}"`);
  return ref.replace(/\/+$/, '');
}

export async function pushChart(archivePath: string, opts: PushOptions): Promise<PushResult> {
  const ref = parseOciRef(opts.ref);
  const args = ['push', archivePath, ref];
  if (opts.plainHttp) args.push('--plain-http');
  const r = await helm(args, { major: opts.major, env: opts.env });
  const out = `${r.stdout}${r.stderr}`;
  if (r.exitCode !== 0) throw new Error(`helm push ${archivePath} ${ref} failed:\n${String(r.stderr).trim()}`);
  const pushed = /Pushed: (\S+)/.exec(out)?.[1] ?? ref;
  const digest = /Digest: (sha256:[0-9a-f]+)/.exec(out)?.[1] ?? '';
  return { file: archivePath, ref: `oci://${pushed}`, digest };
}
