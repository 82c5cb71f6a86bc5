// Issue 11: a values file whose name is not a usable release name must not render silently as
// another release (it used to become tenant-a); render and plan say so and suggest --release.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { UsageError } from '../../generator/src/cli/command.ts';
import { chooseRelease, suggestReleaseName } from '../../generator/src/cli/release-name.ts';
import { runCli } from './run-cli.ts';

let dir: string;
const long54 = 'a'.repeat(54);
const long45 = `tenant-${'b'.repeat(38)}`;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'matryoshka-cli-release-'));
  for (const name of ['Acme_Prod.yaml', 'acme.prod.yaml', `${long54}.yaml`, `${long45}.yaml`, 'running.yaml', 'green.yaml']) writeFileSync(join(dir, name), 'nodeGroups:\n  workers: {replicas: 2}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('render names the release after the values file, or refuses', () => {
  it.each([
    ['Acme_Prod.yaml', /"Acme_Prod\.yaml" does not give a release name \("Acme_Prod": use lower-case letters, digits and '-'.*\); pass --release NAME, e\.g\. --release acme-prod$/m],
    ['acme.prod.yaml', /"acme\.prod\.yaml" does not give a release name.*--release acme-prod$/m],
    [`${long54}.yaml`, /"a{54}": 54 characters, Helm allows at most 53\); pass --release NAME/],
  ])('exits 2 for %s, saying why and suggesting --release', async (file, message) => {
    const r = await runCli(['render', '-f', join(dir, file), '--no-validate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(''); // nothing rendered under another name
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/\nsee `matryoshka render --help`\n$/);
  });

  it('renders the same file under the name given with --release', async () => {
    const r = await runCli(['render', '-f', join(dir, 'Acme_Prod.yaml'), '--release', 'acme-prod', '--no-validate']);
    expect(r.code, r.stderr).toBe(0);
    const cluster = parseManifests(r.stdout).find((d) => d.object.kind === 'Cluster')!.object;
    expect(cluster.metadata).toMatchObject({ name: 'acme-prod', namespace: 'acme-prod' });
  });

  it('passes a well-formed name the chart cannot take to the chart, and says the name came from the file', async () => {
    const r = await runCli(['render', '-f', join(dir, `${long45}.yaml`), '--no-validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/release name "tenant-b+" is 45 characters; use at most 40/);
    expect(r.stderr).toContain(`(release "${long45}" is the name of ${join(dir, `${long45}.yaml`)}; pass --release NAME to choose another)`);
  });

  it('needs --release for values read from stdin', async () => {
    const r = await runCli(['render', '-f', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/values from stdin \(-f -\) carry no file name .*pass --release NAME/);
  });

  it('renders the default tenant when no values file is given', () => {
    expect(chooseRelease(undefined, undefined)).toEqual({ release: 'tenant-a' });
  });
});

describe('plan names the release after the --to file, or refuses', () => {
  it('exits 2 for a --to file that is no release name, even when the --from file is one', async () => {
    const r = await runCli(['plan', '--from', join(dir, 'running.yaml'), '--to', join(dir, 'acme.prod.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"acme\.prod\.yaml" does not give a release name.*pass --release NAME, e\.g\. --release acme-prod\nsee `matryoshka plan --help`\n$/);
  });

  it('plans under the --to file name', async () => {
    const r = await runCli(['plan', '--from', join(dir, 'running.yaml'), '--to', join(dir, 'green.yaml'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ changes: false });
  });
});

describe('chooseRelease', () => {
  it.each([
    ['tenants/tenant-a.yaml', 'tenant-a'],
    ['x/blue.yml', 'blue'],
    [`${'c'.repeat(53)}.yaml`, 'c'.repeat(53)],
  ])('takes %s as release %s', (file, release) => {
    expect(chooseRelease(undefined, file)).toEqual({ release, fromFile: file });
  });

  it.each(['Tenant.yaml', 'prod.values.yml', '-x.yaml', 'x-.yaml', `${'c'.repeat(54)}.yaml`, '-'])('refuses %s', (file) => {
    expect(() => chooseRelease(undefined, file)).toThrow(UsageError);
  });

  it('prefers --release over any file name', () => {
    expect(chooseRelease('blue', 'Acme_Prod.yaml')).toEqual({ release: 'blue' });
  });

  it.each([
    ['Acme_Prod', 'acme-prod'],
    ['__', 'tenant-a'],
    ['x'.repeat(60), 'x'.repeat(40)],
  ])('suggests a usable name for %s', (name, suggestion) => {
    expect(suggestReleaseName(name)).toBe(suggestion);
  });
});
