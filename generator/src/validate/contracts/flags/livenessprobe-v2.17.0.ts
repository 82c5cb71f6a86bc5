// kubernetes-csi/livenessprobe v2.17.0: cmd/livenessprobe/main.go registers its flags on Go's
// flag.CommandLine, adds component-base v0.34.0 logsapi.AddGoFlags and csi-lib-utils'
// -automaxprocs, then flag.Parse(). No feature-gates flag. No linked package registers Go flags
// at init (import graph walked through vendor/ for linux/amd64 at the tag).
import type { FlagTable } from './types.ts';
import { componentBaseLogFlags } from './component-base-logs.ts';

export const livenessProbeV2170: FlagTable = {
  component: 'CSI livenessprobe',
  image: { repository: 'sig-storage/livenessprobe', tag: 'v2.17.0' },
  source: { repo: 'kubernetes-csi/livenessprobe', ref: 'v2.17.0', main: 'cmd/livenessprobe/main.go' },
  parser: 'goflag',
  entrypoint: ['/livenessprobe'],
  exits: { help: 'prints usage and exits', h: 'prints usage and exits' },
  groups: [
    { file: 'cmd/livenessprobe/main.go', value: ['probe-timeout', 'csi-address', 'health-port', 'metrics-address', 'http-endpoint', 'metrics-path'] },
    componentBaseLogFlags('v0.34.0', 'logsapi.AddGoFlags on flag.CommandLine (JSON format registered: logs/json/register is imported)'),
    {
      file: 'vendor/github.com/kubernetes-csi/csi-lib-utils/standardflags/automaxprocs.go',
      note: 'csi-lib-utils v0.22.0 AddAutomaxprocs (flag.BoolFunc), registered before flag.Parse',
      bool: ['automaxprocs'],
    },
  ],
};
