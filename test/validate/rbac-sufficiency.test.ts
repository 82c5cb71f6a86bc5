// RBAC sufficiency: the Roles/ClusterRoles bound to a helper's ServiceAccount allow every API call
// its version makes on the management cluster under its configuration; one missing verb or binding
// fails naming the component, the call and the upstream reason.
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { RBAC_CONTRACTS, contractCovers } from '../../generator/src/validate/contracts/rbac/index.ts';
import { CSI_DRIVER_EXPANSION_BUILD } from '../../generator/src/validate/contracts/rbac/kubevirt-csi-driver.ts';
import { cleanTenant, tenantWith } from './fixture.ts';
import { type Obj, container, find, issues, tenant } from './support-upstream.ts';

const RULE = ['rbac-sufficiency'];
const AUTOSCALED = { nodeGroups: { workers: { autoscaling: { enabled: true, minSize: 0, maxSize: 4 } } } };
const ZONES = { cloudControllerManager: { instancesV2: { zoneAndRegionEnabled: true } } };
const EXPANSION = { csiController: { volumeExpansion: true }, images: { csiDriver: { tag: '20250601000000' } } };

const withoutKind = (docs: ReturnType<typeof cleanTenant>, kind: string) => docs.filter((d) => d.object.kind !== kind);
const rules = (docs: ReturnType<typeof cleanTenant>, kind: string, name: string) => find(docs, kind, name).rules as Obj[];

describe('contracts', () => {
  it('cover the pinned versions and count the calls read from upstream', () => {
    const calls = Object.fromEntries(RBAC_CONTRACTS.map((c) => [`${c.repository}@${c.source.ref.slice(0, 25)}`, c.calls.reduce((n, k) => n + k.verbs.length, 0)]));
    expect(calls).toEqual({
      'kubevirt/kubevirt-cloud-controller-manager@v0.5.1': 10,
      'kubevirt/csi-driver@35836e0c8b68d9916d29a838e': 12,
      'kubevirt/csi-driver@df0692d8621d7ec5a453e11dd': 17,
      'autoscaling/cluster-autoscaler@cluster-autoscaler-1.34.3': 16,
    });
    const [ccm, before, after, ca] = RBAC_CONTRACTS;
    expect(contractCovers(ccm!, 'v0.5.1')).toBe(true);
    expect(contractCovers(before!, '20240920145955')).toBe(true);
    expect(contractCovers(before!, '20250401000000')).toBe(false); // between the two contracts: not judged
    expect(contractCovers(after!, CSI_DRIVER_EXPANSION_BUILD)).toBe(true);
    expect(contractCovers(after!, 'latest')).toBe(false);
    expect(contractCovers(ca!, 'v1.34.3')).toBe(true);
  });
});

describe('the chart renders', () => {
  it.each([
    ['defaults', {}],
    ['zone/region labels on (ClusterRole nodes get)', ZONES],
    ['an autoscaled group that scales from zero', AUTOSCALED],
    ['volume expansion with a driver build that has it', EXPANSION],
  ])('%s: every helper may make the calls it makes', async (_what, values) => {
    expect(issues(await tenant(values), RULE)).toEqual([]);
  });

  it('the clean fixture passes too', () => {
    expect(issues(cleanTenant(), RULE)).toEqual([]);
  });
});

