// The `matryoshka` command as installed: the bin runs the compiled CLI in dist/cli, rebuilds it
// when a source is newer (never an old build after a `git pull`), and is what the npm scripts and
// `npx matryoshka` inside the clone run. Real processes throughout.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, commandNames, loadCommand } from '../../generator/src/cli/main.ts';
import { installHint } from '../../generator/src/cli/commands/quickstart.ts';
import { helmBinary } from '../../generator/src/helm/binary.ts';
import { repoRoot } from '../../generator/src/paths.ts';

const bin = join(repoRoot, 'generator', 'bin', 'matryoshka.js');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; scripts: Record<string, string> };
const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-entry-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const matryoshka = (args: string[], opts: { cwd?: string } = {}) => execa('node', [bin, ...args], { reject: false, cwd: opts.cwd ?? repoRoot, env: { NO_COLOR: '1' } });

describe('the package', () => {
  it('has a scoped name that no unrelated npm package can hold, and the bin matryoshka', () => {
    expect(pkg.name).toBe('@matryoshka-k8s/matryoshka');
    expect(pkg.bin).toEqual({ matryoshka: 'generator/bin/matryoshka.js' });
  });

  it('builds the CLI when npm ci / npm install runs, and the npm scripts run the compiled CLI', () => {
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs');
    for (const script of ['matryoshka', 'generate', 'start']) expect(pkg.scripts[script], script).toMatch(/^node generator\/bin\/matryoshka\.js\b/);
  });
});

