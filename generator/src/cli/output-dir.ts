// Creating and probing the folders commands write to (render -o, package --out), before any work.
// Not mkdirSync(…, { recursive: true }): on Node 20 it never returns for a path below /proc
// (mkdir there fails with ENOENT although the parent exists, and node retries the parent forever).
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Creates `dir` and its missing parents, one level at a time, failing on the first level that cannot be made. */
export function makeDir(dir: string): void {
  const abs = resolve(dir);
  const missing: string[] = [];
  let cur = abs;
  while (!existsSync(cur)) {
    missing.unshift(cur);
    const parent = dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  if (existsSync(cur) && !statSync(cur).isDirectory()) throw Object.assign(new Error(`${cur} is not a folder`), { code: 'ENOTDIR', path: cur });
  for (const d of missing) mkdirSync(d);
}

/** Why files cannot be written into `dir` (created if missing, probed with an empty file), or undefined. */
export function dirWriteProblem(dir: string): string | undefined {
  const probe = join(dir, `.matryoshka-write-test-${process.pid}`);
  try {
    makeDir(dir);
    writeFileSync(probe, '');
    rmSync(probe);
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `${e.code ?? e.message}${e.path ? ` at ${e.path}` : ''}`;
  }
}
