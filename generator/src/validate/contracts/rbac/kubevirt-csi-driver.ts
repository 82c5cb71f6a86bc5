// kubevirt/csi-driver, controller service: what it asks of the infra (management) cluster through
// its in-cluster service account (cmd/kubevirt-csi-driver/kubevirt-csi-driver.go: in-cluster config
// unless --infra-cluster-kubeconfig; calls in pkg/kubevirt/client.go, made from
// pkg/service/controller.go, all in --infra-cluster-namespace). Upstream publishes dated builds, no
// tags: image tags are build timestamps (YYYYMMDDhhmmss, compared as strings), so each contract
// covers the builds between two commits that change the calls:
//   35836e0c (2024-08-20) … 0171916b (2025-03-13 16:42 UTC, hot-plug moves to the VM subresources);
//   df0692d8 (2025-05-08 12:31 UTC, volume expansion) … main (checked at 27b52aa2, 2026-06-24).
// Builds between 0171916b and df0692d8 have no contract (not judged). Upstream RBAC:
// deploy/infra-cluster-service-account.yaml at each commit.
import { isRepository, parseImage } from '../image.ts';
import { flagValues } from './flag-values.ts';
import type { ApiCall, ComponentFacts, ContainerInput, RbacContract } from './types.ts';

/** First build with ControllerExpandVolume: kubevirt/csi-driver df0692d8, 2025-05-08 14:31:56 +0200. */
export const CSI_DRIVER_EXPANSION_BUILD = '20250508123156';
/** kubevirt/csi-driver 0171916b, 2025-03-13 17:42:06 +0100: hot-plug through virtualmachines/{add,remove}volume. */
export const CSI_DRIVER_VM_HOTPLUG_BUILD = '20250313164206';

const REPO = 'kubevirt/csi-driver';

function facts(input: ContainerInput): ComponentFacts | { skip: string } {
  const flags = flagValues(input);
  const last = (n: string) => flags.get(n)?.at(-1);
  if (last('infra-cluster-kubeconfig')) return { skip: '--infra-cluster-kubeconfig is set: the infra client does not use the service account' };
  const controller = last('run-controller-service');
  if (controller !== undefined && /^(false|0|f)$/i.test(controller)) return { skip: '--run-controller-service=false: no infra calls' };
  const sidecar = (repo: string) => input.siblings.some((img) => isRepository(parseImage(img), repo));
  const ns = last('infra-cluster-namespace');
  return {
    namespace: ns || undefined,
    namespaceFrom: ns ? '--infra-cluster-namespace' : 'no --infra-cluster-namespace: every namespace',
    facts: { resizer: sidecar('sig-storage/csi-resizer'), snapshotter: sidecar('sig-storage/csi-snapshotter') },
    because: { resizer: 'a csi-resizer sidecar runs beside it', snapshotter: 'a csi-snapshotter sidecar runs beside it' },
  };
}

const dv = (verbs: string[], why: string): ApiCall => ({ group: 'cdi.kubevirt.io', resource: 'datavolumes', verbs, scope: 'namespace', file: 'pkg/kubevirt/client.go', why });
const snapshots: ApiCall[] = [
  {
    group: 'snapshot.storage.k8s.io',
    resource: 'volumesnapshots',
    verbs: ['get', 'create', 'delete', 'list'],
    scope: 'namespace',
    when: 'snapshotter',
    file: 'pkg/kubevirt/client.go CreateVolumeSnapshot/GetVolumeSnapshot/DeleteVolumeSnapshot/ListVolumeSnapshots',
    why: 'CreateSnapshot/DeleteSnapshot/ListSnapshots keep one infra VolumeSnapshot per tenant snapshot',
  },
  {
    group: '',
    resource: 'persistentvolumeclaims',
    verbs: ['get'],
    scope: 'namespace',
    when: 'snapshotter',
    file: 'pkg/kubevirt/client.go getStorageClassNameFromClaimName',
    why: "CreateSnapshot reads the infra claim's storage class to pick the snapshot class",
  },
];

/** The DataVolume calls every build makes. */
const dataVolumeCalls: ApiCall[] = [
  dv(['get'], 'CreateVolume, DeleteVolume, ControllerPublishVolume and ValidateVolumeCapabilities read the DataVolume (GetDataVolume)'),
  dv(['create'], 'CreateVolume creates one DataVolume per tenant volume (CreateDataVolume)'),
  dv(['delete'], 'DeleteVolume deletes it (DeleteDataVolume)'),
];

