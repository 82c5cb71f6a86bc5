// kubevirt/csi-driver build 20240920145955 (the image tag is a build date; upstream publishes no
// release tags): the last commit on main before it, 35836e0c8b68d9916d29a838ea60cdd3fc6199cf
// (2024-08-20). cmd/kubevirt-csi-driver/kubevirt-csi-driver.go registers its flags on Go's
// flag.CommandLine and calls klog.InitFlags(nil); no other linked package registers a flag
// (import graph of the binary walked through vendor/ for linux/amd64 at that commit).
import type { FlagTable } from './types.ts';

export const kubevirtCsiDriver20240920145955: FlagTable = {
  component: 'KubeVirt CSI driver',
  image: { repository: 'kubevirt/csi-driver', tag: '20240920145955' },
  source: { repo: 'kubevirt/csi-driver', ref: '35836e0c8b68d9916d29a838ea60cdd3fc6199cf', main: 'cmd/kubevirt-csi-driver/kubevirt-csi-driver.go' },
  parser: 'goflag',
  // Dockerfile at the same commit
  entrypoint: ['./kubevirt-csi-driver'],
  exits: { help: 'prints usage and exits', h: 'prints usage and exits' },
  groups: [
    {
      file: 'cmd/kubevirt-csi-driver/kubevirt-csi-driver.go',
      bool: ['run-node-service', 'run-controller-service'],
      value: ['endpoint', 'node-name', 'infra-cluster-namespace', 'infra-cluster-kubeconfig', 'infra-cluster-labels', 'volume-prefix', 'tenant-cluster-kubeconfig'],
      note: 'the infra storage class enforcement is the INFRA_STORAGE_CLASS_ENFORCEMENT environment variable, not a flag',
    },
    {
      file: 'vendor/k8s.io/klog/v2/klog.go',
      note: 'k8s.io/klog/v2 v2.130.1 InitFlags: the underscore spellings only (Go flags are not normalized)',
      bool: ['logtostderr', 'alsologtostderr', 'add_dir_header', 'skip_headers', 'one_output', 'skip_log_headers'],
      value: ['log_dir', 'log_file', 'log_file_max_size', 'v', 'stderrthreshold', 'vmodule', 'log_backtrace_at'],
    },
  ],
};
