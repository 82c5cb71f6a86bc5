// The I/O edge of `generate`: write generated files, or report which committed ones are stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../paths.ts';
import type { GeneratedFile } from './outputs.ts';

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

/** Paths whose content on disk differs from what the generator produces (missing counts as stale). */
export function staleFiles(files: GeneratedFile[], root = repoRoot): string[] {
  return files
    .filter((f) => {
      const abs = join(root, f.path);
      return !existsSync(abs) || readFileSync(abs, 'utf8') !== f.content;
    })
    .map((f) => f.path);
}
