// `matryoshka plan` and `matryoshka package` as users run them, and `--help` for every command.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandNames } from '../../generator/src/cli/main.ts';
import { type OciRegistry, registryAvailable, startRegistry } from '../support/oci-registry.ts';
import { ANSI, runCli } from './run-cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'matryoshka-cli-'));
  // a fixed kube-reserved memory: the default scales with the VM, and a resize would then change the bootstrap template too
  const reserved = 'nodeGroupDefaults:\n  kubeReserved: {memory: 1Gi}\n';
  writeFileSync(join(dir, 'running.yaml'), `${reserved}nodeGroups:\n  workers: {replicas: 2, cpu: 2}\n  infra: {replicas: 1, cpu: 4, memory: 8Gi}\n`);
  writeFileSync(join(dir, 'tenant-a.yaml'), `${reserved}nodeGroups:\n  workers: {replicas: 2, cpu: 2}\n  infra: {replicas: 1, cpu: 4, memory: 16Gi}\n`);
  writeFileSync(join(dir, 'scaled.yaml'), `${reserved}nodeGroups:\n  workers: {replicas: 5, cpu: 2}\n  infra: {replicas: 1, cpu: 4, memory: 8Gi}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('matryoshka --help', () => {
  it.each(['render', 'plan', 'package', 'validate'])('lists the %s command', async (name) => {
    expect(commandNames()).toContain(name);
  });

  it('prints the usage of every command with exit code 0', async () => {
    for (const name of commandNames()) {
      const r = await runCli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`^Usage: matryoshka ${name}`));
    }
  });

  it('exits 2 for an unknown command, naming the commands in one line', async () => {
    const r = await runCli(['nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: unknown command "nope"; commands: ${commandNames().join(', ')}\nsee \`matryoshka --help\`\n`);
  });
});

describe('matryoshka plan', () => {
  const plan = (...args: string[]) => runCli(['plan', '--from', join(dir, 'running.yaml'), ...args]);

  it('reports no change for the same values file', async () => {
    const r = await plan('--to', join(dir, 'running.yaml'), '--release', 'tenant-a');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^No changes\./);
    expect(r.stdout + r.stderr).not.toMatch(ANSI);
  });

  it('names the release after the --to file and lists exactly the resized group as rolling', async () => {
    const r = await plan('--to', join(dir, 'tenant-a.yaml'), '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { changes: boolean; rolling: { group: string; name: string }[]; replaced: { kind: string }[] };
    expect(json.changes).toBe(true);
    expect(json.rolling.map((g) => [g.group, g.name])).toEqual([['infra', 'tenant-a-infra']]);
    expect(json.replaced.map((x) => x.kind)).toEqual(['KubevirtMachineTemplate']);
  });

  it('exits 1 with --fail-on-roll when a group rolls, 0 when it only scales', async () => {
    expect((await plan('--to', join(dir, 'tenant-a.yaml'), '--fail-on-roll')).code).toBe(1);
    const scaled = await plan('--to', join(dir, 'scaled.yaml'), '--fail-on-roll', '--release', 'tenant-a');
    expect(scaled.code, scaled.stderr).toBe(0);
    expect(scaled.stdout).toMatch(/^No node group rolls\.$/m);
  });

  it('prints old → new for each changed single-value field and the template change that rolls a group', async () => {
    const r = await plan('--to', join(dir, 'tenant-a.yaml'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^  ~ MachineDeployment\/tenant-a\/tenant-a-infra\n      spec\.template\.spec\.infrastructureRef\.name: tenant-a-infra-\w+ → tenant-a-infra-\w+$/m);
    expect(r.stdout).toMatch(/^  ± KubevirtMachineTemplate\/tenant-a\/tenant-a-infra-\w+ → tenant-a-infra-\w+ .*\n      spec\.template\.spec\.virtualMachineTemplate\.spec\.template\.spec\.domain\.memory\.guest: 8Gi → 16Gi$/m);
    const scaled = await plan('--to', join(dir, 'scaled.yaml'), '--release', 'tenant-a');
    expect(scaled.stdout).toMatch(/^  ~ MachineDeployment\/tenant-a\/tenant-a-workers\n      spec\.replicas: 2 → 5$/m);
    const json = JSON.parse((await plan('--to', join(dir, 'scaled.yaml'), '--release', 'tenant-a', '--format', 'json')).stdout) as { changed: { ref: string; fields: unknown[] }[] };
    expect(json.changed.find((c) => c.ref === 'MachineDeployment/tenant-a/tenant-a-workers')?.fields).toEqual([{ path: 'spec.replicas', from: 2, to: 5 }]);
  });

  it('says why --fail-on-roll failed: the group and what changes its machines', async () => {
    const r = await plan('--to', join(dir, 'tenant-a.yaml'), '--fail-on-roll');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: --fail-on-roll: 1 node group\(s\) would roll \(every machine replaced\): infra \(KubevirtMachineTemplate spec\.template\.spec\.virtualMachineTemplate\.spec\.template\.spec\.domain\.memory\.guest: 8Gi → 16Gi, \+1 more\)$/m);
  });

  it('exits 1 when a side does not render', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'nodeGroups: {workers: {cpu: 0}}\n');
    const r = await plan('--to', join(dir, 'bad.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/helm could not render/);
  });

  it.each([[['plan', '--from', 'a.yaml']], [['plan', '--to', 'a.yaml', '--from', 'b.yaml', '--format', 'xml']], [['plan', '--helm', '2', '--from', 'a', '--to', 'b']]])(
    'exits 2 with the usage for %j',
    async (args) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: .+\nsee `matryoshka plan --help`\n$/);
    },
  );
});

describe('matryoshka package', () => {
  it('writes the archives and index.yaml with the base URL', async () => {
    const out = join(dir, 'repo');
    const r = await runCli(['package', '--out', out, '--chart', 'kubernetes', '--base-url', 'https://charts.example.com']);
    expect(r.code, r.stderr).toBe(0);
    const index = parse(readFileSync(join(out, 'index.yaml'), 'utf8')) as { entries: Record<string, { version: string; urls: string[] }[]> };
    const [entry] = index.entries.kubernetes!;
    expect(entry!.urls).toEqual([`https://charts.example.com/kubernetes-${entry!.version}.tgz`]);
    expect(existsSync(join(out, `kubernetes-${entry!.version}.tgz`))).toBe(true);
    expect(Object.keys(index.entries)).toEqual(['kubernetes']);
  });

  it.each([
    [['package', '--chart', 'no-such-chart']],
    [['package', '--push', 'https://registry.example.com']],
    [['package', '--base-url', 'charts.example.com']],
    [['package', '--helm', '9']],
  ])('exits 2 with the usage for %j', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .+\nsee `matryoshka package --help`\n$/);
  });

  const inCI = !!process.env.CI && process.env.CI !== 'false';
  describe.runIf(registryAvailable() || inCI)('--push to a real OCI registry', () => {
    let registry: OciRegistry;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(async () => registry?.stop());

    it('pushes every packaged chart to <ref>/<name>:<version>', async () => {
      const r = await runCli(['package', '--out', join(dir, 'pushed'), '--chart', 'kubernetes', '--push', `oci://${registry.host}/charts`, '--plain-http']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`pushed oci://${registry.host.replace(/\./g, '\\.')}/charts/kubernetes:\\S+ sha256:`));
      const tags = (await (await fetch(`http://${registry.host}/v2/charts/kubernetes/tags/list`)).json()) as { tags: string[] };
      expect(tags.tags).toHaveLength(1);
    });
  });
});
