// The logging flags kubernetes/component-base registers (logs/api/v1/options.go), which every CSI
// sidecar links at some version: one group, parameterised by the version and how the binary adds them.
import type { FlagGroup } from './types.ts';

export function componentBaseLogFlags(ref: string, note: string): FlagGroup {
  return {
    file: 'logs/api/v1/options.go',
    repo: 'kubernetes/component-base',
    ref,
    note,
    bool: ['log-text-split-stream', 'log-json-split-stream'],
    value: ['logging-format', 'log-flush-frequency', 'v', 'vmodule', 'log-text-info-buffer-size', 'log-json-info-buffer-size'],
  };
}
