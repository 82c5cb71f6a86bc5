// Runs helm as a subprocess. The only module that spawns helm.
import { execa } from 'execa';
import { type HelmBinary, type HelmMajor, helmBinary, helmSpawnError } from './binary.ts';

export interface TemplateOptions {
  chartDir: string;
  releaseName?: string;
  namespace?: string;
  valuesFiles?: string[];
  /** values as an object, passed through stdin as one more values file (last wins) */
  values?: unknown;
  set?: string[];
  apiVersions?: string[];
  major?: HelmMajor;
  extraArgs?: string[];
}

export class HelmError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | undefined,
  ) {
    super(message);
  }
}

function binFor(major?: HelmMajor): HelmBinary {
  return helmBinary(major);
}

/** Environment that keeps helm away from the user's config and cache (reproducible runs). */
export function isolatedHelmEnv(base: string | undefined = process.env.MATRYOSHKA_HELM_HOME): Record<string, string> {
  if (!base) return {};
  return {
    HELM_CONFIG_HOME: `${base}/config`,
    HELM_CACHE_HOME: `${base}/cache`,
    HELM_DATA_HOME: `${base}/data`,
  };
}

export async function helm(args: string[], opts: { major?: HelmMajor; input?: string; env?: Record<string, string> } = {}) {
  const bin = binFor(opts.major);
  const result = await execa(bin.path, args, {
    input: opts.input,
    reject: false,
    env: { ...isolatedHelmEnv(), ...opts.env },
    stripFinalNewline: false,
  });
  // reject: false still reports a process that never started (missing binary) as a result
  if (result.failed && result.exitCode === undefined && !result.isTerminated) throw helmSpawnError(bin, result.cause);
  return { ...result, bin };
}

/** `helm template`; returns the rendered multi-document YAML or throws HelmError with helm's message. */
export async function helmTemplate(opts: TemplateOptions): Promise<string> {
  const args = ['template', opts.releaseName ?? 'tenant-a', opts.chartDir];
  if (opts.namespace) args.push('--namespace', opts.namespace);
  for (const f of opts.valuesFiles ?? []) args.push('--values', f);
  if (opts.values !== undefined) args.push('--values', '-');
  for (const s of opts.set ?? []) args.push('--set', s);
  for (const a of opts.apiVersions ?? []) args.push('--api-versions', a);
  args.push(...(opts.extraArgs ?? []));
  const input = opts.values !== undefined ? JSON.stringify(opts.values) : undefined;
  const r = await helm(args, { major: opts.major, input });
  if (r.exitCode !== 0) {
    throw new HelmError(cleanHelmError(String(r.stderr)), String(r.stderr), r.exitCode);
  }
  return String(r.stdout);
}

export async function helmLint(chartDir: string, opts: { major?: HelmMajor; strict?: boolean; valuesFiles?: string[] } = {}) {
  const args = ['lint', chartDir];
  if (opts.strict !== false) args.push('--strict');
  for (const f of opts.valuesFiles ?? []) args.push('--values', f);
  const r = await helm(args, { major: opts.major });
  return { ok: r.exitCode === 0, output: `${r.stdout}${r.stderr}`, bin: r.bin };
}

/** Helm prefixes errors with "Error: " and sometimes repeats context; keep the readable part. */
export function cleanHelmError(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('WARNING: '))
    .map((l) => l.replace(/^Error: /, ''))
    .join('\n');
}