describe('single-defect copies', () => {
  it('CCM with zone/region on but without the ClusterRoleBinding: nodes get, cluster-wide, with the upstream reason', async () => {
    const docs = withoutKind(await tenant(ZONES), 'ClusterRoleBinding');
    const found = issues(docs, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'rbac-sufficiency', object: 'Deployment/tenant-a/tenant-a-ccm', path: 'spec.template.spec.serviceAccountName' });
    expect(found[0]!.message).toContain('KubeVirt cloud-controller-manager v0.5.1 (ServiceAccount tenant-a/tenant-a-ccm) is not allowed to get nodes cluster-wide');
    expect(found[0]!.message).toContain('kubevirt/cloud-provider-kubevirt@v0.5.1 pkg/provider/instances_v2.go getRegionAndZone');
    expect(found[0]!.message).toContain('instancesV2.zoneAndRegionEnabled is true in ConfigMap tenant-a/tenant-a-ccm key cloud-config');
  });

  it('CCM config that leaves zoneAndRegionEnabled unset gets the upstream default (true)', async () => {
    const docs = await tenant();
    const cm = find(docs, 'ConfigMap', 'tenant-a-ccm');
    cm.data['cloud-config'] = cm.data['cloud-config'].replace(/ *zoneAndRegionEnabled: false\n/, '');
    expect(issues(docs, RULE)).toMatchObject([{ message: expect.stringContaining('instancesV2.zoneAndRegionEnabled is unset (default true)') }]);
  });

  it('CCM Role without services update: the load balancer call fails', async () => {
    const docs = await tenant();
    const svc = rules(docs, 'Role', 'tenant-a-ccm').find((r) => r.resources.includes('services'))!;
    svc.verbs = svc.verbs.filter((v: string) => v !== 'update');
    expect(issues(docs, RULE)).toMatchObject([{ message: expect.stringMatching(/is not allowed to update services in namespace tenant-a .*pkg\/provider\/loadbalancer\.go/) }]);
  });

  it('CCM without --authentication-skip-lookup reads kube-system/extension-apiserver-authentication', async () => {
    const docs = await tenant();
    const args = container(docs, 'tenant-a-ccm', 'cloud-controller-manager').args as string[];
    args.splice(args.indexOf('--authentication-skip-lookup=true'), 1);
    expect(issues(docs, RULE)).toMatchObject([{ message: expect.stringContaining('is not allowed to get, list, watch configmaps extension-apiserver-authentication in namespace kube-system') }]);
    // a Role limited to that one ConfigMap (resourceNames) in kube-system is enough
    const reader = parseManifests(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: auth-reader, namespace: kube-system}
rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [extension-apiserver-authentication], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: tenant-a-ccm-auth-reader, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: auth-reader}
subjects: [{kind: ServiceAccount, name: tenant-a-ccm, namespace: tenant-a}]
`);
    expect(issues([...docs, ...reader], RULE)).toEqual([]);
  });

  it('CSI driver with expansion but no PersistentVolume ClusterRole: persistentvolumes get, only because a csi-resizer runs', async () => {
    const docs = withoutKind(await tenant(EXPANSION), 'ClusterRoleBinding');
    expect(issues(docs, RULE)).toMatchObject([
      {
        object: 'Deployment/tenant-a/tenant-a-csi-controller',
        message: expect.stringMatching(/KubeVirt CSI driver \(controller\) 20250601000000 .* get persistentvolumes cluster-wide .*EnsureControllerResize.* — a csi-resizer sidecar runs beside it/),
      },
    ]);
    // without the resizer the driver never expands, and never reads PersistentVolumes
    const pod = find(docs, 'Deployment', 'tenant-a-csi-controller').spec.template.spec;
    pod.containers = pod.containers.filter((c: Obj) => c.name !== 'csi-resizer');
    expect(issues(docs, RULE)).toEqual([]);
  });

  it('CSI driver build before the VM hot-plug change needs the VMI subresources', async () => {
    const docs = await tenant();
    const sub = rules(docs, 'Role', 'tenant-a-csi-controller').find((r) => r.apiGroups.includes('subresources.kubevirt.io'))!;
    sub.resources = sub.resources.filter((r: string) => !r.startsWith('virtualmachineinstances/'));
    expect(issues(docs, RULE).map((e) => e.message.match(/allowed to (.*?) in namespace/)?.[1])).toEqual([
      'update virtualmachineinstances.subresources.kubevirt.io/addvolume',
      'update virtualmachineinstances.subresources.kubevirt.io/removevolume',
    ]);
  });

  it('cluster-autoscaler without the scale subresource or the template kind', async () => {
    const docs = await tenant(AUTOSCALED);
    const capi = rules(docs, 'Role', 'tenant-a-cluster-autoscaler').find((r) => r.apiGroups.includes('cluster.x-k8s.io'))!;
    capi.resources = capi.resources.filter((r: string) => r !== 'machinedeployments/scale');
    const infra = rules(docs, 'Role', 'tenant-a-cluster-autoscaler').find((r) => r.apiGroups.includes('infrastructure.cluster.x-k8s.io'))!;
    infra.resources = [];
    const found = issues(docs, RULE).map((e) => e.message);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/cluster-autoscaler \(clusterapi\) v1\.34\.3 .* get, patch machinedeployments\.cluster\.x-k8s\.io\/scale in namespace tenant-a .*clusterapi_unstructured\.go Replicas\/SetSize/);
    expect(found[1]).toMatch(/list, watch kubevirtmachinetemplates\.infrastructure\.cluster\.x-k8s\.io .*getInfrastructureResource/);
  });

  it('cluster-autoscaler discovering every namespace needs a cluster-wide grant', async () => {
    const docs = await tenant(AUTOSCALED);
    const args = container(docs, 'tenant-a-cluster-autoscaler', 'cluster-autoscaler').args as string[];
    args[args.findIndex((a) => a.startsWith('--node-group-auto-discovery'))] = '--node-group-auto-discovery=clusterapi:clusterName=tenant-a';
    const found = issues(docs, RULE);
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) expect(e.message).toContain('in every namespace (no clusterapi:namespace= discovery spec: every namespace; needs a ClusterRoleBinding)');
  });
});

describe('RBAC evaluation', () => {
  const ccmFixture = (change: (o: Obj) => void) =>
    tenantWith('ConfigMap', 'tenant-a-ccm', (o) => {
      o.data['cloud-config'] = 'namespace: tenant-a\ninstancesV2: {zoneAndRegionEnabled: false}\nloadBalancer: {enabled: false}\n';
      change(o);
    });

  it('needs the RoleBinding in the namespace of the calls', () => {
    expect(issues(ccmFixture(() => {}), RULE).map((e) => e.message.match(/allowed to (.*?) in/)?.[1])).toEqual(['get virtualmachineinstances.kubevirt.io', 'list virtualmachineinstances.kubevirt.io']);
  });

  it('accepts wildcards, group subjects and cluster-admin, and does not judge roles it cannot read', () => {
    const extra = (yaml: string) => [...ccmFixture(() => {}), ...parseManifests(yaml)];
    const wildcard = extra(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: all-kubevirt, namespace: tenant-a}
rules: [{apiGroups: [kubevirt.io], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: all-kubevirt, namespace: tenant-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: all-kubevirt}
subjects: [{kind: Group, name: "system:serviceaccounts:tenant-a", apiGroup: rbac.authorization.k8s.io}]
`);
    expect(issues(wildcard, RULE)).toEqual([]);
    const admin = extra(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ccm-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: tenant-a-ccm, namespace: tenant-a}]
`);
    expect(issues(admin, RULE)).toEqual([]);
    const external = extra(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ccm-external, namespace: tenant-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kubevirt-reader}
subjects: [{kind: ServiceAccount, name: tenant-a-ccm}]
`);
    expect(issues(external, RULE)).toEqual([]);
    const elsewhere = extra(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: all-kubevirt, namespace: tenant-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: tenant-a-ccm, namespace: tenant-a}]
`);
    expect(issues(elsewhere, RULE)).toHaveLength(2);
  });

  it('skips a CCM whose cloud-config names its own kubeconfig', () => {
    expect(issues(ccmFixture((o) => (o.data['cloud-config'] += 'kubeconfig: /etc/infra/kubeconfig\n')), RULE)).toEqual([]);
  });
});
