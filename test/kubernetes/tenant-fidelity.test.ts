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
