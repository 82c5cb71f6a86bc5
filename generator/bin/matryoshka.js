#!/usr/bin/env node
// `matryoshka`: runs the compiled CLI in dist/cli/ (built from generator/src by scripts/build.mjs
// on `npm ci` / `npm install`). Before running it checks that no source is newer than the build
// — after a `git pull` or an edit, an old build must not run silently — and rebuilds if one is.
// The check stats the sources (about a millisecond), so it runs every time.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const distDir = join(root, 'dist', 'cli');

/** Newest mtime among the sources (files and folders: a deleted file changes its folder), the build script and the installed dependencies. */
function newestInput() {
  let newest = 0;
  const visit = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  visit(join(root, 'generator', 'src'));
  newest = Math.max(newest, statSync(join(root, 'scripts', 'build.mjs')).mtimeMs);
  // npm rewrites this file whenever it changes node_modules; the build bundles dependencies
  try {
    newest = Math.max(newest, statSync(join(root, 'node_modules', '.package-lock.json')).mtimeMs);
  } catch {
    // no dependencies installed: the build below says so
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(join(distDir, '.build-stamp')).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The compiled CLI, rebuilt first when stale; the sources through tsx when the build fails. */
async function loadMain() {
  const built = builtAt();
  if (built !== undefined && built >= newestInput()) return import('../../dist/cli/main.js');
  process.stderr.write(`matryoshka: ${built === undefined ? 'no build in dist/cli yet' : 'a source changed since the last build'}; building it (npm run build)\n`);
  try {
    const { build } = await import('../../scripts/build.mjs');
    await build({ quiet: true });
    return import('../../dist/cli/main.js');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    // a source that does not build (an edit in progress) still runs from source, where only the
    // modules a command imports must load — if the development dependency tsx is there
    const tsx = await import('tsx/esm/api').catch(() => undefined);
    if (!tsx) {
      process.stderr.write(`error: could not build the CLI into ${distDir}: ${why}\nRun \`npm ci\` (or \`npm run build\`) in ${root} and try again.\n`);
      return undefined;
    }
    process.stderr.write(`matryoshka: the build failed (${why.split('\n').slice(0, 3).join('; ')}); running generator/src through tsx\n`);
    tsx.register();
    return import('../src/cli/main.ts');
  }
}

const cli = await loadMain();
process.exitCode = cli ? await cli.main(process.argv.slice(2)) : 1;
