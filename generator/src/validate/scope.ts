// Which kinds are cluster-scoped. Rendered objects often carry no namespace (helm template
// leaves it to `--namespace`), so the validator needs to know which kinds get one.
// Data, not logic: add a kind here when a chart emits a new cluster-scoped kind; CRDs that are
// part of the input add their own `spec.scope` at run time.

export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  // core / built-in
  'Namespace', 'Node', 'PersistentVolume', 'ComponentStatus',
  'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'APIService',
  'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'PriorityClass', 'RuntimeClass', 'IngressClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration',
  // common add-on CRDs
  'ClusterIssuer', 'VolumeSnapshotClass', 'VolumeSnapshotContent', 'GatewayClass',
  'ClusterPolicy', // NVIDIA GPU operator
  // KubeVirt / CDI (cdi.kubevirt.io CDI is cluster-scoped; the KubeVirt object is namespaced)
  'CDI', 'VirtualMachineClusterInstancetype', 'VirtualMachineClusterPreference',
]);
