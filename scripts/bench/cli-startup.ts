// Issue 11 target: `matryoshka --help` starts within 4× a bare `node -e 0` (the whole process, as
// a user runs it: the bin's staleness check, the compiled dispatcher, the help text).
// The baseline is measured on the same machine in setup; the target is set from it.
import { execa } from 'execa';
import { join } from 'node:path';
import { repoRoot } from '../../generator/src/paths.ts';
import type { BenchCase } from './_case.ts';

const bin = join(repoRoot, 'generator', 'bin', 'matryoshka.js');
const FACTOR = 4;

async function timeMs(args: string[]): Promise<number> {
  const t = performance.now();
  await execa('node', args, { cwd: repoRoot });
  return performance.now() - t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Ctx {
  nodeMs: number;
}

export const bench: BenchCase<Ctx> = {
  name: 'matryoshka --help',
  description: `node generator/bin/matryoshka.js --help, process start to exit (target: ≤ ${FACTOR}× node -e 0 on this machine)`,
  unit: 'runs',
  iterations: 11,
  async setup() {
    await execa('node', [bin, '--version'], { cwd: repoRoot }); // builds dist/cli if it is stale
    const runs: number[] = [];
    for (let i = 0; i < 11; i++) runs.push(await timeMs(['-e', '0']));
    const nodeMs = median(runs);
    bench.targetMs = Math.round(FACTOR * nodeMs);
    return { nodeMs };
  },
  async run(ctx) {
    await timeMs([bin, '--help']);
    return { items: 1, figures: { 'node -e 0 (median of 11, ms)': Math.round(ctx.nodeMs * 10) / 10, [`target: ${FACTOR}× node -e 0 (ms)`]: Math.round(FACTOR * ctx.nodeMs) } };
  },
};
