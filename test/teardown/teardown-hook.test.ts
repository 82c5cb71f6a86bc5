// The chart side of the teardown: pre-delete hook objects, their order and cleanup policy,
// the script shipped in the hook ConfigMap, least-privilege RBAC and restricted security.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { K8sObject, ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { chartsDir } from '../../generator/src/paths.ts';
import { HELM_MAJORS, renderChart, renderError } from '../support/render.ts';
import { restrictedViolations } from '../support/security.ts';
import { expectValid } from '../support/validate.ts';

type Obj = Record<string, any>;
const PLATFORM_SOURCES = { external: ['HelmRepository/*/*', 'OCIRepository/*/*'] };

const hooks = (docs: ManifestDoc[]) => docs.map((d) => d.object).filter((o) => o.metadata.annotations?.['helm.sh/hook']);
const teardownObjects = (docs: ManifestDoc[]) =>
  docs.map((d) => d.object).filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'teardown') as (K8sObject & Obj)[];
const weight = (o: K8sObject) => Number(o.metadata.annotations?.['helm.sh/hook-weight']);

describe.each(HELM_MAJORS)('teardown hook under Helm %i', (major) => {
  const render = (values?: unknown) => renderChart('kubernetes', { major, values });

  it('is a pre-delete Job whose ServiceAccount, Role, RoleBinding and script exist before it runs and go when it succeeds', async () => {
    const docs = await render();
    const objs = teardownObjects(docs);
    expect(objs.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Job', 'Role', 'RoleBinding', 'ServiceAccount']);
    for (const o of objs) {
      expect(o.metadata.name).toBe('tenant-a-teardown');
      expect(o.metadata.namespace).toBe('tenant-a');
      expect(o.metadata.annotations).toMatchObject({
        'helm.sh/hook': 'pre-delete',
        'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
      });
    }
    const w: Record<string, number> = Object.fromEntries(objs.map((o) => [o.kind, weight(o)]));
    for (const before of ['ServiceAccount', 'Role', 'ConfigMap']) expect(w[before]).toBeLessThan(w.RoleBinding!);
    expect(w.RoleBinding).toBeLessThan(w.Job!);
    expectValid(docs, PLATFORM_SOURCES);
  });

  it('ships files/teardown.sh unchanged in the hook ConfigMap and runs it with sh from a pinned kubectl image', async () => {
    const docs = await render();
    const cm = teardownObjects(docs).find((o) => o.kind === 'ConfigMap')!;
    expect(cm.data['teardown.sh']).toBe(readFileSync(join(chartsDir, 'kubernetes', 'files', 'teardown.sh'), 'utf8'));
    const job = teardownObjects(docs).find((o) => o.kind === 'Job')!;
    const pod = job.spec.template.spec;
    const c = pod.containers[0];
    expect(c.image).toBe('docker.io/alpine/kubectl:1.34.2');
    expect(c.command).toEqual(['/bin/sh', '/opt/matryoshka/teardown.sh']);
    const scriptVol = pod.volumes.find((v: Obj) => v.configMap?.name === 'tenant-a-teardown');
    expect(c.volumeMounts).toContainEqual(expect.objectContaining({ name: scriptVol.name, mountPath: '/opt/matryoshka' }));
    expect(pod.restartPolicy).toBe('Never');
  });

  it('passes the cluster, the HelmRelease selector and bounded waits to the script; the Job deadline covers them', async () => {
    const docs = await render({ teardown: { helmReleaseTimeoutSeconds: 120, clusterTimeoutSeconds: 900, pollIntervalSeconds: 10 } });
    const job = teardownObjects(docs).find((o) => o.kind === 'Job')!;
    const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: Obj) => [e.name, e.value]));
    expect(env).toMatchObject({
      NAMESPACE: 'tenant-a',
      CLUSTER_NAME: 'tenant-a',
      HELMRELEASE_SELECTOR: 'app.kubernetes.io/instance=tenant-a,cluster.x-k8s.io/cluster-name=tenant-a',
      HELMRELEASE_TIMEOUT: '120',
      CLUSTER_TIMEOUT: '900',
      POLL_INTERVAL: '10',
      DELETE_INFRA_LEFTOVERS: 'true',
    });
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(120 + 900);
  });

  it("selects every tenant-targeted HelmRelease of the release with the script's label selector", async () => {
    const docs = await render();
    const job = teardownObjects(docs).find((o) => o.kind === 'Job')!;
    const selector: string = job.spec.template.spec.containers[0].env.find((e: Obj) => e.name === 'HELMRELEASE_SELECTOR').value;
    const pairs = selector.split(',').map((p) => p.split('=') as [string, string]);
    const tenantReleases = docs.map((d) => d.object as Obj).filter((o) => o.kind === 'HelmRelease' && o.spec?.kubeConfig);
    expect(tenantReleases.length).toBeGreaterThan(0);
    for (const hr of tenantReleases) {
      for (const [k, v] of pairs) expect(hr.metadata.labels?.[k], `${hr.metadata.name} label ${k}`).toBe(v);
    }
    // another release in the same namespace is not selected
    const other = await renderChart('kubernetes', { major, release: 'tenant-b' });
    const otherReleases = other.map((d) => d.object as Obj).filter((o) => o.kind === 'HelmRelease');
    for (const hr of otherReleases) expect(pairs.every(([k, v]) => hr.metadata.labels?.[k] === v)).toBe(false);
  });

  it('mounts the tenant kubeconfig Secret as optional, so a tenant whose Secret is gone can still be torn down', async () => {
    const docs = await render();
    const pod = teardownObjects(docs).find((o) => o.kind === 'Job')!.spec.template.spec;
    const vol = pod.volumes.find((v: Obj) => v.secret?.secretName === 'tenant-a-kubeconfig');
    expect(vol.secret).toMatchObject({ optional: true, items: [{ key: 'value', path: 'kubeconfig' }] });
    const env = Object.fromEntries(pod.containers[0].env.map((e: Obj) => [e.name, e.value]));
    const mount = pod.containers[0].volumeMounts.find((m: Obj) => m.name === vol.name);
    expect(env.TENANT_KUBECONFIG).toBe(`${mount.mountPath}/kubeconfig`);
  });

  it('runs restricted with a namespaced Role limited to what the script does', async () => {
    const docs = await render();
    const objs = teardownObjects(docs);
    expect(restrictedViolations(objs.find((o) => o.kind === 'Job')!)).toEqual([]);
    const role = objs.find((o) => o.kind === 'Role')!;
    expect(role.rules).toEqual([
      { apiGroups: ['helm.toolkit.fluxcd.io'], resources: ['helmreleases'], verbs: ['get', 'list', 'watch', 'patch', 'delete'] },
      { apiGroups: ['cluster.x-k8s.io'], resources: ['clusters'], resourceNames: ['tenant-a'], verbs: ['get', 'delete'] },
      { apiGroups: [''], resources: ['services'], verbs: ['list', 'delete'] },
      { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: ['list', 'delete'] },
    ]);
    const rb = objs.find((o) => o.kind === 'RoleBinding')!;
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'tenant-a-teardown' });
  });

  it('drops the Service and DataVolume permissions when infra cleanup is off', async () => {
    const docs = await render({ teardown: { deleteInfraLeftovers: false } });
    const role = teardownObjects(docs).find((o) => o.kind === 'Role')!;
    expect(role.rules.flatMap((r: Obj) => r.resources)).toEqual(['helmreleases', 'clusters']);
  });

  it.each([
    [{ teardown: { pollIntervalSeconds: 0 } }, /pollIntervalSeconds/],
    [{ teardown: { clusterTimeoutSeconds: 10 } }, /clusterTimeoutSeconds/],
    [{ teardown: { helmReleaseTimeoutSeconds: '5m' } }, /helmReleaseTimeoutSeconds/],
    [{ teardown: { deleteLeftovers: true } }, /deleteLeftovers/],
  ])('rejects teardown values %j with a message naming the key', async (values, key) => {
    const msg = await renderError('kubernetes', { major, values });
    expect(msg).toMatch(key);
    expect(msg).not.toMatch(/nil pointer/);
  });

  it('renders no hook at all when teardown is disabled', async () => {
    const docs = await render({ teardown: { enabled: false } });
    expect(teardownObjects(docs)).toEqual([]);
    expect(hooks(docs).filter((o) => o.metadata.annotations?.['helm.sh/hook'] === 'pre-delete')).toEqual([]);
  });
});
