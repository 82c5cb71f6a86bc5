// The one timestamp a build embeds (archive mtimes, index created/generated), so rebuilding the
// same sources gives the same bytes: SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else
// the date of the last git commit that touched the path, else the Unix epoch.
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../paths.ts';

export function sourceDateEpoch(path = '.', env = process.env): number {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 0) throw new Error(`SOURCE_DATE_EPOCH must be a non-negative integer (seconds), got "${fromEnv}"`);
    return n;
  }
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', path], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^\d+$/.test(out)) return Number(out);
  } catch {
    // not a git checkout (e.g. a source tarball): fall through
  }
  return 0;
}
