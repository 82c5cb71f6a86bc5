// kubernetes-csi/external-attacher v4.10.0: cmd/csi-attacher/main.go registers its flags on Go's
// flag.CommandLine, adds feature-gates, component-base v0.34.0 logsapi.AddGoFlags and csi-lib-utils'
// -automaxprocs, then flag.Parse(). No linked package registers Go flags at init (import graph
// walked through vendor/ for linux/amd64 at the tag).
import type { FlagTable } from './types.ts';
import { componentBaseLogFlags } from './component-base-logs.ts';

export const csiAttacherV4100: FlagTable = {
  component: 'CSI external-attacher',
  image: { repository: 'sig-storage/csi-attacher', tag: 'v4.10.0' },
  source: { repo: 'kubernetes-csi/external-attacher', ref: 'v4.10.0', main: 'cmd/csi-attacher/main.go' },
  parser: 'goflag',
  entrypoint: ['/csi-attacher'],
  exits: { help: 'prints usage and exits', h: 'prints usage and exits', version: 'prints the version and exits' },
  groups: [
    {
      file: 'cmd/csi-attacher/main.go',
      bool: ['version', 'leader-election'],
      value: [
        'kubeconfig',
        'resync',
        'csi-address',
        'timeout',
        'worker-threads',
        'max-entries',
        'retry-interval-start',
        'retry-interval-max',
        'leader-election-namespace',
        'leader-election-lease-duration',
        'leader-election-renew-deadline',
        'leader-election-retry-period',
        'default-fstype',
        'reconcile-sync',
        'metrics-address',
        'http-endpoint',
        'metrics-path',
        'kube-api-qps',
        'kube-api-burst',
        'max-grpc-log-length',
        'feature-gates',
      ],
    },
    componentBaseLogFlags('v0.34.0', 'logsapi.AddGoFlags on flag.CommandLine (JSON format registered: logs/json/register is imported)'),
    {
      file: 'vendor/github.com/kubernetes-csi/csi-lib-utils/standardflags/automaxprocs.go',
      note: 'csi-lib-utils v0.22.0 AddAutomaxprocs (flag.BoolFunc), registered before flag.Parse',
      bool: ['automaxprocs'],
    },
  ],
};
