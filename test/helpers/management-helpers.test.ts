// Management-side helpers of the tenant chart: KubeVirt CCM, KubeVirt CSI controller and
// cluster-autoscaler — restricted pods, namespaced RBAC, tenant kubeconfig wiring, switches,
// pinned images with an air-gapped registry override.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { K8sObject, ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS, objectsOfKind, renderChart, renderError } from '../support/render.ts';
import { podSpecOf, restrictedViolations, wildcardRbac } from '../support/security.ts';
import { expectValid } from '../support/validate.ts';

type Obj = Record<string, any>;
const AUTOSCALED_WORKERS = { autoscaling: { enabled: true, minSize: 1, maxSize: 3 } };
/** a KubeVirt CSI driver build tag (build time) after volume expansion arrived */
const EXPANDING_DRIVER = '20250701000000';

// addon chart sources belong to the management platform (issue 5 parts 1–2), not to this render
const PLATFORM_SOURCES = { external: ['HelmRepository/*/*', 'OCIRepository/*/*'] };

const HELPERS = {
  cloudControllerManager: { name: 'tenant-a-ccm', component: 'cloud-controller-manager' },
  csiController: { name: 'tenant-a-csi-controller', component: 'csi-controller' },
  clusterAutoscaler: { name: 'tenant-a-cluster-autoscaler', component: 'cluster-autoscaler' },
} as const;
type HelperKey = keyof typeof HELPERS;
const SCENARIOS = join(repoRoot, 'test', 'scenarios', 'kubernetes');
const HELPER_KEYS = Object.keys(HELPERS) as HelperKey[];

const byName = (docs: ManifestDoc[], kind: string, name: string): Obj => {
  const o = objectsOfKind(docs, kind).find((x) => x.metadata.name === name);
  if (!o) throw new Error(`${kind}/${name} is not in the render`);
  return o as Obj;
};
const containers = (o: Obj): Obj[] => (podSpecOf(o as K8sObject)?.containers as Obj[] | undefined) ?? [];
const container = (o: Obj, name: string): Obj => {
  const c = containers(o).find((x) => x.name === name);
  if (!c) throw new Error(`container ${name} missing`);
  return c;
};
const helperPods = (docs: ManifestDoc[]) => docs.map((d) => d.object).filter((o) => podSpecOf(o) && o.metadata.labels?.['app.kubernetes.io/component']);

/** CPU in cores and memory in MiB, for the footprint budget. */
function cpuCores(q: string | number): number {
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : Number(s);
}
function memMiB(q: string | number): number {
  const m = /^([0-9.]+)(Ki|Mi|Gi)?$/.exec(String(q));
  if (!m) throw new Error(`unsupported quantity ${q}`);
  const n = Number(m[1]);
  return m[2] === 'Gi' ? n * 1024 : m[2] === 'Ki' ? n / 1024 : m[2] === 'Mi' ? n : n / 1024 / 1024;
}

