// The pre-delete teardown script (charts/kubernetes/files/teardown.sh), run by a real POSIX sh
// against a fake kubectl (test/teardown/fake-bin) that answers from fixture state on disk and
// records every call. A fake `sleep` counts waits instead of sleeping.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chartsDir } from '../../generator/src/paths.ts';

const SCRIPT = join(chartsDir, 'kubernetes', 'files', 'teardown.sh');
const FAKE_BIN = join(dirname(fileURLToPath(import.meta.url)), 'fake-bin');
const root = mkdtempSync(join(tmpdir(), 'matryoshka-teardown-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Fixture {
  /** the tenant API: answering, down, or its kubeconfig Secret gone */
  tenant: 'up' | 'down' | 'no-secret';
  /** HelmReleases of this release (all carry Flux's finalizer) */
  helmReleases?: string[];
  /** reads the Cluster survives after deletion; undefined = no Cluster; 'never' = it never goes */
  cluster?: number | 'never';
  fluxStuck?: boolean;
  noFlux?: boolean;
  listError?: boolean;
  env?: Record<string, string>;
}

interface Run {
  code: number;
  out: string;
  calls: string[];
  /** kubectl calls only, without the leading `kubectl --namespace tenant-a` */
  k: string[];
  sleeps: number;
  state: string;
}

let n = 0;
async function runTeardownWith(shell: string[], f: Fixture): Promise<Run> {
  const dir = join(root, `case-${n++}`);
  const state = join(dir, 'state');
  const bin = join(dir, 'bin');
  mkdirSync(join(state, 'hr'), { recursive: true });
  mkdirSync(bin);
  for (const tool of readdirSync(FAKE_BIN)) {
    copyFileSync(join(FAKE_BIN, tool), join(bin, tool));
    chmodSync(join(bin, tool), 0o755);
  }
  writeFileSync(join(state, 'calls.log'), '');
  writeFileSync(join(state, 'tenant-api'), f.tenant === 'up' ? 'up' : 'down');
  for (const hr of f.helmReleases ?? []) {
    writeFileSync(join(state, 'hr', hr), '');
    writeFileSync(join(state, 'hr', `${hr}.finalizer`), '');
  }
  if (f.cluster !== undefined) writeFileSync(join(state, 'cluster'), String(f.cluster));
  if (f.fluxStuck) writeFileSync(join(state, 'flux-stuck'), '');
  if (f.noFlux) writeFileSync(join(state, 'no-flux'), '');
  if (f.listError) writeFileSync(join(state, 'list-error'), '');
  const kubeconfig = join(dir, 'tenant-kubeconfig');
  if (f.tenant !== 'no-secret') writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');

  const env = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    FAKE_STATE: state,
    TMPDIR: dir,
    NAMESPACE: 'tenant-a',
    CLUSTER_NAME: 'tenant-a',
    HELMRELEASE_SELECTOR: 'app.kubernetes.io/instance=tenant-a,cluster.x-k8s.io/cluster-name=tenant-a',
    TENANT_KUBECONFIG: kubeconfig,
    HELMRELEASE_TIMEOUT: '30',
    CLUSTER_TIMEOUT: '100',
    POLL_INTERVAL: '5',
    ...f.env,
  };
  const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(shell[0]!, [...shell.slice(1), SCRIPT], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
  const calls = readFileSync(join(state, 'calls.log'), 'utf8').split('\n').filter(Boolean);
  return {
    code,
    out,
    calls,
    k: calls.filter((c) => c.startsWith('kubectl --namespace tenant-a ')).map((c) => c.slice('kubectl --namespace tenant-a '.length)),
    sleeps: calls.filter((c) => c.startsWith('sleep ')).length,
    state,
  };
}

const HR = 'helmrelease.helm.toolkit.fluxcd.io';
const indexOf = (calls: string[], re: RegExp) => calls.findIndex((c) => re.test(c));
const hrLeft = (state: string) => readdirSync(join(state, 'hr')).filter((f) => !f.includes('.'));

// dash (Debian's sh) and bash in POSIX mode; the hook image runs busybox ash
const SHELLS: string[][] = [['sh'], ['bash', '--posix']];

describe.each(SHELLS)('teardown script (pre-delete hook) against a fake kubectl, run by %s', (...shell) => {
  const runTeardown = (f: Fixture) => runTeardownWith(shell, f);

  it('healthy tenant: deletes the HelmReleases so Flux uninstalls the addons, then the Cluster, then the leftovers', async () => {
    const r = await runTeardown({ tenant: 'up', helmReleases: ['tenant-a-cni', 'tenant-a-metrics-server'], cluster: 3 });
    expect(r.code, r.out).toBe(0);
    // the tenant API was probed through the tenant kubeconfig
    expect(r.calls.some((c) => /--kubeconfig \S+ --request-timeout=10s get --raw=\/readyz/.test(c))).toBe(true);
    const hrDelete = indexOf(r.k, new RegExp(`^delete ${HR}/tenant-a-cni ${HR}/tenant-a-metrics-server --wait=false`));
    const clusterDelete = indexOf(r.k, /^delete clusters\.cluster\.x-k8s\.io tenant-a --wait=false/);
    expect(hrDelete).toBeGreaterThanOrEqual(0);
    expect(clusterDelete).toBeGreaterThan(hrDelete);
    // Flux did the uninstall: nothing was suspended or force-released
    expect(r.k.filter((c) => c.startsWith('patch '))).toEqual([]);
    // the Cluster was awaited until Cluster API removed it (3 more reads), then leftovers were cleaned
    expect(r.sleeps).toBe(3);
    expect(existsSync(join(r.state, 'cluster'))).toBe(false);
    expect(indexOf(r.k, /^delete services -l cluster\.x-k8s\.io\/cluster-name=tenant-a,cluster\.x-k8s\.io\/tenant-service-name /)).toBeGreaterThan(clusterDelete);
    expect(indexOf(r.k, /^delete datavolumes\.cdi\.kubevirt\.io -l cluster\.x-k8s\.io\/cluster-name=tenant-a /)).toBeGreaterThan(clusterDelete);
    expect(hrLeft(r.state)).toEqual([]);
  });

  it.each(['no-secret', 'down'] as const)(
    'tenant API gone (%s): suspends each HelmRelease, deletes it and drops its finalizers before deleting the Cluster',
    async (tenant) => {
      const r = await runTeardown({ tenant, helmReleases: ['tenant-a-cni', 'tenant-a-csi'], cluster: 1 });
      expect(r.code, r.out).toBe(0);
      expect(r.calls.some((c) => c.includes('--raw=/readyz'))).toBe(tenant === 'down');
      for (const name of ['tenant-a-cni', 'tenant-a-csi']) {
        const suspend = indexOf(r.k, new RegExp(`^patch ${HR}/${name} --type=merge -p \\{"spec":\\{"suspend":true\\}\\}`));
        const del = indexOf(r.k, new RegExp(`^delete ${HR}/${name} --wait=false`));
        const release = indexOf(r.k, new RegExp(`^patch ${HR}/${name} --type=merge -p \\{"metadata":\\{"finalizers":null\\}\\}`));
        expect(suspend, name).toBeGreaterThanOrEqual(0);
        expect(del).toBeGreaterThan(suspend);
        expect(release).toBeGreaterThan(del);
        expect(indexOf(r.k, /^delete clusters\.cluster\.x-k8s\.io/)).toBeGreaterThan(release);
      }
      // no waiting for an uninstall that can never happen
      expect(r.sleeps).toBe(1);
      expect(hrLeft(r.state)).toEqual([]);
      expect(r.out).toMatch(tenant === 'down' ? /tenant API unreachable/ : /kubeconfig Secret is missing/);
    },
  );

  it.each([
    ['no HelmReleases and no Cluster', {}],
    ['Flux not installed at all', { noFlux: true }],
  ])('nothing left to delete (%s): deletes nothing, waits for nothing, succeeds', async (_label, extra) => {
    const r = await runTeardown({ tenant: 'no-secret', ...extra });
    expect(r.code, r.out).toBe(0);
    expect(r.k.filter((c) => /^(delete|patch) (helmrelease|clusters)/.test(c))).toEqual([]);
    expect(r.sleeps).toBe(0);
    expect(r.out).toMatch(/Cluster tenant-a is already gone/);
  });

  it('healthy tenant whose addon uninstall hangs: gives up after the bounded wait and releases the HelmReleases', async () => {
    const r = await runTeardown({ tenant: 'up', helmReleases: ['tenant-a-cni'], fluxStuck: true, cluster: 0 });
    expect(r.code, r.out).toBe(0);
    // 30 s timeout at a 5 s interval = 6 waits, then the release path
    expect(r.sleeps).toBe(6);
    expect(r.out).toMatch(/gave up after 30s waiting for Flux to uninstall the tenant addons/);
    expect(indexOf(r.k, new RegExp(`^patch ${HR}/tenant-a-cni .*"finalizers":null`))).toBeGreaterThan(indexOf(r.k, new RegExp(`^delete ${HR}/`)));
    expect(hrLeft(r.state)).toEqual([]);
    expect(indexOf(r.k, /^delete clusters\.cluster\.x-k8s\.io/)).toBeGreaterThan(0);
  });

  it('fails the uninstall, naming what is left, when Cluster API does not delete the machines in time', async () => {
    const r = await runTeardown({ tenant: 'up', cluster: 'never' });
    expect(r.code).toBe(1);
    expect(r.sleeps).toBe(20); // 100 s at 5 s, bounded
    expect(r.out).toMatch(/gave up after 100s waiting for Cluster API to delete Cluster tenant-a; left: cluster\.cluster\.x-k8s\.io\/tenant-a/);
    expect(r.out).toMatch(/rerun helm uninstall/);
    // leftovers are not touched while the VMs may still use them
    expect(r.k.filter((c) => /^delete (services|datavolumes)/.test(c))).toEqual([]);
  });

  it('stops before deleting anything when it cannot list the HelmReleases', async () => {
    const r = await runTeardown({ tenant: 'up', helmReleases: ['tenant-a-cni'], cluster: 0, listError: true });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/cannot list HelmReleases: Error from server \(Forbidden\)/);
    expect(r.k.filter((c) => /^(delete|patch) /.test(c))).toEqual([]);
  });

  it('leaves the load balancer Services and volumes alone when infra cleanup is off', async () => {
    const r = await runTeardown({ tenant: 'up', cluster: 0, env: { DELETE_INFRA_LEFTOVERS: 'false' } });
    expect(r.code, r.out).toBe(0);
    expect(r.k.filter((c) => /^delete (services|datavolumes)/.test(c))).toEqual([]);
    expect(indexOf(r.k, /^delete clusters\.cluster\.x-k8s\.io tenant-a/)).toBeGreaterThanOrEqual(0);
  });
});
