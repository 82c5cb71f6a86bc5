// The README's command lines work as written: the Quick start's helm lines with the pinned helm on
// PATH, and every `npx matryoshka …` line names a real command and real options of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { commandNames, loadCommand } from '../../generator/src/cli/main.ts';
import { repoRoot } from '../../generator/src/paths.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const shellBlocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

describe('README', () => {
  it('starts with npm ci && npm start (the line .ci/run runs in a fresh clone)', () => {
    expect(shellBlocks[0]!.split('\n')[0]).toMatch(/^npm ci && npm start\s+#/);
  });

  it('creates a tenant from a clone with the helm it puts on PATH (helm 4 dry run: no cluster here)', async () => {
    const block = shellBlocks.find((b) => b.includes('.tools/helm4'))!;
    expect(block).toMatch(/^export PATH="\$PWD\/\.tools\/helm4:\$PATH"/m);
    const script = block.replace(/^(helm install .*)$/gm, '$1 --dry-run=client');
    const r = await execa('bash', ['-euo', 'pipefail', '-c', script], { cwd: repoRoot, reject: false, env: { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^NAME: tenant-a$/m);
  });

  it('lints the charts with the README line, helm taken from PATH as the README sets it', async () => {
    const lint = readme.match(/^helm lint --strict \.\/charts\/kubernetes$/m)![0];
    const r = await execa('bash', ['-c', `export PATH="$PWD/.tools/helm4:$PATH"; ${lint}`], { cwd: repoRoot, reject: false });
    expect(r.exitCode, r.stdout).toBe(0);
  });

  it('uses only commands and options that exist in its npx matryoshka lines', async () => {
    const lines = [...readme.matchAll(/npx matryoshka ([a-z]+)([^`\n|>]*)/g)];
    expect(lines.length).toBeGreaterThan(5);
    for (const [line, name, rest] of lines) {
      expect(commandNames(), line).toContain(name);
      const usage = (await loadCommand(name!))!.usage;
      for (const opt of rest!.match(/(?<=\s)--[a-z-]+/g) ?? []) expect(usage, `${opt} in: ${line}`).toContain(opt);
    }
  });
});
