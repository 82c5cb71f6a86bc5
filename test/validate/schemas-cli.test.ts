import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../generator/src/cli/command.ts';
import { command as schemas } from '../../generator/src/cli/commands/schemas.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { committedSchemaDir } from '../../generator/src/validate/index.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'schema-inputs');
const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-schemas-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command, returning its exit code and what it printed. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await schemas.run(args);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('matryoshka schemas (CLI)', () => {
  const custom = join(tmp, 'custom');

  it('sync --crds/--k8s builds a custom folder from local files into --out, and --check compares', async () => {
    const args = ['sync', '--crds', join(fixtures, 'crds'), '--k8s', join(fixtures, 'k8s-schemas'), '--out', custom];
    const r = await run(args);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/2 schemas written to .*custom \(4 files/);
    expect(readdirSync(custom).sort()).toEqual(['NOTICE.md', 'configmap-v1.json', 'example.com', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(custom, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { path: string; repo: string }) => `${i.repo}: ${i.path}`)).toEqual(['local files: crds/example/example.com_widgets.yaml', 'local files: k8s-schemas/configmap-v1.json']);
    expect(await run([...args, '--check'])).toMatchObject({ code: 0 });
    writeFileSync(join(custom, 'configmap-v1.json'), '{}\n');
    expect(await run([...args, '--check'])).toMatchObject({ code: 1, err: expect.stringContaining('changed: configmap-v1.json') });
  });

  it('sync from an inputs folder that lacks a pinned input names the file (exit 1)', async () => {
    const r = await run(['sync', '--inputs', fixtures, '--out', join(tmp, 'pinned')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/schema-inputs\/crds\/cluster-api\/bootstrap.cluster.x-k8s.io_kubeadmconfigs.yaml does not exist \(pinned input crds\/cluster-api\/.* of kubernetes-sigs\/cluster-api@v1.14.0\)/);
  });

  it('verify accepts the committed folder and rejects a copy edited by hand', async () => {
    expect(await run(['verify'])).toMatchObject({ code: 0, out: expect.stringContaining('every file matches manifest.json') });
    const copy = join(tmp, 'copy');
    cpSync(committedSchemaDir, copy, { recursive: true });
    writeFileSync(join(copy, 'configmap-v1.json'), '{}\n');
    expect(await run(['verify', copy])).toMatchObject({ code: 1, err: expect.stringContaining('configmap-v1.json: content differs from its SHA-256 in manifest.json') });
  });

  it('dirs prints the committed folder', async () => {
    expect((await run(['dirs'])).out).toBe(committedSchemaDir);
  });

  it('rejects bad combinations, a missing folder, and unknown subcommands', async () => {
    await expect(schemas.run(['sync', '--online', '--crds', tmp])).rejects.toThrow(UsageError);
    await expect(schemas.run(['sync', '--online', '--inputs', tmp])).rejects.toThrow(/either --inputs <dir> or --online/);
    await expect(schemas.run(['sync', '--crds', tmp])).rejects.toThrow(/needs --out <dir>/);
    await expect(schemas.run(['sync', '--crds', join(tmp, 'nope'), '--out', join(tmp, 'x')])).rejects.toThrow(/does not exist/);
    await expect(schemas.run(['sync', '--inputs', join(tmp, 'nope')])).rejects.toThrow(/does not exist: it holds the pinned upstream inputs .*--online/);
    const foreign = join(tmp, 'foreign');
    cpSync(join(fixtures, 'crds'), foreign, { recursive: true });
    await expect(schemas.run(['sync', '--crds', join(fixtures, 'crds'), '--out', foreign])).rejects.toThrow(/not empty and was not written by `matryoshka schemas sync`/);
    expect(readdirSync(foreign)).toEqual(['example', 'legacy']);
    await expect(schemas.run(['frobnicate'])).rejects.toThrow(UsageError);
  });
});