describe('matryoshka as a process', () => {
  it('--version prints the package version', async () => {
    const r = await matryoshka(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(pkg.version);
  });

  it('--help lists every command with its summary, exit 0', async () => {
    const r = await matryoshka(['--help']);
    expect(r.exitCode).toBe(0);
    for (const name of commandNames()) expect(r.stdout).toMatch(new RegExp(`^  ${name} +${COMMANDS[name]!.summary.replace(/[()+.*?[\]]/g, '\\$&')}$`, 'm'));
  });

  it.each([
    [['npm', 'run', '-s', 'matryoshka', '--', '--version']],
    [['npx', '--no-install', 'matryoshka', '--version']],
  ])('%j inside the clone runs this package', async (cmd) => {
    const r = await execa(cmd[0]!, cmd.slice(1), { cwd: repoRoot, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('npm exec --prefix <clone> runs it from any other folder', async () => {
    const r = await execa('npm', ['exec', '--prefix', repoRoot, '--', 'matryoshka', '--version'], { cwd: tmp, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('the command table', () => {
  it('names every command module, with the summary the module states', async () => {
    const modules = readdirSync(join(repoRoot, 'generator', 'src', 'cli', 'commands'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(commandNames()).toEqual(modules);
    for (const name of commandNames()) expect((await loadCommand(name))!.summary, name).toBe(COMMANDS[name]!.summary);
  });

  it('keeps `matryoshka --help` free of command modules in the build (their dependencies cost start-up time)', async () => {
    expect((await matryoshka(['--version'])).exitCode).toBe(0); // builds dist/cli if stale
    const dist = join(repoRoot, 'dist', 'cli');
    // the modules main.js loads before it runs: its static imports, transitively
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const text = readFileSync(join(dist, file), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)";?$|^import\s*"\.\/([^"]+)";?$/gms)) visit((m[1] ?? m[2])!);
    };
    visit('main.js');
    const commandChunks = readdirSync(dist).filter((f) => commandNames().some((n) => f.startsWith(`${n}-`) && f.endsWith('.js')));
    expect(commandChunks).toHaveLength(commandNames().length);
    for (const c of commandChunks) expect(loaded.has(c), c).toBe(false);
    const bytes = [...loaded].reduce((n, f) => n + statSync(join(dist, f)).size, 0);
    expect(bytes).toBeLessThan(40_000); // ajv, yaml or execa alone are several times that
  });
});

describe('a build older than its sources', () => {
  // A copy of the parts the bin and the build need, so the test may edit sources freely. Its
  // files are dated an hour back, so any edit below is newer than any build.
  const root = join(tmp, 'clone');
  const copy = () => {
    for (const p of ['generator/bin', 'generator/src', 'scripts/build.mjs', 'package.json']) cpSync(join(repoRoot, p), join(root, p), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
    const past = new Date(Date.now() - 3_600_000);
    const age = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) age(join(dir, e.name));
      utimesSync(dir, past, past);
      for (const e of readdirSync(dir, { withFileTypes: true })) if (!e.isDirectory()) utimesSync(join(dir, e.name), past, past);
    };
    age(join(root, 'generator', 'src'));
  };
  const run = (args: string[]) => execa('node', [join(root, 'generator', 'bin', 'matryoshka.js'), ...args], { reject: false, cwd: root, env: { NO_COLOR: '1' } });
  const REBUILD = 'matryoshka: a source changed since the last build; building it (npm run build)';

  it('is rebuilt before it runs: after an edit the new code runs, not the old build', async () => {
    copy();
    const first = await run(['--version']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toBe('matryoshka: no build in dist/cli yet; building it (npm run build)');
    const again = await run(['--version']);
    expect(again.stderr).toBe(''); // up to date: no rebuild
    // an edit, as a `git pull` would bring it
    const main = join(root, 'generator', 'src', 'cli', 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace("'Usage: matryoshka <command> [options]'", "'Usage: matryoshka <command> [options] (edited)'"));
    const edited = await run(['--help']);
    expect(edited.stderr).toBe(REBUILD);
    expect(edited.stdout).toMatch(/^Usage: matryoshka <command> \[options\] \(edited\)$/m);
    expect((await run(['--help'])).stderr).toBe('');
  });

  it('notices a deleted source file (its folder changes)', async () => {
    const folder = join(root, 'generator', 'src', 'cli');
    writeFileSync(join(folder, 'extra.ts'), 'export {};\n');
    expect((await run(['--version'])).stderr).toBe(REBUILD);
    expect((await run(['--version'])).stderr).toBe('');
    rmSync(join(folder, 'extra.ts'));
    expect((await run(['--version'])).stderr).toBe(REBUILD);
  });

  it('runs the sources through tsx, saying so, when they do not build (an edit in progress)', async () => {
    const broken = join(root, 'generator', 'src', 'cli', 'commands', 'doctor.ts');
    writeFileSync(broken, `import { nothing } from '../../paths.ts';\nexport const used = nothing;\n${readFileSync(broken, 'utf8')}`);
    const r = await run(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(pkg.version);
    expect(r.stderr).toMatch(/the build failed \(.*No matching export in "generator\/src\/paths\.ts" for import "nothing".*\); running generator\/src through tsx/);
  });

  it('fails naming the fix when the build fails and tsx is not there', async () => {
    const bare = join(tmp, 'bare');
    for (const p of ['generator/bin', 'generator/src', 'scripts/build.mjs', 'package.json']) cpSync(join(root, p), join(bare, p), { recursive: true });
    mkdirSync(join(bare, 'node_modules'));
    const r = await execa('node', [join(bare, 'generator', 'bin', 'matryoshka.js'), '--version'], { reject: false, cwd: bare });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: could not build the CLI into \S+dist\/cli: .*esbuild/m);
    expect(r.stderr).toMatch(/Run `npm ci` \(or `npm run build`\) in \S+ and try again\./);
  });
});

describe('the "Next:" line of npm start', () => {
  it('is a helm command that works as printed from the folder npm start ran in', async () => {
    for (const cwd of [repoRoot, join(repoRoot, 'charts'), tmp]) {
      const hint = installHint(helmBinary(4, {}), cwd);
      expect(hint).toMatch(/ install tenant-a \S+ -n tenant-a --create-namespace$/);
      // the same line with `template` instead of `install` (no cluster here) must render
      const [helm, ...args] = hint.split(' ');
      const r = await execa(helm!, args.map((a) => (a === 'install' ? 'template' : a)), { cwd, reject: false });
      expect(r.exitCode, `${hint} (in ${cwd}): ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('kind: Cluster');
    }
    expect(installHint(helmBinary(4, {}), repoRoot)).toBe('./.tools/helm4/helm install tenant-a ./charts/kubernetes -n tenant-a --create-namespace');
    expect(installHint({ major: 4, path: 'helm', origin: 'HELM_BIN' }, repoRoot)).toMatch(/^helm install /);
  });
});