describe.each(HELM_MAJORS)('management-side helpers under Helm %i', (major) => {
  // the autoscaler runs only while a group is autoscaled: these cases autoscale the default group
  const render = (values: Obj = {}) => renderChart('kubernetes', { major, values: { ...values, nodeGroups: { workers: AUTOSCALED_WORKERS, ...values.nodeGroups } } });
  const renderPlain = (values?: unknown) => renderChart('kubernetes', { major, values });

  it('deploys no cluster-autoscaler while no node group is autoscaled', async () => {
    const docs = await renderPlain();
    const names = docs.map((d) => `${d.object.kind}/${d.object.metadata.name}`);
    expect(names.filter((n) => n.includes('cluster-autoscaler'))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['Deployment/tenant-a-ccm', 'Deployment/tenant-a-csi-controller']));
  });

  it('reads management Nodes (get only, cluster-wide) only when the CCM copies zone and region', async () => {
    // cloud-provider-kubevirt v0.5.1 getRegionAndZone reads the management Node of each VMI
    const plain = await renderPlain();
    expect(parse(byName(plain, 'ConfigMap', 'tenant-a-ccm').data['cloud-config']).instancesV2.zoneAndRegionEnabled).toBe(false);
    expect(objectsOfKind(plain, 'ClusterRole')).toEqual([]);
    const docs = await renderPlain({ cloudControllerManager: { instancesV2: { zoneAndRegionEnabled: true } } });
    expect(parse(byName(docs, 'ConfigMap', 'tenant-a-ccm').data['cloud-config']).instancesV2.zoneAndRegionEnabled).toBe(true);
    const role = byName(docs, 'ClusterRole', 'matryoshka-tenant-a-tenant-a-ccm-nodes');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }]);
    const binding = byName(docs, 'ClusterRoleBinding', 'matryoshka-tenant-a-tenant-a-ccm-nodes');
    expect(binding.roleRef.name).toBe(role.metadata.name);
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'tenant-a-ccm', namespace: 'tenant-a' }]);
    expectValid(docs, PLATFORM_SOURCES);
  });

  it('runs csi-resizer and claims expansion only when volume expansion is asked for', async () => {
    // the default driver build predates ControllerExpandVolume (kubevirt/csi-driver df0692d8): a resizer beside it exits
    const plain = await renderPlain();
    const d = byName(plain, 'Deployment', 'tenant-a-csi-controller');
    expect(containers(d).map((c) => c.name)).not.toContain('csi-resizer');
    expect(byName(plain, 'Role', 'tenant-a-csi-controller').rules).toContainEqual(expect.objectContaining({ resources: ['persistentvolumeclaims'], verbs: ['get'] }));
    expect(byName(plain, 'HelmRelease', 'tenant-a-kubevirt-csi-node').spec.values.volumeExpansion).toBe(false);
    const old = await renderError('kubernetes', { major, values: { csiController: { volumeExpansion: true } } });
    expect(old).toContain('images.csiDriver.tag is 20240920145955');
    // a driver build with ControllerExpandVolume (after df0692d8, 2025-05-08)
    const docs = await renderPlain({ csiController: { volumeExpansion: true }, images: { csiDriver: { tag: EXPANDING_DRIVER } } });
    expect(containers(byName(docs, 'Deployment', 'tenant-a-csi-controller')).map((c) => c.name)).toContain('csi-resizer');
    expect(byName(docs, 'Role', 'tenant-a-csi-controller').rules).toContainEqual(expect.objectContaining({ resources: ['persistentvolumeclaims'], verbs: ['get', 'patch'] }));
    expect(byName(docs, 'ClusterRole', 'matryoshka-tenant-a-tenant-a-csi-volumes').rules).toEqual([{ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get'] }]);
    expect(byName(docs, 'HelmRelease', 'tenant-a-kubevirt-csi-node').spec.values.volumeExpansion).toBe(true);
    expectValid(docs, PLATFORM_SOURCES);
  });

  it('renders the CCM, CSI controller and autoscaler by default, and the whole render validates', async () => {
    const docs = await render();
    for (const h of Object.values(HELPERS)) {
      const d = byName(docs, 'Deployment', h.name);
      expect(d.metadata.namespace).toBe('tenant-a');
      expect(d.spec.selector.matchLabels['app.kubernetes.io/component']).toBe(h.component);
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
    }
    expectValid(docs, PLATFORM_SOURCES);
  });

  it('runs every helper container under the restricted Pod Security Standard with a read-only root filesystem and resources', async () => {
    const docs = await render();
    const pods = helperPods(docs);
    expect(pods.map((p) => `${p.kind}/${p.metadata.name}`).sort()).toEqual(
      ['Deployment/tenant-a-ccm', 'Deployment/tenant-a-cluster-autoscaler', 'Deployment/tenant-a-csi-controller', 'Job/tenant-a-teardown'].sort(),
    );
    for (const p of pods) {
      expect(restrictedViolations(p)).toEqual([]);
      for (const c of containers(p)) {
        expect(c.securityContext, `${p.metadata.name}/${c.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(c.resources?.requests?.cpu, `${p.metadata.name}/${c.name} cpu request`).toBeDefined();
        expect(c.resources?.requests?.memory, `${p.metadata.name}/${c.name} memory request`).toBeDefined();
        expect(c.resources?.limits?.memory, `${p.metadata.name}/${c.name} memory limit`).toBeDefined();
      }
    }
  });

  it('keeps the helpers small: ≤ 0.1 CPU and ≤ 300 MiB requested together, leaving the control plane the rest of the 1 CPU / 3 GiB budget', async () => {
    const docs = await render();
    let cpu = 0;
    let mem = 0;
    for (const p of helperPods(docs).filter((o) => o.kind === 'Deployment')) {
      const replicas = Number((p as Obj).spec.replicas ?? 1);
      for (const c of containers(p)) {
        cpu += replicas * cpuCores(c.resources.requests.cpu);
        mem += replicas * memMiB(c.resources.requests.memory);
      }
    }
    expect(cpu).toBeGreaterThan(0);
    expect(cpu).toBeLessThanOrEqual(0.1);
    expect(mem).toBeLessThanOrEqual(300);
  });

  it('grants only namespaced RBAC: no ClusterRole or ClusterRoleBinding, no wildcards, everything in the release namespace', async () => {
    const docs = await render({ cloudControllerManager: { loadBalancer: { selectorless: true } }, images: { cloudControllerManager: { tag: 'v0.6.0' } } });
    const objects = docs.map((d) => d.object);
    expect(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toEqual([]);
    expect(wildcardRbac(objects)).toEqual([]);
    const rbac = objects.filter((o) => ['Role', 'RoleBinding', 'ServiceAccount'].includes(o.kind));
    expect(rbac.length).toBeGreaterThanOrEqual(12);
    for (const o of rbac) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe('tenant-a');
    for (const h of Object.values(HELPERS)) {
      const rb = byName(docs, 'RoleBinding', h.name);
      expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: h.name });
      expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: h.name, namespace: 'tenant-a' }]);
      expect(byName(docs, 'Deployment', h.name).spec.template.spec.serviceAccountName).toBe(h.name);
    }
  });

  it('keeps every scenario of the tenant chart free of cluster-scoped RBAC and its pods restricted', async () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(SCENARIOS, f)] });
      const objects = docs.map((d) => d.object);
      expect(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding'), f).toEqual([]);
      expect(objects.filter((o) => /Binding$/.test(o.kind) || o.kind === 'Role').every((o) => o.metadata.namespace === 'tenant-a'), f).toBe(true);
      for (const p of objects.filter((o) => podSpecOf(o))) expect(restrictedViolations(p), `${f}: ${p.kind}/${p.metadata.name}`).toEqual([]);
    }
  });

  it('mounts the tenant kubeconfig Secret (key value) into every helper and points each tenant-facing container at it', async () => {
    const docs = await render();
    for (const h of Object.values(HELPERS)) {
      const d = byName(docs, 'Deployment', h.name);
      const vol = d.spec.template.spec.volumes.find((v: Obj) => v.secret?.secretName === 'tenant-a-kubeconfig');
      expect(vol, h.name).toBeDefined();
      expect(vol.secret.items).toEqual([{ key: 'value', path: 'kubeconfig' }]);
      const users = containers(d).filter((c) => (c.volumeMounts ?? []).some((m: Obj) => m.name === vol.name));
      expect(users.length, h.name).toBeGreaterThan(0);
      for (const c of users) {
        const mount = c.volumeMounts.find((m: Obj) => m.name === vol.name);
        expect(mount.readOnly).toBe(true);
        const kubeconfigArg = c.args.find((a: string) => /^--(tenant-cluster-)?kubeconfig=/.test(a));
        expect(kubeconfigArg, `${h.name}/${c.name}`).toBe(`${kubeconfigArg.split('=')[0]}=${mount.mountPath}/kubeconfig`);
      }
    }
  });

  it('configures the KubeVirt CCM for this cluster and its namespace', async () => {
    const docs = await render({ cloudControllerManager: { infraLabels: { team: 'a' }, loadBalancer: { creationPollTimeout: 120 } } });
    const c = container(byName(docs, 'Deployment', 'tenant-a-ccm'), 'cloud-controller-manager');
    expect(c.args).toEqual(
      expect.arrayContaining(['--cloud-provider=kubevirt', '--cloud-config=/etc/cloud/cloud-config', '--cluster-name=tenant-a', '--authentication-skip-lookup=true']),
    );
    const config = parse(byName(docs, 'ConfigMap', 'tenant-a-ccm').data['cloud-config']);
    expect(config).toEqual({
      namespace: 'tenant-a',
      infraLabels: { 'cluster.x-k8s.io/cluster-name': 'tenant-a', team: 'a' },
      loadBalancer: { enabled: true, creationPollInterval: 5, creationPollTimeout: 120 },
      instancesV2: { enabled: true, zoneAndRegionEnabled: false },
    });
    const role = byName(docs, 'Role', 'tenant-a-ccm');
    expect(role.rules.flatMap((r: Obj) => r.resources)).not.toContain('endpointslices');
  });

  it('lets the CCM manage EndpointSlices only when selectorless load balancers are enabled', async () => {
    expect(await renderError('kubernetes', { major, values: { cloudControllerManager: { loadBalancer: { selectorless: true } } } })).toContain('images.cloudControllerManager.tag is v0.5.1');
    // cloud-provider-kubevirt v0.6.0 added selectorless (pkg/provider/cloud.go)
    const docs = await render({ cloudControllerManager: { loadBalancer: { selectorless: true } }, images: { cloudControllerManager: { tag: 'v0.6.0' } } });
    const config = parse(byName(docs, 'ConfigMap', 'tenant-a-ccm').data['cloud-config']);
    expect(config.loadBalancer.selectorless).toBe(true);
    const role = byName(docs, 'Role', 'tenant-a-ccm');
    expect(role.rules).toContainEqual(expect.objectContaining({ apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] }));
  });

  it('runs the CSI controller without the node service, scoped to this namespace and cluster, with its sidecars', async () => {
    const docs = await render({ csiController: { infraClusterLabels: { tier: 'gold' } } });
    const d = byName(docs, 'Deployment', 'tenant-a-csi-controller');
    expect(containers(d).map((c) => c.name)).toEqual(['csi-driver', 'csi-provisioner', 'csi-attacher', 'csi-liveness-probe']);
    expect(container(d, 'csi-driver').args).toEqual(
      expect.arrayContaining([
        '--run-node-service=false',
        '--run-controller-service=true',
        '--infra-cluster-namespace=tenant-a',
        '--infra-cluster-labels=cluster.x-k8s.io/cluster-name=tenant-a,tier=gold',
      ]),
    );
    for (const name of ['csi-provisioner', 'csi-attacher', 'csi-liveness-probe']) {
      expect(container(d, name).args).toContain('--csi-address=/csi/csi.sock');
    }
    const rules = byName(docs, 'Role', 'tenant-a-csi-controller').rules as Obj[];
    expect(rules).toContainEqual(expect.objectContaining({ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'] }));
    expect(rules.flatMap((r) => r.resources)).toEqual(expect.arrayContaining(['virtualmachineinstances/addvolume', 'virtualmachineinstances/removevolume']));
    const cm = byName(docs, 'ConfigMap', 'tenant-a-csi-controller');
    expect(parse(cm.data.infraStorageClassEnforcement)).toEqual({ allowAll: true, allowDefault: true, allowList: [] });
  });

  it('restricts the infra storage classes when asked', async () => {
    const docs = await render({ csiController: { storageClassEnforcement: { allowAll: false, allowList: ['fast', 'slow'] } } });
    const cm = byName(docs, 'ConfigMap', 'tenant-a-csi-controller');
    expect(parse(cm.data.infraStorageClassEnforcement)).toEqual({ allowAll: false, allowDefault: true, allowList: ['fast', 'slow'] });
  });

  it("autoscales only this cluster's node groups, from the management cluster's in-cluster config", async () => {
    const docs = await render({ clusterAutoscaler: { expander: 'priority', scaleDown: { enabled: false }, extraArgs: ['--v=4'] } });
    const c = container(byName(docs, 'Deployment', 'tenant-a-cluster-autoscaler'), 'cluster-autoscaler');
    expect(c.args).toEqual(
      expect.arrayContaining([
        '--cloud-provider=clusterapi',
        '--clusterapi-cloud-config-authoritative',
        '--node-group-auto-discovery=clusterapi:namespace=tenant-a,clusterName=tenant-a',
        '--expander=priority',
        '--scale-down-enabled=false',
        '--v=4',
      ]),
    );
    expect(c.args.filter((a: string) => a.startsWith('--cloud-config'))).toEqual([]);
    const rules = byName(docs, 'Role', 'tenant-a-cluster-autoscaler').rules as Obj[];
    const resources = rules.flatMap((r) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(['machinedeployments', 'machinedeployments/scale', 'machinesets', 'machines', 'machinepools']));
    // scale from zero reads the infrastructure machine templates
    expect(rules).toContainEqual(expect.objectContaining({ apiGroups: ['infrastructure.cluster.x-k8s.io'], resources: ['kubevirtmachinetemplates'] }));
  });

  it.each(HELPER_KEYS)('drops every object of %s when it is disabled and keeps the other helpers', async (key) => {
    const docs = await render({ [key]: { enabled: false } });
    const { component } = HELPERS[key];
    expect(docs.map((d) => d.object).filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === component)).toEqual([]);
    for (const other of HELPER_KEYS.filter((k) => k !== key)) byName(docs, 'Deployment', HELPERS[other].name);
    expectValid(docs, PLATFORM_SOURCES);
  });

  it('pulls every image from the air-gapped mirror when images.registry is set', async () => {
    const docs = await render({ images: { registry: 'mirror.internal:5000/k8s', pullSecrets: ['mirror-creds'], csiDriver: { tag: EXPANDING_DRIVER } }, csiController: { volumeExpansion: true } });
    const pods = helperPods(docs);
    expect(pods.length).toBe(4);
    const images = pods.flatMap((p) => containers(p).map((c) => c.image as string));
    expect(images.length).toBe(8);
    for (const image of images) expect(image).toMatch(/^mirror\.internal:5000\/k8s\/[a-z0-9./-]+:[\w.-]+$/);
    expect(images).toContain('mirror.internal:5000/k8s/autoscaling/cluster-autoscaler:v1.34.3');
    for (const p of pods) expect(podSpecOf(p)!.imagePullSecrets).toEqual([{ name: 'mirror-creds' }]);
  });

  it('pins each image in one place: tags by default, a digest when given', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const docs = await render({ images: { clusterAutoscaler: { tag: 'v1.34.9', digest } } });
    const images = helperPods(docs).flatMap((p) => containers(p).map((c) => c.image as string));
    for (const image of images) expect(image).toMatch(/^[a-z0-9.-]+\/[a-z0-9./-]+(:[\w.-]+|@sha256:[a-f0-9]{64})$/);
    expect(container(byName(docs, 'Deployment', 'tenant-a-cluster-autoscaler'), 'cluster-autoscaler').image).toBe(
      `registry.k8s.io/autoscaling/cluster-autoscaler@${digest}`,
    );
    expect(container(byName(docs, 'Deployment', 'tenant-a-ccm'), 'cloud-controller-manager').image).toBe(
      'quay.io/kubevirt/kubevirt-cloud-controller-manager:v0.5.1',
    );
  });

  it.each([
    [{ images: { registry: 'https://mirror' } }, /registry/],
    [{ clusterAutoscaler: { expander: 'cheapest' } }, /expander/],
    [{ clusterAutoscaler: { extraArgs: ['v=4'] } }, /extraArgs/],
    [{ cloudControllerManager: { replicas: 0 } }, /replicas/],
    [{ csiController: { infraClusterLabels: { tier: 1 } } }, /tier/],
  ])('rejects invalid helper values %j with a message naming the key', async (values, key) => {
    const msg = await renderError('kubernetes', { major, values });
    expect(msg).toMatch(key);
    expect(msg).not.toMatch(/nil pointer/);
  });
});
