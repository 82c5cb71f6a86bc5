// kubernetes-csi/external-provisioner v5.3.0: cmd/csi-provisioner/csi-provisioner.go registers its
// flags on spf13/pflag's CommandLine (imported as `flag`), adds feature-gates, component-base v0.33.0
// logsapi.AddFlags (JSON format registered: logs/json/register is imported) and merges Go's
// flag.CommandLine with AddGoFlagSet, then calls standardflags.AddAutomaxprocs, which registers
// -automaxprocs on Go's flag.CommandLine after the merge: pflag never learns it, so
// --automaxprocs is an unknown flag for this version. No linked package registers Go flags at
// init (import graph walked through vendor/ for linux/amd64 at the tag). No normalize function.
import type { FlagTable } from './types.ts';
import { componentBaseLogFlags } from './component-base-logs.ts';

export const csiProvisionerV530: FlagTable = {
  component: 'CSI external-provisioner',
  image: { repository: 'sig-storage/csi-provisioner', tag: 'v5.3.0' },
  source: { repo: 'kubernetes-csi/external-provisioner', ref: 'v5.3.0', main: 'cmd/csi-provisioner/csi-provisioner.go' },
  parser: 'pflag',
  entrypoint: ['/csi-provisioner'],
  shorthands: { v: 'v' },
  exits: { help: 'prints usage and exits', h: 'prints usage and exits', version: 'prints the version and exits' },
  groups: [
    {
      file: 'cmd/csi-provisioner/csi-provisioner.go',
      bool: [
        'version',
        'leader-election',
        'strict-topology',
        'immediate-topology',
        'extra-create-metadata',
        'enable-pprof',
        'enable-capacity',
        'capacity-for-immediate-binding',
        'node-deployment',
        'node-deployment-immediate-binding',
        'controller-publish-readonly',
        'prevent-volume-mode-conversion',
      ],
      value: [
        'master',
        'kubeconfig',
        'csi-address',
        'volume-name-prefix',
        'volume-name-uuid-length',
        'retry-interval-start',
        'retry-interval-max',
        'worker-threads',
        'cloning-protection-threads',
        'capacity-threads',
        'timeout',
        'leader-election-namespace',
        'metrics-address',
        'http-endpoint',
        'metrics-path',
        'leader-election-lease-duration',
        'leader-election-renew-deadline',
        'leader-election-retry-period',
        'default-fstype',
        'kube-api-qps',
        'kube-api-burst',
        'kube-api-capacity-qps',
        'kube-api-capacity-burst',
        'capacity-poll-interval',
        'capacity-ownerref-level',
        'node-deployment-base-delay',
        'node-deployment-max-delay',
        'feature-gates',
      ],
    },
    componentBaseLogFlags('v0.33.0', 'logsapi.AddFlags (the vendored k8s.io/component-base is replaced by v0.33.0)'),
  ],
  notes: ['--automaxprocs is registered on Go flag.CommandLine after AddGoFlagSet copied it (csi-provisioner.go main), so pflag rejects it in v5.3.0.'],
};
