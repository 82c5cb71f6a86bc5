// Issue 11 target: rendering a 5 MB values file (`matryoshka render`'s work in one process: helm
// template + parse + strict schemas + wiring) costs at most 3× `helm template` alone on the same
// file. The file is 1 MB of node-group `files[].content` (block scalars) and, for the rest, one
// big pass-through map (`addons.cni.values.extraConfig`, ~10^5 keys): a mapping that size is where
// a per-key duplicate check turned quadratic (10 MB took 47 s).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmTemplate } from '../../generator/src/helm/run.ts';
import { chartsDir } from '../../generator/src/paths.ts';
import { renderRelease, validateRender } from '../../generator/src/render/render.ts';
import type { BenchCase } from './_case.ts';

const MB = 1024 * 1024;
const EXTERNAL = ['HelmRepository/matryoshka-system/*'];
const tempDirs: string[] = [];

/**
 * A values file of about `bytes` bytes: 100 node-group files of 10,000 characters each (the
 * KubeadmConfigTemplate schema allows 10,240) and, for the rest, one big map.
 */
export function bigValues(bytes: number): string {
  const line = `        export SETTING=${'x'.repeat(84)}\n`; // 8 spaces of indentation + 100 characters
  const files = Array.from({ length: 100 }, (_, i) => `    - path: /etc/matryoshka/part-${i}.conf\n      content: |\n${line.repeat(100)}`);
  const head = `nodeGroups:\n  workers:\n    files:\n${files.join('')}addons:\n  cni:\n    values:\n      extraConfig:\n`;
  const entries: string[] = [];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const entry = `        setting-${i}: "value-${i}-abcdefghijklmnopqrstuvwxyz"\n`;
    entries.push(entry);
    size += entry.length;
  }
  return head + entries.join('');
}

interface Ctx {
  file: string;
  helmAloneMs: number;
}

async function helmAlone(file: string): Promise<number> {
  const t = performance.now();
  await helmTemplate({ chartDir: join(chartsDir, 'kubernetes'), releaseName: 'tenant-a', namespace: 'tenant-a', valuesFiles: [file] });
  return performance.now() - t;
}

async function render(file: string) {
  const result = await renderRelease({ valuesFiles: [file], release: 'tenant-a' });
  const report = validateRender(result, { external: EXTERNAL });
  if (report.errors.length) throw new Error(`the bench values do not render clean: ${report.errors[0]!.message}`);
  return result.docs.length;
}

const bigFile = (mb: number, target?: number): BenchCase<Ctx> => ({
  name: `render ${mb} MB values file`,
  description: `helm 4 template + parse + validate of a ${mb} MB values file, against helm template alone on it`,
  unit: 'objects',
  iterations: 3,
  ...(target ? { figureTargets: { 'render ÷ helm template alone': target } } : {}),
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'matryoshka-bench-'));
    tempDirs.push(dir);
    const file = join(dir, 'tenant-a.yaml');
    writeFileSync(file, bigValues(mb * MB));
    await render(file); // warm-up: schema compilation is a one-time cost, not per file size
    // the fastest of three: the ratio errs on the side of render looking slower
    const helmAloneMs = Math.min(await helmAlone(file), await helmAlone(file), await helmAlone(file));
    return { file, helmAloneMs };
  },
  async run(ctx) {
    const t = performance.now();
    const items = await render(ctx.file);
    const renderMs = performance.now() - t;
    return {
      items,
      figures: {
        'helm template alone (fastest of 3), ms': Math.round(ctx.helmAloneMs),
        'render (helm + parse + validate), ms': Math.round(renderMs),
        'render ÷ helm template alone': Math.round((renderMs / ctx.helmAloneMs) * 100) / 100,
      },
    };
  },
});

export const benches: BenchCase[] = [bigFile(5, 3), bigFile(10)];

process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
