// `matryoshka render -f tenant.yaml`: helm template + validation, readable errors, exit codes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { readableHelmError, releaseFromValuesFile } from '../../generator/src/render/render.ts';
import { ANSI, runCli } from './run-cli.ts';

let dir: string;
const PLATFORM_SOURCES = ['--external', 'HelmRepository/matryoshka-system/*'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'matryoshka-cli-render-'));
  writeFileSync(join(dir, 'tenant-c.yaml'), 'nodeGroups:\n  workers:\n    replicas: 3\n');
  writeFileSync(join(dir, 'typo.yaml'), 'nodeGroups:\n  workers:\n    replcas: 3\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('matryoshka render', () => {
  it('prints the manifests of the tenant named after the values file and validates them', async () => {
    const r = await runCli(['render', '-f', join(dir, 'tenant-c.yaml'), ...PLATFORM_SOURCES]);
    expect(r.code, r.stderr).toBe(0);
    const objects = parseManifests(r.stdout).map((d) => d.object);
    const cluster = objects.find((o) => o.kind === 'Cluster')!;
    expect(cluster.metadata).toMatchObject({ name: 'tenant-c', namespace: 'tenant-c' });
    expect(objects.find((o) => o.kind === 'MachineDeployment' && o.metadata.name === 'tenant-c-workers')?.spec).toMatchObject({ replicas: 3 });
    expect(r.stderr).toMatch(/✓ \d+ object\(s\) valid/);
    expect(r.stdout + r.stderr).not.toMatch(ANSI); // no colour when not on a TTY
  });

  it('uses --release and --namespace over the file name and writes --output', async () => {
    const out = join(dir, 'out.yaml');
    const r = await runCli(['render', '-f', join(dir, 'tenant-c.yaml'), '--release', 'blue', '-n', 'tenants', '-o', out, ...PLATFORM_SOURCES, '--helm', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const cluster = parseManifests(readFileSync(out, 'utf8')).find((d) => d.object.kind === 'Cluster')!.object;
    expect(cluster.metadata).toMatchObject({ name: 'blue', namespace: 'tenants' });
  });

  it('exits 1 naming the object and field when validation finds a problem', async () => {
    const r = await runCli(['render', '-f', join(dir, 'tenant-c.yaml'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^HelmRelease\/tenant-c\/\S+ \(kubernetes\/templates\/[^)]+\) spec\.chart\.spec\.sourceRef\.name: .*\[helmrelease-source\]$/m);
  });

  it('exits 1 with helm’s schema message, not a stack trace, for a misspelt key', async () => {
    const r = await runCli(['render', '-f', join(dir, 'typo.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/helm could not render the chart/);
    expect(r.stderr).toMatch(/replcas/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });


  it('exits 1 for a values file that does not exist', async () => {
    const r = await runCli(['render', '-f', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/values file .*missing\.yaml does not exist/);
  });

  it('renders another chart of the repository with the APIs its cluster serves', async () => {
    const apis = ['helm.toolkit.fluxcd.io/v2', 'source.toolkit.fluxcd.io/v1', 'kubevirt.io/v1', 'cdi.kubevirt.io/v1beta1'].flatMap((a) => ['-a', a]);
    const r = await runCli(['render', '--chart', 'management-platform', '--release', 'platform', '-n', 'matryoshka-system', ...apis]);
    expect(r.code, r.stderr).toBe(0);
    const kinds = parseManifests(r.stdout).map((d) => d.object.kind);
    expect(kinds).toContain('HelmRelease');
    expect(kinds).not.toContain('Cluster');
  });

  it.each([
    [['render', '--bogus']],
    [['render', '-f', 'x.yaml', '--helm', '5']],
    [['render', 'stray.yaml']],
    [['render', '--external', 'not a ref']],
  ])('exits 2 with the usage for %j', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .+\nsee `matryoshka render --help`\n$/);
  });
});

describe('render helpers', () => {
  it.each([
    ['tenants/tenant-a.yaml', 'tenant-a'],
    ['prod.values.yml', undefined],
    ['Tenant.yaml', undefined],
    ['-', undefined],
    [`${'a'.repeat(41)}.yaml`, undefined],
  ])('derives the release name from %s as %s', (file, release) => {
    expect(releaseFromValuesFile(file)).toBe(release);
  });

  it('keeps the message of a template fail and says which template raised it', () => {
    const helm = 'execution error at (kubernetes/templates/cluster.yaml:5:11): nodeGroups.gpu.autoscaling: minSize 3 is above maxSize 2; lower minSize or raise maxSize\n\nUse --debug flag to render out invalid YAML';
    expect(readableHelmError(helm)).toBe('nodeGroups.gpu.autoscaling: minSize 3 is above maxSize 2; lower minSize or raise maxSize (kubernetes/templates/cluster.yaml)');
  });
});
