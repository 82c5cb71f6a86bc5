// What each tenant addon's pinned upstream chart needs from its values to install something that works,
// established by reading the chart at the pinned version (test/fixtures/addon-charts/NOTICE.md names the
// refs). Each rule names the upstream file and line it comes from. `values` are the addon's values as
// Helm sees them: the HelmRelease's values (and valuesFrom) coalesced over the chart's values.yaml when
// we hold a copy of it, else the HelmRelease's values alone.

type V = Record<string, any>;

export interface ChartRule {
  /** what must hold, in words */
  what: string;
  /** where upstream says so: repository path:line at the pinned ref */
  upstream: string;
  /** true when it holds; `tenant` is the tenant chart's values the addon was rendered with */
  holds: (values: V, tenant: V) => boolean;
}

export interface AddonChart {
  /** the catalog entry */
  addon: string;
  chart: string;
  version: string;
  /** folder under test/fixtures/addon-charts with the chart's values.yaml (and values.schema.json) */
  fixture?: string;
  /** whether the fixture holds the chart's published values.schema.json */
  schema?: boolean;
  /** tenant-chart values that enable the addon as a user would (with what it requires) */
  tenant: V;
  rules: ChartRule[];
}

const list = (v: unknown): V[] => (Array.isArray(v) ? (v as V[]) : []);
const flagNames = (args: unknown) => list(args).map((a) => String(a).replace(/=.*$/, ''));
const tolerates = (tolerations: V[], taint: V) =>
  tolerations.some(
    (t) =>
      (t.key === undefined || t.key === taint.key) &&
      (t.effect === undefined || t.effect === taint.effect) &&
      (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '')),
  );
const gpuGroupTaints = (tenant: V): V[] =>
  Object.values((tenant.nodeGroups ?? {}) as Record<string, V>)
    .filter((g) => list(g.gpus).length > 0)
    .flatMap((g) => list(g.taints));

