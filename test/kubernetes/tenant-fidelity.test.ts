// Runtime fidelity inside the tenant (issue 16, item 8): what the tenant's nodes and storage get by
// default, each rule verified in the upstream source named next to it.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../generator/src/manifest/parse.ts';
import { HELM_MAJORS, objectsOfKind, renderChart, renderError } from '../support/render.ts';

type V = Record<string, any>;
const spec = (o: K8sObject | undefined) => (o?.spec ?? {}) as V;
const release = (docs: Awaited<ReturnType<typeof renderChart>>, addon: string) =>
  objectsOfKind(docs, 'HelmRelease').find((o) => o.metadata.name === `tenant-a-${addon}`);

describe.each(HELM_MAJORS)('konnectivity agent tolerations (Helm %i)', (major) => {
  // Kamaji sets the agent pod's tolerations to exactly spec.addons.konnectivity.agent.tolerations
  // (clastix/kamaji 26.8.2-edge internal/resources/konnectivity/agent.go:221), which the Kamaji CAPI
  // provider copies from the KamajiControlPlane (cluster-api-control-plane-provider-kamaji v0.20.0
  // controllers/kamajicontrolplane_controller_tcp.go:92); the CRD default is CriticalAddonsOnly only
  // (api/v1alpha1/tenantcontrolplane_types.go:428-431).
  const agent = async (values: V) => {
    const docs = await renderChart('kubernetes', { major, values });
    return spec(objectsOfKind(docs, 'KamajiControlPlane')[0]).addons.konnectivity.agent as V;
  };

  it('keeps the CRD default when no group is tainted', async () => {
    expect((await agent({})).tolerations).toBeUndefined();
  });

  it('tolerates every taint of every group, once each, and keeps CriticalAddonsOnly', async () => {
    const a = await agent({
      nodeGroups: {
        gpu: { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }, { key: 'example.com/pool', value: 'gpu', effect: 'NoExecute' }] },
        infra: { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }, { key: 'example.com/pool', value: 'infra', effect: 'NoSchedule' }] },
        off: { enabled: false, taints: [{ key: 'example.com/disabled', effect: 'NoSchedule' }] },
      },
    });
    expect(a.tolerations).toEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'example.com/pool', operator: 'Equal', value: 'gpu', effect: 'NoExecute' },
      { key: 'example.com/pool', operator: 'Equal', value: 'infra', effect: 'NoSchedule' },
    ]);
  });

  it('applies to the Deployment mode too', async () => {
    const a = await agent({
      controlPlane: { addons: { konnectivity: { agentMode: 'Deployment' } } },
      nodeGroups: { gpu: { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] } },
    });
    expect(a.mode).toBe('Deployment');
    expect(a.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
  });
});

