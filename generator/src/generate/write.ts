// The I/O edge of `generate`: write generated files, or report which committed ones are stale.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { repoRoot } from '../paths.ts';
import type { GeneratedFile } from './outputs.ts';
import { GENERATED_MARK } from './generated-mark.ts';

export function writeGenerated(files: GeneratedFile[], root = repoRoot): string[] {
  const changed: string[] = [];
  for (const f of files) {
    const abs = join(root, f.path);
    if (existsSync(abs) && readFileSync(abs, 'utf8') === f.content) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.content);
    changed.push(f.path);
  }
  return changed;
}

/** Where generated files live. */
const GENERATED_ROOTS = ['charts', join('generator', 'src', 'types')];

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesBelow(p) : [p];
  });
}

/**
 * Files that carry the generated mark but that the generator no longer produces (a removed catalog
 * entry's template, a renamed chart's README): left behind they would keep rendering.
 */
export function orphanedFiles(files: GeneratedFile[], root = repoRoot): string[] {
  const produced = new Set(files.map((f) => f.path.split('/').join(sep)));
  return GENERATED_ROOTS.flatMap((r) => filesBelow(join(root, r)))
    .map((abs) => relative(root, abs))
    .filter((rel) => !produced.has(rel) && readFileSync(join(root, rel), 'utf8').slice(0, 400).includes(GENERATED_MARK))
    .map((rel) => rel.split(sep).join('/'))
    .sort();
}

/** Deletes orphaned generated files; returns their paths. */
export function removeOrphans(files: GeneratedFile[], root = repoRoot): string[] {
  const orphans = orphanedFiles(files, root);
  for (const rel of orphans) rmSync(join(root, rel));
  return orphans;
}

/** Paths whose content on disk differs from what the generator produces (missing counts as stale). */
export function staleFiles(files: GeneratedFile[], root = repoRoot): string[] {
  return files
    .filter((f) => {
      const abs = join(root, f.path);
      return !existsSync(abs) || readFileSync(abs, 'utf8') !== f.content;
    })
    .map((f) => f.path);
}
