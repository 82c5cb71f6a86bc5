// Tenant addons as Flux HelmReleases: scenarios render and validate with both Helm majors; CNI
// first, RetryOnFailure for CNI and CSI, kubeconfig wiring, deep-merged values, sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { K8sObject, ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { repoRoot, schemasDir } from '../../generator/src/paths.ts';
import { HELM_MAJORS, objectsOfKind, renderChart, renderError } from '../support/render.ts';
import { expectValid } from '../support/validate.ts';

const catalog = parse(readFileSync(join(schemasDir, 'kubernetes', 'addons.catalog.yaml'), 'utf8')) as {
  sources: Record<string, { type: string; url: string }>;
  entries: Record<string, { enabled: boolean; chart: { version: string }; targetNamespace: string; provides?: string[] }>;
};
const SHARED_NS = 'matryoshka-system';
/** The platform chart owns the shared sources; a tenant render alone declares them external. */
const sharedSources = Object.keys(catalog.sources).map((s) => `HelmRepository/${SHARED_NS}/${s}`);
/** The platform team creates Velero's credentials Secret next to the tenant's HelmReleases (scenario addons-all-on). */
const VELERO_CREDENTIALS = 'Secret/tenant-a/tenant-a-velero-credentials';
const external = [...sharedSources, VELERO_CREDENTIALS];
const scenario = (name: string) => join(repoRoot, 'test', 'scenarios', 'kubernetes', `addons-${name}.yaml`);
const SCENARIOS = ['all-on', 'optional-off', 'cni-none', 'custom', 'airgapped'];

type Spec = Record<string, any>;
const spec = (o: K8sObject) => o.spec as Spec;
const releases = (docs: ManifestDoc[]) => objectsOfKind(docs, 'HelmRelease');
const release = (docs: ManifestDoc[], addon: string) => releases(docs).find((o) => o.metadata.name === `tenant-a-${addon}`);
const names = (objs: K8sObject[]) => objs.map((o) => o.metadata.name).sort();
const deps = (o: K8sObject) => ((spec(o).dependsOn ?? []) as { name: string }[]).map((d) => d.name);

describe('the catalog and the project chart it delivers', () => {
  it('pins the kubevirt-csi-node version the repository builds', () => {
    const chart = parse(readFileSync(join(repoRoot, 'charts', 'kubevirt-csi-node', 'Chart.yaml'), 'utf8')) as { version: string };
    expect(catalog.entries['kubevirt-csi-node']!.chart.version).toBe(chart.version);
  });
});

