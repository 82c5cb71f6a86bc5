// The KubeVirt CSI node helper chart (installed into the tenant by the kubevirt-csi-node addon).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmLint } from '../../generator/src/helm/run.ts';
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { chartsDir } from '../../generator/src/paths.ts';
import { HELM_MAJORS, objectsOfKind, renderChart, renderError } from '../support/render.ts';
import { podSpecOf, restrictedViolations } from '../support/security.ts';
import { expectValid } from '../support/validate.ts';

type Obj = Record<string, any>;
const CHART = 'kubevirt-csi-node';
const NS = 'kubevirt-csi-driver';

describe.each(HELM_MAJORS)('kubevirt-csi-node chart under Helm %i', (major) => {
  const render = (values?: unknown) => renderChart(CHART, { major, values, release: 'tenant-a-kubevirt-csi-node', namespace: NS });
  const valid = (docs: ManifestDoc[]) => expectValid(docs, { namespace: NS });

  it('passes helm lint --strict', async () => {
    const r = await helmLint(join(chartsDir, CHART), { major, strict: true });
    expect(r.output).toContain('0 chart(s) failed');
    expect(r.output).not.toMatch(/\[(WARNING|ERROR)\]/);
    expect(r.ok).toBe(true);
  });

  it('renders the CSIDriver, the node DaemonSet with its RBAC and one default StorageClass, all valid', async () => {
    const docs = await render();
    valid(docs);
    expect(objectsOfKind(docs, 'CSIDriver')).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ name: 'csi.kubevirt.io' }), spec: { attachRequired: true, podInfoOnMount: true, fsGroupPolicy: 'ReadWriteOnceWithFSType' } }),
    ]);
    const [ds] = objectsOfKind(docs, 'DaemonSet') as Obj[];
    expect(ds!.metadata.namespace).toBe(NS);
    expect(ds!.spec.template.spec.serviceAccountName).toBe('tenant-a-kubevirt-csi-node');
    expect(ds!.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['csi-driver', 'csi-node-driver-registrar', 'csi-liveness-probe']);
    const classes = objectsOfKind(docs, 'StorageClass') as Obj[];
    expect(classes.map((c) => [c.metadata.name, c.metadata.annotations['storageclass.kubernetes.io/is-default-class'], c.provisioner])).toEqual([
      ['kubevirt', 'true', 'csi.kubevirt.io'],
    ]);
  });

  it('keeps privilege to the driver container: sidecars drop everything, no host network', async () => {
    const docs = await render();
    const ds = objectsOfKind(docs, 'DaemonSet')[0]!;
    const pod = podSpecOf(ds)!;
    expect(pod.hostNetwork).toBeUndefined();
    const violations = restrictedViolations(ds);
    // the exception is exactly: the privileged driver and its host mounts
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(['privileged', 'allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile', 'capabilities', 'volume-types']));
    for (const v of violations.filter((x) => x.rule !== 'volume-types' && x.rule !== 'runAsNonRoot' && x.rule !== 'seccompProfile')) {
      expect(v.detail).toMatch(/container csi-driver /);
    }
    const mounts = (pod.containers as Obj[])[0]!.volumeMounts;
    expect(mounts).toContainEqual({ name: 'kubelet-dir', mountPath: '/var/lib/kubelet', mountPropagation: 'Bidirectional' });
  });

  it('claims volume expansion only when the management-side controller can expand', async () => {
    // a resizer needs a driver with ControllerExpandVolume (kubevirt/csi-driver df0692d8); off by default
    const docs = await render({ storageClasses: [{ name: 'a', default: true }, { name: 'b', allowVolumeExpansion: true }] });
    const byName = Object.fromEntries((objectsOfKind(docs, 'StorageClass') as Obj[]).map((c) => [c.metadata.name, c]));
    expect(byName.a.allowVolumeExpansion).toBe(false);
    expect(byName.b.allowVolumeExpansion).toBe(true);
  });

  it('maps each tenant StorageClass to a management storage class', async () => {
    const docs = await render({
      volumeExpansion: true,
      storageClasses: [
        { name: 'fast', infraStorageClassName: 'ceph-rbd', default: true, fsType: 'xfs' },
        { name: 'bulk', infraStorageClassName: 'nfs-bulk', reclaimPolicy: 'Retain', allowVolumeExpansion: false, parameters: { foo: 'bar' } },
      ],
    });
    valid(docs);
    const byName = Object.fromEntries((objectsOfKind(docs, 'StorageClass') as Obj[]).map((c) => [c.metadata.name, c]));
    expect(byName.fast).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      reclaimPolicy: 'Delete',
      allowVolumeExpansion: true,
      parameters: { bus: 'scsi', infraStorageClassName: 'ceph-rbd', 'csi.storage.k8s.io/fstype': 'xfs' },
    });
    expect(byName.bulk).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } },
      reclaimPolicy: 'Retain',
      allowVolumeExpansion: false,
      parameters: { bus: 'scsi', infraStorageClassName: 'nfs-bulk', foo: 'bar' },
    });
  });

  it.each([
    [[{ name: 'a' }, { name: 'b' }], /exactly one class must set default: true \(found 0/],
    [[{ name: 'a', default: true }, { name: 'b', default: true }], /exactly one class must set default: true \(found 2: a, b\)/],
    [[{ name: 'a', default: true }, { name: 'a' }], /"a" is listed twice/],
  ])('rejects storage classes %j with a message saying what to fix', async (storageClasses, msg) => {
    const err = await renderError(CHART, { major, values: { storageClasses }, namespace: NS });
    expect(err).toMatch(msg);
    expect(err).not.toMatch(/nil pointer/);
  });

  it('pulls every image from the mirror when images.registry is set', async () => {
    const docs = await render({ images: { registry: 'mirror.internal:5000' } });
    const images = (podSpecOf(objectsOfKind(docs, 'DaemonSet')[0]!)!.containers as Obj[]).map((c) => c.image);
    expect(images).toEqual([
      'mirror.internal:5000/kubevirt/csi-driver:20240920145955',
      'mirror.internal:5000/sig-storage/csi-node-driver-registrar:v2.15.0',
      'mirror.internal:5000/sig-storage/livenessprobe:v2.17.0',
    ]);
  });
});