export const ADDON_CHARTS: AddonChart[] = [
  {
    addon: 'velero',
    chart: 'velero',
    version: '12.2.0',
    fixture: 'velero-12.2.0',
    schema: true,
    tenant: {
      addons: {
        velero: {
          enabled: true,
          bucket: 'tenant-a-backups',
          config: { region: 'minio', s3Url: 'https://minio.example.internal:9000', s3ForcePathStyle: 'true' },
          credentialsSecret: { name: 'tenant-a-velero' },
        },
      },
    },
    rules: [
      {
        what: 'at least one provider plugin (an init container or an image-volume plugin); the chart ships none',
        upstream: 'vmware-tanzu/helm-charts charts/velero/values.yaml:129, templates/deployment.yaml:277',
        holds: (v) => list(v.initContainers).length > 0 || list(v.plugins).length > 0,
      },
      {
        what: 'every BackupStorageLocation has a provider and a bucket',
        upstream: 'vmware-tanzu/helm-charts charts/velero/templates/backupstoragelocation.yaml:33,45',
        holds: (v) => !v.backupsEnabled || list(v.configuration?.backupStorageLocation).every((l) => Boolean(l.provider) && Boolean(l.bucket)),
      },
      {
        what: 'no VolumeSnapshotLocation without a provider (the default list has provider "" and snapshotsEnabled is true)',
        upstream: 'vmware-tanzu/helm-charts charts/velero/templates/volumesnapshotlocation.yaml:1,33; values.yaml:481,694',
        holds: (v) => !v.snapshotsEnabled || list(v.configuration?.volumeSnapshotLocation).every((l) => Boolean(l.provider)),
      },
      {
        what: 'credentials: the chart mounts its Secret as /credentials/cloud, so with useSecret it needs secretContents.cloud or an existingSecret',
        upstream: 'vmware-tanzu/helm-charts charts/velero/templates/secret.yaml:1,18; templates/deployment.yaml:251-253,287-289',
        holds: (v) => !v.credentials?.useSecret || Boolean(v.credentials?.existingSecret) || Boolean(v.credentials?.secretContents?.cloud),
      },
      {
        what: 'volume data by file-system backup needs the node agent',
        upstream: 'vmware-tanzu/velero v1.18.1 site/content/docs/v1.18/file-system-backup.md:54; helm-charts charts/velero/values.yaml:697',
        holds: (v) => !v.configuration?.defaultVolumesToFsBackup || v.deployNodeAgent === true,
      },
      {
        what: 'no CSI snapshots: they need a VolumeSnapshotClass of the driver and a csi-snapshotter, which the KubeVirt CSI stack here does not deploy',
        upstream: 'vmware-tanzu/velero v1.18.1 site/content/docs/v1.18/csi.md:29; kubevirt/csi-driver 35836e0c deploy/controller-infra/base/deploy.yaml:128, deploy/tenant/base/deploy.yaml:324',
        holds: (v) => !String(v.configuration?.features ?? '').includes('EnableCSI'),
      },
    ],
  },
  {
    addon: 'cert-manager',
    chart: 'cert-manager',
    version: 'v1.21.1',
    fixture: 'cert-manager-v1.21.1',
    schema: true,
    tenant: { addons: { 'cert-manager': { enabled: true } } },
    rules: [
      {
        what: 'the chart installs the CRDs (off by default; its CRDs are templates gated by crds.enabled)',
        upstream: 'cert-manager/cert-manager deploy/charts/cert-manager/values.yaml:109, templates/crd-cert-manager.io_certificates.yaml:1',
        holds: (v) => v.crds?.enabled === true,
      },
      {
        what: 'the deprecated installCRDs is not set together with crds.enabled',
        upstream: 'cert-manager/cert-manager deploy/charts/cert-manager/templates/_helpers.tpl:262',
        holds: (v) => !(v.installCRDs && v.crds?.enabled),
      },
    ],
  },
  {
    addon: 'gpu-operator',
    chart: 'gpu-operator',
    version: 'v25.10.1',
    fixture: 'gpu-operator-v25.10.1',
    tenant: {
      addons: { 'gpu-operator': { enabled: true } },
      nodeGroups: {
        workers: { replicas: 2 },
        gpu: {
          gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/GA102GL_A10' }],
          taints: [
            { key: 'nvidia.com/gpu', effect: 'NoSchedule' },
            { key: 'example.com/dedicated', value: 'gpu', effect: 'NoExecute' },
          ],
        },
      },
    },
    rules: [
      {
        what: 'containers on passed-through GPUs, not sandbox (VM) workloads: the tenant node is the VM',
        upstream: 'NVIDIA/gpu-operator api/nvidia/v1/clusterpolicy_types.go:190-194, deployments/gpu-operator/templates/clusterpolicy.yaml:676',
        holds: (v) => v.sandboxWorkloads?.enabled === false,
      },
      {
        what: 'the guest gets the driver, the container toolkit and the device plugin',
        upstream: 'NVIDIA/gpu-operator deployments/gpu-operator/templates/clusterpolicy.yaml:156,421,447',
        holds: (v) => v.driver?.enabled === true && v.toolkit?.enabled === true && v.devicePlugin?.enabled === true,
      },
      {
        what: 'node-feature-discovery runs (it labels the GPU nodes the operands select)',
        upstream: 'NVIDIA/gpu-operator deployments/gpu-operator/Chart.yaml:24 (condition nfd.enabled), values.yaml:9',
        holds: (v) => v.nfd?.enabled === true,
      },
      {
        what: "operands and NFD workers tolerate every taint of the groups with GPUs",
        upstream: 'NVIDIA/gpu-operator deployments/gpu-operator/templates/clusterpolicy.yaml:52-53, values.yaml:38,535',
        holds: (v, tenant) =>
          gpuGroupTaints(tenant).every(
            (t) => tolerates(list(v.daemonsets?.tolerations), t) && tolerates(list(v['node-feature-discovery']?.worker?.tolerations), t),
          ),
      },
    ],
  },
  {
    addon: 'vpa',
    chart: 'vertical-pod-autoscaler',
    version: '0.8.1',
    fixture: 'vertical-pod-autoscaler-0.8.1',
    tenant: { addons: { vpa: { enabled: true } } },
    rules: [
      {
        what: 'the admission webhook is registered by Helm with certgen certificates, not both ways',
        upstream: 'kubernetes/autoscaler vertical-pod-autoscaler/charts/vertical-pod-autoscaler/templates/admission-controller-deployment.yaml:1-2',
        holds: (v) => !(v.admissionController?.registerWebhook && v.admissionController?.certGen?.enabled),
      },
      {
        what: 'the admission controller has a certificate source',
        upstream: 'kubernetes/autoscaler vertical-pod-autoscaler/charts/vertical-pod-autoscaler/templates/NOTES.txt:42-47',
        holds: (v) =>
          !v.admissionController?.enabled ||
          Boolean(v.admissionController?.certGen?.enabled || v.admissionController?.tls?.create || v.admissionController?.registerWebhook),
      },
    ],
  },
  {
    addon: 'metrics-server',
    chart: 'metrics-server',
    version: '3.13.0',
    fixture: 'metrics-server-3.13.0',
    tenant: { addons: { 'metrics-server': { enabled: true } } },
    rules: [
      {
        what: 'kubelets serve self-signed certificates (no serverTLSBootstrap from kubeadm or Kamaji), so metrics-server must not verify them against the cluster CA',
        upstream: 'kubernetes/kubelet v0.34.1 config/v1beta1/types.go:167,194; kubernetes-sigs/metrics-server README.md:49',
        holds: (v) => flagNames(v.args).includes('--kubelet-insecure-tls'),
      },
      {
        what: 'args are appended to defaultArgs: no flag given twice',
        upstream: 'kubernetes-sigs/metrics-server charts/metrics-server/templates/deployment.yaml:66-70',
        holds: (v) => flagNames(v.args).every((f) => !flagNames(v.defaultArgs).includes(f)),
      },
    ],
  },
  {
    addon: 'envoy-gateway',
    chart: 'gateway-helm',
    version: 'v1.7.4',
    tenant: { addons: { 'envoy-gateway': { enabled: true } } },
    rules: [
      {
        what: 'an HPA needs hpa.maxReplicas (the only value the chart requires)',
        upstream: 'envoyproxy/gateway charts/gateway-helm/templates/envoy-gateway-hpa.yaml:15',
        holds: (v) => !v.hpa?.enabled || v.hpa?.maxReplicas !== undefined,
      },
    ],
  },
];