describe.each(HELM_MAJORS)('tenant addons with Helm %s', (major) => {
  it.each(SCENARIOS)('scenario addons-%s renders and passes validation', async (name) => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario(name)] });
    expect(releases(docs).length).toBeGreaterThan(0);
    expectValid(docs, { external });
  });

  it('tenant sources resolve against the shared sources the management-platform chart renders', async () => {
    const tenant = await renderChart('kubernetes', { major, valuesFiles: [scenario('all-on')] });
    const platform = await renderChart('management-platform', {
      major,
      release: 'platform',
      namespace: SHARED_NS,
      values: { preflight: { fluxCheck: false, kubevirtCheck: false } },
    });
    expectValid([...platform, ...tenant], { external: [VELERO_CREDENTIALS] });
  });

  it('installs every addon through the tenant kubeconfig into its own namespace, storing the release there', async () => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario('all-on')] });
    expect(names(releases(docs))).toEqual(Object.keys(catalog.entries).map((n) => `tenant-a-${n}`).sort());
    for (const hr of releases(docs)) {
      const s = spec(hr);
      expect(hr.metadata.namespace).toBe('tenant-a');
      expect(s.kubeConfig).toEqual({ secretRef: { name: 'tenant-a-kubeconfig', key: 'value' } });
      expect(s.storageNamespace).toBe(s.targetNamespace);
      expect(s.install.createNamespace).toBe(true);
      const addon = hr.metadata.name!.replace(/^tenant-a-/, '');
      expect(s.targetNamespace).toBe(catalog.entries[addon]!.targetNamespace);
      expect(s.chart.spec.version).toBe(catalog.entries[addon]!.chart.version);
    }
  });

  it('puts the CNI first: every other addon dependsOn it, and it depends on nothing', async () => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario('all-on')] });
    expect(deps(release(docs, 'cni')!)).toEqual([]);
    for (const hr of releases(docs).filter((o) => o.metadata.name !== 'tenant-a-cni')) {
      expect(deps(hr), hr.metadata.name).toContain('tenant-a-cni');
    }
    expect(deps(release(docs, 'vpa')!)).toContain('tenant-a-metrics-server');
    expect(deps(release(docs, 'velero')!)).toContain('tenant-a-kubevirt-csi-node');
  });

  it('with CNI "none" renders no CNI release and no dependency on one', async () => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario('cni-none')] });
    expect(release(docs, 'cni')).toBeUndefined();
    expect(releases(docs).length).toBeGreaterThan(0);
    for (const hr of releases(docs)) expect(deps(hr)).not.toContain('tenant-a-cni');
  });

  it('CNI and CSI retry on failure without ever uninstalling, with timeouts for a slow first boot', async () => {
    const docs = await renderChart('kubernetes', { major });
    for (const addon of ['cni', 'kubevirt-csi-node']) {
      const s = spec(release(docs, addon)!);
      expect(s.install.strategy).toEqual({ name: 'RetryOnFailure', retryInterval: expect.stringMatching(/^\d+m$/) });
      expect(s.upgrade.strategy).toEqual({ name: 'RetryOnFailure', retryInterval: expect.stringMatching(/^\d+m$/) });
      expect(s.install.remediation).toBeUndefined();
      expect(s.upgrade.remediation?.strategy).not.toBe('uninstall');
      expect(parseInt(s.timeout, 10)).toBeGreaterThanOrEqual(15);
    }
    const other = spec(release(docs, 'metrics-server')!);
    expect(other.install.strategy).toBeUndefined();
    expect(other.upgrade.remediation).toMatchObject({ retries: 3, strategy: 'rollback' });
  });

  it('points Cilium kube-proxy replacement at the endpoint the kubelets use, not a management Service name', async () => {
    // the agent runs host-network on the VM, whose resolver cannot resolve <cluster>.<ns>.svc; `auto` makes the
    // Cilium chart read host and port from the tenant's kube-public/cluster-info (Kamaji writes the endpoint there)
    const docs = await renderChart('kubernetes', { major, namespace: 'tenants' });
    const v = spec(release(docs, 'cni')!).values;
    expect(v).toMatchObject({ kubeProxyReplacement: true, k8sServiceHost: 'auto', cluster: { name: 'tenant-a' } });
    expect(v.k8sServicePort).toBeUndefined();
    expect(JSON.stringify(v)).not.toMatch(/\.svc\b/);
    const off = await renderChart('kubernetes', { major, values: { addons: { cni: { kubeProxyReplacement: false } } } });
    const v2 = spec(release(off, 'cni')!).values;
    expect(v2.kubeProxyReplacement).toBe(false);
    expect(v2.k8sServiceHost).toBeUndefined();
  });

  it('deep-merges user values over the defaults: maps merge, lists and scalars replace', async () => {
    const docs = await renderChart('kubernetes', {
      major,
      values: {
        addons: {
          cni: { values: { operator: { replicas: 2, prometheus: { enabled: true } }, ipam: { operator: { clusterPoolIPv4MaskSize: 24 } } } },
          'metrics-server': { values: { args: ['--secure-port=10250'] }, version: '3.12.2' },
        },
      },
    });
    const cni = spec(release(docs, 'cni')!).values;
    expect(cni.operator).toEqual({ replicas: 2, prometheus: { enabled: true } });
    expect(cni.ipam).toEqual({ mode: 'kubernetes', operator: { clusterPoolIPv4MaskSize: 24 } });
    expect(cni.cluster).toEqual({ name: 'tenant-a' });
    const ms = spec(release(docs, 'metrics-server')!);
    expect(ms.values.args).toEqual(['--secure-port=10250']);
    expect(ms.chart.spec.version).toBe('3.12.2');
  });

  it('renders nothing for disabled addons', async () => {
    const off = await renderChart('kubernetes', { major, valuesFiles: [scenario('optional-off')] });
    expect(names(releases(off))).toEqual(['tenant-a-cni', 'tenant-a-kubevirt-csi-node']);
    const none = Object.fromEntries(Object.keys(catalog.entries).map((n) => [n, { enabled: false }]));
    for (const mode of ['shared', 'local']) {
      const docs = await renderChart('kubernetes', { major, values: { addons: none, sources: { mode } } });
      expect(releases(docs)).toEqual([]);
      expect(objectsOfKind(docs, 'HelmRepository')).toEqual([]);
    }
  });

  it('references the shared sources cross-namespace by default and creates none itself', async () => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario('all-on')] });
    expect(objectsOfKind(docs, 'HelmRepository')).toEqual([]);
    for (const hr of releases(docs)) {
      const ref = spec(hr).chart.spec.sourceRef;
      expect(ref.kind).toBe('HelmRepository');
      expect(ref.namespace).toBe(SHARED_NS);
      expect(Object.keys(catalog.sources)).toContain(ref.name);
    }
  });

  it('air-gapped: local sources from mirrors with credentials, only for the enabled addons', async () => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario('airgapped')] });
    const repos = objectsOfKind(docs, 'HelmRepository');
    expect(names(repos)).toEqual(['tenant-a-cilium', 'tenant-a-matryoshka', 'tenant-a-metrics-server']);
    for (const r of repos) {
      expect(r.metadata.namespace).toBe('tenant-a');
      expect(spec(r).url).toMatch(/^https:\/\/charts\.internal\.example\//);
      expect(spec(r).secretRef).toEqual({ name: 'mirror-credentials' });
    }
    for (const hr of releases(docs)) expect(spec(hr).chart.spec.sourceRef.namespace).toBe('tenant-a');
    expect(spec(release(docs, 'cni')!).values.image.repository).toBe('registry.internal.example:5000/mirror/cilium/cilium');
    expect(spec(release(docs, 'kubevirt-csi-node')!).values.images).toEqual({ registry: 'registry.internal.example:5000/mirror' });
  });

  it('delivers Velero complete: plugin, one backup location, credentials read by Flux from a Secret, file-system backup, no snapshots', async () => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario('all-on')] });
    const s = spec(release(docs, 'velero')!);
    expect(s.valuesFrom).toEqual([
      { kind: 'Secret', name: 'tenant-a-velero-credentials', valuesKey: 'cloud', targetPath: 'credentials.secretContents.cloud' },
    ]);
    expect(s.values).toMatchObject({
      initContainers: [{ name: 'velero-plugin', image: 'docker.io/velero/velero-plugin-for-aws:v1.14.0', volumeMounts: [{ mountPath: '/target', name: 'plugins' }] }],
      configuration: {
        backupStorageLocation: [{ name: 'default', default: true, provider: 'aws', bucket: 'tenant-a-backups', config: { region: 'minio', s3ForcePathStyle: 'true' } }],
        defaultVolumesToFsBackup: true,
      },
      snapshotsEnabled: false,
      deployNodeAgent: true,
      nodeAgent: { tolerations: [{ operator: 'Exists' }] },
      credentials: { useSecret: true },
    });
    expect(JSON.stringify(s.values)).not.toContain('EnableCSI');
    // the Secret is the platform team's: validation names it when it is neither rendered nor declared
    expect(() => expectValid(docs, { external: sharedSources })).toThrow(/tenant-a-velero-credentials/);
    const literal = await renderChart('kubernetes', {
      major,
      values: { addons: { velero: { enabled: true, bucket: 'b', credentialsSecret: { name: 'gcp-key', key: 'key.json', literal: true }, fileSystemBackup: false } } },
    });
    const l = spec(release(literal, 'velero')!);
    expect(l.valuesFrom).toEqual([{ kind: 'Secret', name: 'gcp-key', valuesKey: 'key.json', targetPath: 'credentials.secretContents.cloud', literal: true }]);
    expect(l.values.deployNodeAgent).toBe(false);
    expect(l.values.nodeAgent).toBeUndefined();
    expect(l.values.configuration.defaultVolumesToFsBackup).toBeUndefined();
  });

  it('lets Velero credentials come from elsewhere when the values say so (no valuesFrom then)', async () => {
    const docs = await renderChart('kubernetes', { major, values: { addons: { velero: { enabled: true, bucket: 'b', values: { credentials: { existingSecret: 'in-tenant' } } } } } });
    expect(spec(release(docs, 'velero')!).valuesFrom).toBeUndefined();
  });

  it('lets the GPU operator reach every GPU group: operands and NFD workers tolerate their taints', async () => {
    const docs = await renderChart('kubernetes', {
      major,
      values: {
        addons: { 'gpu-operator': { enabled: true } },
        nodeGroups: {
          gpu: { gpus: [{ name: 'g', deviceName: 'nvidia.com/GA102GL_A10' }], taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }, { key: 'example.com/pool', value: 'gpu', effect: 'NoExecute' }] },
          plain: { taints: [{ key: 'example.com/other', effect: 'NoSchedule' }] },
        },
      },
    });
    const v = spec(release(docs, 'gpu-operator')!).values;
    expect(v).toMatchObject({ sandboxWorkloads: { enabled: false }, driver: { enabled: true }, toolkit: { enabled: true }, devicePlugin: { enabled: true }, nfd: { enabled: true } });
    const extra = { key: 'example.com/pool', operator: 'Equal', value: 'gpu', effect: 'NoExecute' };
    expect(v.daemonsets.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, extra]);
    expect(v['node-feature-discovery'].worker.tolerations).toContainEqual(extra);
    expect(JSON.stringify(v)).not.toContain('example.com/other');
    // without GPU groups tainted otherwise, the chart's own tolerations stand
    const plain = await renderChart('kubernetes', { major, values: { addons: { 'gpu-operator': { enabled: true } } } });
    expect(spec(release(plain, 'gpu-operator')!).values.daemonsets).toBeUndefined();
  });

  it('creates OCI sources for OCI chart registries in local mode', async () => {
    const docs = await renderChart('kubernetes', { major, values: { sources: { mode: 'local' }, addons: { 'envoy-gateway': { enabled: true } } } });
    const repo = objectsOfKind(docs, 'HelmRepository').find((r) => r.metadata.name === 'tenant-a-envoyproxy')!;
    expect(spec(repo)).toMatchObject({ type: 'oci', url: catalog.sources.envoyproxy!.url });
  });

  it('delivers custom addons with their own source, after the CNI and their declared dependencies', async () => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: [scenario('custom')] });
    const podinfo = release(docs, 'podinfo')!;
    expect(spec(podinfo)).toMatchObject({
      releaseName: 'podinfo',
      targetNamespace: 'apps',
      storageNamespace: 'apps',
      kubeConfig: { secretRef: { name: 'tenant-a-kubeconfig', key: 'value' } },
      chart: { spec: { chart: 'podinfo', version: '6.9.2', sourceRef: { kind: 'HelmRepository', name: 'tenant-a-podinfo', namespace: 'tenant-a' } } },
      values: { replicaCount: 2 },
    });
    expect(deps(podinfo).sort()).toEqual(['tenant-a-cert-manager', 'tenant-a-cni']);
    const repos = objectsOfKind(docs, 'HelmRepository');
    expect(spec(repos.find((r) => r.metadata.name === 'tenant-a-podinfo')!).url).toBe('https://stefanprodan.github.io/podinfo');
    expect(spec(repos.find((r) => r.metadata.name === 'tenant-a-kyverno')!)).toMatchObject({ type: 'oci', url: 'oci://ghcr.io/kyverno/charts' });
    expect(spec(release(docs, 'kyverno')!).targetNamespace).toBe('kyverno');
  });

  it.each([
    [{ sources: { repositories: { cilium: { url: 'https://mirror.example/cilium' } } } }, /sources\.repositories\.cilium: overrides apply only with sources\.mode=local/],
    [{ customAddons: { x: { chart: 'x', version: '1.0.0' } } }, /customAddons\.x: set exactly one of repository .* or oci/],
    [{ customAddons: { x: { chart: 'x', version: '1.0.0', repository: 'https://a.example', oci: 'oci://b.example/c' } } }, /customAddons\.x: set exactly one of repository/],
    [{ customAddons: { velero: { chart: 'velero', version: '1.0.0', repository: 'https://a.example' } } }, /customAddons\.velero: "velero" is a catalog entry; configure it under addons\.velero/],
    [{ customAddons: { x: { chart: 'x', version: '1.0.0', repository: 'https://a.example', dependsOn: ['velero'] } } }, /customAddons\.x\.dependsOn: "velero" is disabled; enable it with addons\.velero\.enabled=true/],
    [{ customAddons: { x: { chart: 'x', version: '1.0.0', repository: 'https://a.example', dependsOn: ['nope'] } } }, /customAddons\.x\.dependsOn: "nope" is neither a catalog entry nor an enabled customAddons entry/],
    [{ customAddons: { cilium: { chart: 'x', version: '1.0.0', repository: 'https://a.example' } } }, /customAddons\.cilium: the name is taken by the chart source "cilium"/],
    [{ addons: { cni: { enable: false } } }, /addons[./]cni.*enable/],
    [{ addons: { velero: { enabled: true, credentialsSecret: { name: 'v' } } } }, /addons\.velero\.bucket: set the bucket Velero writes backups to/],
    [{ addons: { velero: { enabled: true, bucket: 'b' } } }, /addons\.velero\.credentialsSecret\.name: name the Secret in the release namespace/],
    [
      { addons: { velero: { enabled: true, bucket: 'b', credentialsSecret: { name: 'v' }, values: { snapshotsEnabled: true } } } },
      /addons\.velero\.values\.snapshotsEnabled: volume snapshot location "default" has no provider/,
    ],
    [
      { addons: { velero: { enabled: true, bucket: 'b', credentialsSecret: { name: 'v' }, values: { initContainers: [] } } } },
      /addons\.velero: no provider plugin: set addons\.velero\.pluginImage/,
    ],
  ])('rejects bad addon values with a clear message (%j)', async (values, message) => {
    const err = await renderError('kubernetes', { major, values });
    expect(err).toMatch(message);
    expect(err).not.toMatch(/nil pointer/);
  });
});
