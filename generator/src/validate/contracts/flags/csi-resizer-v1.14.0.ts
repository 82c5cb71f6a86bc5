// kubernetes-csi/external-resizer v1.14.0: cmd/csi-resizer/main.go registers its flags on Go's
// flag.CommandLine, adds feature-gates, component-base v0.33.0 logsapi.AddGoFlags and csi-lib-utils'
// -automaxprocs, then flag.Parse(). No linked package registers Go flags at init (import graph
// walked through vendor/ for linux/amd64 at the tag).
import type { FlagTable } from './types.ts';
import { componentBaseLogFlags } from './component-base-logs.ts';

export const csiResizerV1140: FlagTable = {
  component: 'CSI external-resizer',
  image: { repository: 'sig-storage/csi-resizer', tag: 'v1.14.0' },
  source: { repo: 'kubernetes-csi/external-resizer', ref: 'v1.14.0', main: 'cmd/csi-resizer/main.go' },
  parser: 'goflag',
  entrypoint: ['/csi-resizer'],
  exits: { help: 'prints usage and exits', h: 'prints usage and exits', version: 'prints the version and exits' },
  groups: [
    {
      file: 'cmd/csi-resizer/main.go',
      bool: ['extra-modify-metadata', 'version', 'leader-election', 'handle-volume-inuse-error'],
      value: [
        'master',
        'kubeconfig',
        'resync-period',
        'workers',
        'csi-address',
        'timeout',
        'retry-interval-start',
        'retry-interval-max',
        'leader-election-namespace',
        'leader-election-lease-duration',
        'leader-election-renew-deadline',
        'leader-election-retry-period',
        'metrics-address',
        'http-endpoint',
        'metrics-path',
        'kube-api-qps',
        'kube-api-burst',
        'feature-gates',
      ],
    },
    componentBaseLogFlags('v0.33.0', 'logsapi.AddGoFlags on flag.CommandLine (JSON format registered: logs/json/register is imported)'),
    {
      file: 'vendor/github.com/kubernetes-csi/csi-lib-utils/standardflags/automaxprocs.go',
      note: 'csi-lib-utils v0.22.0 AddAutomaxprocs (flag.BoolFunc), registered before flag.Parse',
      bool: ['automaxprocs'],
    },
  ],
};