const before: ApiCall[] = [
  ...dataVolumeCalls,
  { group: 'kubevirt.io', resource: 'virtualmachineinstances', verbs: ['get'], scope: 'namespace', file: 'pkg/kubevirt/client.go GetVirtualMachine', why: 'publish/unpublish read the VMI and wait for the hot-plugged volume (EnsureVolumeAvailable/EnsureVolumeRemoved)' },
  { group: 'kubevirt.io', resource: 'virtualmachineinstances', verbs: ['list'], scope: 'namespace', file: 'pkg/kubevirt/client.go ListVirtualMachines', why: 'ControllerPublishVolume finds the VMI of a CSI node ID (getVMNameByCSINodeID)' },
  { group: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/addvolume', verbs: ['update'], scope: 'namespace', file: 'pkg/kubevirt/client.go AddVolumeToVM', why: 'ControllerPublishVolume hot-plugs the DataVolume (PUT …/virtualmachineinstances/<vm>/addvolume)' },
  { group: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/removevolume', verbs: ['update'], scope: 'namespace', file: 'pkg/kubevirt/client.go RemoveVolumeFromVM', why: 'ControllerUnpublishVolume unplugs it (PUT …/virtualmachineinstances/<vm>/removevolume)' },
  ...snapshots,
];

const after: ApiCall[] = [
  ...dataVolumeCalls,
  { group: 'kubevirt.io', resource: 'virtualmachineinstances', verbs: ['get'], scope: 'namespace', file: 'pkg/kubevirt/client.go GetVirtualMachine', why: 'publish/unpublish wait for the hot-plugged volume on the VMI (EnsureVolumeAvailable/EnsureVolumeRemoved)' },
  { group: 'kubevirt.io', resource: 'virtualmachineinstances', verbs: ['list'], scope: 'namespace', file: 'pkg/kubevirt/client.go ListVirtualMachines', why: 'ControllerPublishVolume finds the VMI of a CSI node ID (getVMNameByCSINodeID)' },
  { group: 'kubevirt.io', resource: 'virtualmachines', verbs: ['get'], scope: 'namespace', file: 'pkg/kubevirt/client.go GetWorkloadManagingVirtualMachine', why: 'publish/unpublish read the VM whose spec carries the hot-plugged volume' },
  { group: 'subresources.kubevirt.io', resource: 'virtualmachines/addvolume', verbs: ['update'], scope: 'namespace', file: 'pkg/kubevirt/client.go AddVolumeToVM', why: 'ControllerPublishVolume hot-plugs the DataVolume into the VM (PUT …/virtualmachines/<vm>/addvolume)' },
  { group: 'subresources.kubevirt.io', resource: 'virtualmachines/removevolume', verbs: ['update'], scope: 'namespace', file: 'pkg/kubevirt/client.go RemoveVolumeFromVM', why: 'ControllerUnpublishVolume unplugs it from the VM' },
  { group: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/removevolume', verbs: ['update'], scope: 'namespace', file: 'pkg/kubevirt/client.go RemoveVolumeFromVMI', why: 'ControllerUnpublishVolume unplugs volumes a running VMI still carries from before a VM change' },
  {
    group: '',
    resource: 'persistentvolumeclaims',
    verbs: ['get', 'patch'],
    scope: 'namespace',
    when: 'resizer',
    file: 'pkg/kubevirt/client.go ExpandPersistentVolumeClaim/EnsureControllerResize',
    why: 'ControllerExpandVolume (called by the csi-resizer) grows the infra claim with a JSON patch and re-reads it',
  },
  {
    group: '',
    resource: 'persistentvolumes',
    verbs: ['get'],
    scope: 'cluster',
    when: 'resizer',
    file: 'pkg/kubevirt/client.go EnsureControllerResize',
    why: "ControllerExpandVolume waits on the infra claim's PersistentVolume capacity (upstream: ClusterRole kubevirt-csi-cluster in deploy/infra-cluster-service-account.yaml)",
  },
  ...snapshots,
];

export const kubevirtCsiDriverBeforeVmHotplug: RbacContract = {
  component: 'KubeVirt CSI driver (controller)',
  repository: REPO,
  tags: { format: 'timestamp', from: '20240820140657', before: CSI_DRIVER_VM_HOTPLUG_BUILD },
  source: { repo: REPO, ref: '35836e0c8b68d9916d29a838ea60cdd3fc6199cf', rbac: 'deploy/infra-cluster-service-account.yaml' },
  calls: before,
  facts,
};

export const kubevirtCsiDriverWithExpansion: RbacContract = {
  component: 'KubeVirt CSI driver (controller)',
  repository: REPO,
  tags: { format: 'timestamp', from: CSI_DRIVER_EXPANSION_BUILD },
  source: { repo: REPO, ref: 'df0692d8621d7ec5a453e11dd9be048d2c2e80db', rbac: 'deploy/infra-cluster-service-account.yaml' },
  calls: after,
  facts,
};
