import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../generator/src/cli/commands/validate.ts';
import { UsageError } from '../../generator/src/cli/command.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { cleanTenantFile } from './fixture.ts';

const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-validate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runValidate(argv, { readStdin: async () => stdin, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const broken = readFileSync(cleanTenantFile, 'utf8').replace('clusterNetwork:', 'clusterNetwrk:');

describe('matryoshka validate (CLI)', () => {
  it('exits 0 on a clean file and says how many objects it checked', async () => {
    const r = await run(['-n', 'tenant-a', '--external', 'HelmRepository/flux-system/metrics-server', cleanTenantFile]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('✓ 16 object(s) valid');
  });

  it('exits 1 and prints one line per problem plus a summary', async () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, broken);
    const r = await run(['-n', 'tenant-a', file]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      'Cluster/tenant-a/tenant-a (kubernetes/templates/cluster.yaml) spec.clusterNetwrk: unknown field "clusterNetwrk" [schema]',
      'HelmRelease/tenant-a/tenant-a-metrics-server (kubernetes/templates/helmrelease.yaml) spec.chart.spec.sourceRef.name: chart source HelmRepository flux-system/metrics-server is not in the render and not declared external (e.g. --external HelmRepository/flux-system/metrics-server) [helmrelease-source]',
      '✗ 2 error(s) in 2 of 16 object(s)',
    ]);
  });

  it('reads stdin with -, and external objects from a file', async () => {
    const ext = join(tmp, 'external.txt');
    writeFileSync(ext, '# provided by the platform chart\nHelmRepository/flux-system/metrics-server\n');
    const r = await run(['--namespace', 'tenant-a', '--external-file', ext, '-'], readFileSync(cleanTenantFile, 'utf8'));
    expect(r.code).toBe(0);
  });

  it('prints the report as JSON with --format json', async () => {
    const r = await run(['-n', 'tenant-a', '--format', 'json', '-'], broken);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.ok).toBe(false);
    expect(report.objects).toBe(16);
    expect(report.errors.map((e: { rule: string; path: string; file: string }) => [e.rule, e.path, e.file])).toEqual([
      ['schema', 'spec.clusterNetwrk', '<stdin>'],
      ['helmrelease-source', 'spec.chart.spec.sourceRef.name', '<stdin>'],
    ]);
  });

  it('validates several files together so cross-file refs resolve', async () => {
    const platform = join(tmp, 'platform.yaml');
    writeFileSync(platform, 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: metrics-server, namespace: flux-system}\nspec: {url: https://kubernetes-sigs.github.io/metrics-server}\n');
    expect((await run(['-n', 'tenant-a', platform, cleanTenantFile])).code).toBe(0);
  });

  it('reads every manifest file below a directory', async () => {
    const dir = join(tmp, 'rendered');
    mkdirSync(join(dir, 'platform'), { recursive: true });
    writeFileSync(join(dir, 'platform', 'sources.yml'), 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: metrics-server, namespace: flux-system}\nspec: {url: https://kubernetes-sigs.github.io/metrics-server}\n');
    writeFileSync(join(dir, 'tenant.yaml'), readFileSync(cleanTenantFile, 'utf8'));
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
    const r = await run(['-n', 'tenant-a', dir]);
    expect(r).toMatchObject({ code: 0, out: '✓ 17 object(s) valid' });
  });

  it('lists allow-listed kinds in the summary', async () => {
    const allow = join(tmp, 'allow.txt');
    writeFileSync(allow, 'example.com/Widget\n');
    const r = await run(['--allow-file', allow, '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n');
    expect(r).toMatchObject({ code: 0, out: '✓ 1 object(s) valid; allow-listed kinds without schema: example.com/Widget' });
  });

  it('uses only the schema directories given with --schemas', async () => {
    const r = await run(['--schemas', join(tmp, 'empty'), '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(r.code).toBe(1);
    expect(r.out).toContain('[unknown-kind]');
  });

  it('exits 1 with the file named on a YAML syntax error', async () => {
    const r = await run(['-'], 'a: [b\n');
    expect(r.code).toBe(1);
    expect(r.err).toContain('<stdin>');
  });

  it('reports a document that is no Kubernetes object by its file and position', async () => {
    const folder = join(tmp, 'mixed');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team-a}\ndata: {a: b}\n');
    writeFileSync(join(folder, 'values.yaml'), 'nodeGroups:\n  workers: {replicas: 2}\n');
    const r = await run([folder]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      `document 1 (${join(folder, 'values.yaml')}) .: not a Kubernetes object (no apiVersion/kind); validate reads rendered manifests — leave values files and other YAML out of the input [not-kubernetes]`,
      '✗ 1 error(s) in 1 of 2 object(s)',
    ]);
    expect(r.out).not.toContain('undefined');
  });

  it('--skip-kind leaves a kind out entirely (no schema check, no wiring) and says so', async () => {
    const input = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n';
    expect((await run(['-'], input)).code).toBe(1); // no schema, no name
    for (const kind of ['Kustomization', 'kustomize.config.k8s.io/Kustomization', 'kustomize.config.k8s.io/v1beta1/Kustomization']) {
      const r = await run(['--skip-kind', kind, '-'], input);
      expect(r, kind).toMatchObject({ code: 0, out: 'skipped 1 object(s) of kind(s) kustomize.config.k8s.io/Kustomization (--skip-kind)\n✓ 1 object(s) valid' });
    }
    expect((await run(['--skip-kind', 'other.io/Kustomization', '-'], input)).code).toBe(1);
    const none = await run(['--skip-kind', 'ConfigMap', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(none.code).toBe(1);
    expect(none.err).toContain('no Kubernetes objects left after --skip-kind');
  });

  it('writes a JUnit XML report: one test case per object, a failure per object with problems', async () => {
    const input = `${broken}---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata: {name: k}\n---\nplain: values\n`;
    const r = await run(['-n', 'tenant-a', '--format', 'junit', '--skip-kind', 'Kustomization', '-'], input);
    expect(r.code).toBe(1);
    const xml = r.out;
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="matryoshka validate" tests="18" failures="3" errors="0" skipped="1">\n/);
    expect(xml.match(/<testcase /g)).toHaveLength(18);
    expect(xml).toContain('<testcase classname="kubernetes/templates/cluster.yaml" name="Cluster/tenant-a/tenant-a">\n      <failure message="spec.clusterNetwrk: unknown field &quot;clusterNetwrk&quot;" type="schema">');
    expect(xml).toContain('<testcase classname="&lt;stdin&gt;" name="document 18">');
    expect(xml).toContain('<testcase classname="&lt;stdin&gt;" name="Kustomization/tenant-a/k">\n      <skipped message="--skip-kind"/>');
    expect(xml).toMatch(/<testcase classname="kubernetes\/templates\/[\w-]+\.yaml" name="KamajiControlPlane\/tenant-a\/tenant-a"\/>/);
    expect(xml.endsWith('  </testsuite>\n</testsuites>')).toBe(true);
    // the CI report agrees with the JSON report on what failed
    const json = JSON.parse((await run(['-n', 'tenant-a', '--format', 'json', '--skip-kind', 'Kustomization', '-'], input)).out) as { errors: { object: string }[] };
    expect(new Set(json.errors.map((e) => e.object)).size).toBe(3);
  });

  it('exits 1, not 2, for an input, allow-list or external file it cannot read', async () => {
    const missing = join(tmp, 'missing.yaml');
    for (const args of [[missing], ['--allow-file', missing, '-'], ['--external-file', missing, '-']]) {
      const r = await run(args, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain(`${missing}: ENOENT`);
    }
  });

  it('rejects bad usage (no input, bad format, unknown rule or option) as UsageError (exit 2)', async () => {
    await expect(run([])).rejects.toThrow(UsageError);
    await expect(run(['--format', 'xml', '-'])).rejects.toThrow(/--format must be text, json or junit/);
    await expect(run(['--disable-rule', 'nope', '-'])).rejects.toThrow(/unknown rule "nope"/);
    await expect(run(['--bogus', '-'])).rejects.toThrow(UsageError);
    await expect(run(['--external', 'a/b/c/d/e', '-'])).rejects.toThrow(/invalid external object/);
  });

  it('fails on input without objects unless --allow-empty (a failed render upstream of a pipe)', async () => {
    const r = await run(['-'], '');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no Kubernetes objects in <stdin>');
    expect((await run(['--allow-empty', '-'], '---\n')).code).toBe(0);
  });

  it('--list-rules names every rule with what it checks', async () => {
    const r = await run(['--list-rules']);
    expect(r.code).toBe(0);
    const ids = r.out.split('\n').map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(expect.arrayContaining(['cluster-refs', 'machine-refs', 'healthcheck-selector', 'helmrelease-depends-on', 'pod-refs', 'rbac-refs', 'names', 'duplicate', 'autoscaler']));
  });

  it('skips a disabled rule', async () => {
    const r = await run(['-n', 'tenant-a', '--disable-rule', 'helmrelease-source', cleanTenantFile]);
    expect(r.code).toBe(0);
  });

  it('works as a real pipe through the installed command, with exit codes 1 and 2', async () => {
    const bin = join(repoRoot, 'generator', 'bin', 'matryoshka.js');
    const bad = await execa('node', [bin, 'validate', '-n', 'tenant-a', '-'], { input: broken, reject: false, env: { NO_COLOR: '1' } });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain('Cluster/tenant-a/tenant-a (kubernetes/templates/cluster.yaml) spec.clusterNetwrk: unknown field "clusterNetwrk" [schema]');
    const usage = await execa('node', [bin, 'validate'], { reject: false });
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toMatch(/^error: give at least one file, or - for stdin\nsee `matryoshka validate --help`$/m);
  });
});
