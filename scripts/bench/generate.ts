// Issue 8 target: `matryoshka generate` in ≤ 5 s (the whole CLI process, as a user runs it;
// --check so the benchmark writes nothing).
import { execa } from 'execa';
import { join } from 'node:path';
import { repoRoot } from '../../generator/src/paths.ts';
import type { BenchCase } from './_case.ts';

export const bench: BenchCase = {
  name: 'matryoshka generate',
  description: 'node generator/bin/matryoshka.js generate --check (process start to exit)',
  unit: 'runs',
  iterations: 3,
  targetMs: 5000,
  async run() {
    await execa('node', [join(repoRoot, 'generator', 'bin', 'matryoshka.js'), 'generate', '--check'], { cwd: repoRoot });
    return { items: 1 };
  },
};