describe.each(HELM_MAJORS)('the tenant StorageClass and the management storage class behind it (Helm %i)', (major) => {
  it('leaves the class to the management default unless infraStorageClassName names one', async () => {
    const plain = await renderChart('kubernetes', { major });
    expect(spec(release(plain, 'kubevirt-csi-node')).values.storageClasses).toBeUndefined();
    const named = await renderChart('kubernetes', { major, values: { addons: { 'kubevirt-csi-node': { infraStorageClassName: 'ceph-rbd' } } } });
    expect(spec(release(named, 'kubevirt-csi-node')).values.storageClasses).toEqual([{ name: 'kubevirt', default: true, infraStorageClassName: 'ceph-rbd' }]);
  });

  it('flows into the node chart: the tenant StorageClass carries the infraStorageClassName parameter', async () => {
    const docs = await renderChart('kubevirt-csi-node', { major, values: { storageClasses: [{ name: 'kubevirt', default: true, infraStorageClassName: 'ceph-rbd' }] } });
    expect((objectsOfKind(docs, 'StorageClass')[0] as V).parameters).toMatchObject({ infraStorageClassName: 'ceph-rbd' });
  });

  // kubevirt/csi-driver 35836e0c (image 20240920145955) pkg/service/controller.go:75-88: allowAll accepts
  // any class; otherwise an empty infraStorageClassName needs allowDefault and a named one the allowList.
  it.each([
    [{ csiController: { storageClassEnforcement: { allowAll: false, allowDefault: false, allowList: ['ceph-rbd'] } } }, /addons\.kubevirt-csi-node\.infraStorageClassName: the tenant StorageClass "kubevirt" uses the management cluster's default class.*\(ceph-rbd\)/],
    [
      { csiController: { storageClassEnforcement: { allowAll: false, allowList: ['ceph-rbd'] } }, addons: { 'kubevirt-csi-node': { infraStorageClassName: 'nfs' } } },
      /addons\.kubevirt-csi-node\.infraStorageClassName: "nfs" \(tenant StorageClass "kubevirt"\) is not in csiController\.storageClassEnforcement\.allowList \(ceph-rbd\)/,
    ],
    [
      { csiController: { storageClassEnforcement: { allowAll: false, allowList: ['ceph-rbd'] } }, addons: { 'kubevirt-csi-node': { values: { storageClasses: [{ name: 'bulk', default: true, infraStorageClassName: 'nfs' }] } } } },
      /"nfs" \(tenant StorageClass "bulk"\) is not in csiController\.storageClassEnforcement\.allowList/,
    ],
  ])('refuses a class the CSI controller would refuse (%j)', async (values, message) => {
    expect(await renderError('kubernetes', { major, values })).toMatch(message);
  });

  it('accepts what the enforcement allows', async () => {
    for (const values of [
      { csiController: { storageClassEnforcement: { allowAll: false, allowList: ['ceph-rbd'] } }, addons: { 'kubevirt-csi-node': { infraStorageClassName: 'ceph-rbd' } } },
      { csiController: { storageClassEnforcement: { allowAll: false, allowDefault: true } } },
      { csiController: { enabled: false, storageClassEnforcement: { allowAll: false, allowDefault: false } } },
    ]) {
      expect(release(await renderChart('kubernetes', { major, values }), 'kubevirt-csi-node')).toBeDefined();
    }
  });
});

describe.each(HELM_MAJORS)('volume snapshots are not advertised (Helm %i)', (major) => {
  // The driver reports CREATE_DELETE_SNAPSHOT (kubevirt/csi-driver 35836e0c pkg/service/controller.go:50-51),
  // but a snapshot needs the csi-snapshotter sidecar (upstream deploy/controller-infra/base/deploy.yaml:128),
  // the snapshot CRDs and controller plus a VolumeSnapshotClass in the tenant (deploy/tenant/base/kustomization.yaml:4-8,
  // deploy.yaml:324) and VolumeSnapshots on the management side. None is deployed, so nothing may claim snapshots.
  it('deploys no snapshotter, no VolumeSnapshotClass, and Velero neither snapshots nor uses CSI', async () => {
    const docs = await renderChart('kubernetes', {
      major,
      values: { addons: { velero: { enabled: true, bucket: 'b', credentialsSecret: { name: 'v' } } } },
    });
    const csi = objectsOfKind(docs, 'Deployment').find((d) => d.metadata.name === 'tenant-a-csi-controller');
    const containers = (spec(csi).template.spec.containers as V[]).map((c) => c.name);
    expect(containers).not.toContain('csi-snapshotter');
    expect(objectsOfKind(docs, 'VolumeSnapshotClass')).toEqual([]);
    const node = await renderChart('kubevirt-csi-node', { major });
    expect(objectsOfKind(node, 'VolumeSnapshotClass')).toEqual([]);
    const velero = spec(release(docs, 'velero')).values;
    expect(velero.snapshotsEnabled).toBe(false);
    expect(JSON.stringify(velero)).not.toMatch(/EnableCSI|volumeSnapshotLocation/);
  });
});

describe.each(HELM_MAJORS)('what the kubelet reserves and when it evicts (Helm %i)', (major) => {
  const kubeletArgs = async (values: V) => {
    const docs = await renderChart('kubernetes', { major, values });
    return Object.fromEntries(
      objectsOfKind(docs, 'KubeadmConfigTemplate').map((t) => [
        t.metadata.name!.replace(/^tenant-a-|-[0-9a-f]{8}$/g, ''),
        Object.fromEntries((spec(t).template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs as V[]).map((a) => [a.name, a.value])),
      ]),
    ) as Record<string, Record<string, string>>;
  };

  it('reserves by the VM size when the group does not say: 80m + 1% per vCPU and 330Mi + 5% for the kubelet, 100m/256Mi for the OS', async () => {
    const args = await kubeletArgs({
      nodeGroups: {
        workers: { cpu: 2, memory: '4Gi' },
        big: { cpu: 16, memory: '64Gi' },
        odd: { cpu: 3, memory: '6000Mi' },
        sized: { instancetype: { name: 'u1.2xlarge' } },
      },
    });
    expect(args.workers!['kube-reserved']).toBe('cpu=100m,memory=535Mi');
    expect(args.big!['kube-reserved']).toBe('cpu=240m,memory=3607Mi');
    expect(args.odd!['kube-reserved']).toBe('cpu=110m,memory=630Mi');
    // an instancetype's size is not visible to the chart: reserved as for 2 vCPUs and 4Gi
    expect(args.sized!['kube-reserved']).toBe('cpu=100m,memory=535Mi');
    for (const a of Object.values(args)) expect(a['system-reserved']).toBe('cpu=100m,memory=256Mi');
  });

  it("keeps the group's own keys and fills in the others; \"0\" reserves none", async () => {
    const args = await kubeletArgs({
      nodeGroupDefaults: { systemReserved: { memory: '0' } },
      nodeGroups: { workers: { kubeReserved: { cpu: '250m', 'ephemeral-storage': '1Gi' } } },
    });
    expect(args.workers!['kube-reserved']).toBe('cpu=250m,ephemeral-storage=1Gi,memory=535Mi');
    expect(args.workers!['system-reserved']).toBe('cpu=100m,memory=0');
  });

  // k8s.io/kubelet v0.34.1 config/v1beta1/types.go:553-557 (evictionHard defaults) and :589-598
  // (mergeDefaultEvictionSettings: false by default, unnamed signals are set to 0; not in v0.32).
  it('completes a user eviction-hard with the default thresholds it does not name', async () => {
    const args = await kubeletArgs({
      nodeGroups: {
        workers: { kubeletExtraArgs: { 'eviction-hard': 'memory.available<500Mi,imagefs.available<0%' } },
        all: { kubeletExtraArgs: { 'eviction-hard': 'memory.available<1Gi,nodefs.available<5%,nodefs.inodesFree<3%,imagefs.available<10%' } },
        none: {},
      },
    });
    expect(args.workers!['eviction-hard']).toBe('memory.available<500Mi,imagefs.available<0%,nodefs.available<10%,nodefs.inodesFree<5%');
    expect(args.all!['eviction-hard']).toBe('memory.available<1Gi,nodefs.available<5%,nodefs.inodesFree<3%,imagefs.available<10%');
    // no flag at all: the kubelet applies its defaults itself
    expect(args.none!['eviction-hard']).toBeUndefined();
  });
});
