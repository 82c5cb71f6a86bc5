// Issue 11 item 7: the CLI's answers to mistakes — which chart names exist, which helm path was
// tried, exit codes per the README (0 ok, 1 findings/failure, 2 usage), one-line usage errors,
// -o and package --out that fail before work and leave nothing half-written behind.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { listCharts } from '../../generator/src/package/build.ts';
import { runCli } from './run-cli.ts';

let dir: string;
const PLATFORM_SOURCES = ['--external', 'HelmRepository/matryoshka-system/*'];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'matryoshka-cli-hygiene-'));
  writeFileSync(join(dir, 'tenant-h.yaml'), 'nodeGroups:\n  workers:\n    replicas: 2\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('usage errors', () => {
  it.each([
    [['generate', '--bogus'], 'generate'],
    [['generate', 'stray'], 'generate'],
    [['doctor', '--bogus'], 'doctor'],
    [['quickstart', 'now'], 'quickstart'],
    [['validate', '--format', 'xml', '-'], 'validate'],
    [['render', '--chart', 'foo'], 'render'],
  ])('%j exits 2 with one line and where the usage is, not the whole help', async (args, cmd) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: [^\\n]+\\nsee \`matryoshka ${cmd} --help\`\\n$`));
    expect(r.stderr).not.toContain('Usage:');
  });

  it('names the charts of the repository for an unknown --chart', async () => {
    const r = await runCli(['render', '--chart', 'foo']);
    expect(r.stderr).toContain(`--chart "foo" is not a chart of this repository (${listCharts().join(', ')}), a chart folder, a .tgz, repo/chart or oci://…`);
    expect(listCharts()).toEqual(expect.arrayContaining(['kubernetes', 'management-platform']));
    const plan = await runCli(['plan', '--from', 'a.yaml', '--to', 'tenant-a.yaml', '--to-chart', 'kubernetez']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('--to-chart "kubernetez" is not a chart of this repository');
  });

  it('prints the top-level help on stdout for --help and exits 2 without a command', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: matryoshka <command>/);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
  });
});

describe('exit codes of failures', () => {
  it('validate exits 1 (a failure, not a usage error) for an input file it cannot read', async () => {
    const r = await runCli(['validate', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read input file ${join(dir, 'missing.yaml')}: ENOENT`);
  });

  it('a missing helm binary exits 1 naming the path that was tried and where it came from', async () => {
    const r = await withEnv({ HELM4_BIN: join(dir, 'no-helm') }, () => runCli(['render', '-f', join(dir, 'tenant-h.yaml'), '--helm', '4']));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot run Helm 4 at ${join(dir, 'no-helm')} (from HELM4_BIN): ENOENT`);
  });
});

describe('render -o', () => {
  it('creates the parent folders of the output file', async () => {
    const out = join(dir, 'out', 'deep', 'tenant-h.yaml');
    const r = await runCli(['render', '-f', join(dir, 'tenant-h.yaml'), '-o', out, ...PLATFORM_SOURCES]);
    expect(r.code, r.stderr).toBe(0);
    expect(parseManifests(readFileSync(out, 'utf8')).some((d) => d.object.kind === 'Cluster')).toBe(true);
  });

  it('leaves no manifest behind when validation fails, removing an older one, and says so', async () => {
    const out = join(dir, 'failed.yaml');
    writeFileSync(out, 'an older render\n');
    // without the platform's chart sources declared external the wiring check fails
    const r = await runCli(['render', '-f', join(dir, 'tenant-h.yaml'), '-o', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toContain(`✗ ${out} removed (validation failed; --no-validate writes unchecked manifests)`);
  });

  it('writes nothing when helm cannot render', async () => {
    const bad = join(dir, 'tenant-bad.yaml');
    writeFileSync(bad, 'nodeGroups: {workers: {cpu: 0}}\n');
    const out = join(dir, 'bad-out.yaml');
    const r = await runCli(['render', '-f', bad, '-o', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toContain(`✗ ${out} not written (helm could not render)`);
  });

  it('fails before rendering when the output folder cannot be created', async () => {
    const r = await runCli(['render', '-f', join(dir, 'tenant-h.yaml'), '-o', '/proc/matryoshka/out.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write --output \/proc\/matryoshka\/out\.yaml: ENOENT at \/proc\/matryoshka/);
    expect(r.stderr).not.toContain('helm template');
  });
});

describe('package --out', () => {
  // Node's recursive mkdir never returns below /proc: the old command hung here forever
  it('fails at once for a folder under /proc, before building anything', { timeout: 20_000 }, async () => {
    const r = await runCli(['package', '--out', '/proc/matryoshka-charts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot write the chart repository to --out /proc/matryoshka-charts: ENOENT at /proc/matryoshka-charts; choose a writable folder');
    expect(r.stderr).not.toMatch(/helm package/);
  });

  it('fails at once for a folder below a file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const r = await runCli(['package', '--out', join(file, 'charts')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`ENOTDIR at ${file}`);
  });
});
