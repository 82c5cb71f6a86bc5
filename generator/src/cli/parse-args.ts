// node:util parseArgs, with its errors (unknown option, missing value) turned into UsageError so
// the dispatcher answers them with the command's usage and exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';

export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** The options `render` and `plan` pass on to `helm template` (renderRelease). */
export const HELM_TEMPLATE_OPTIONS = {
  chart: { type: 'string' },
  version: { type: 'string' },
  release: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  helm: { type: 'string' },
  'api-versions': { type: 'string', short: 'a', multiple: true },
} as const;

/** `--helm 3|4` */
export function parseHelmMajor(v: string | undefined): 3 | 4 | undefined {
  if (v === undefined) return undefined;
  if (v === '3' || v === '4') return Number(v) as 3 | 4;
  throw new UsageError(`--helm must be 3 or 4, got "${v}"`);
}
