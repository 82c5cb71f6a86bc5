// The release name `render` and `plan` use when --release is not given: the values file's name.
// A file name that is not a usable release name is a usage error, never a silent default — a
// tenant rendered under another name is a different cluster.
import { basename, extname } from 'node:path';
import { UsageError } from './command.ts';

/** What Helm and a namespace both accept: a DNS-1123 label Helm allows as a release name (≤ 53). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HELM_MAX = 53;

/** The release a render without values files gets: the chart's default tenant. */
export const DEFAULT_RELEASE = 'tenant-a';

export interface ReleaseChoice {
  release: string;
  /** the values file the name was taken from, when it was not given with --release */
  fromFile?: string;
}

/** A usable name close to `name`, for the error message's suggestion. */
export function suggestReleaseName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return s || DEFAULT_RELEASE;
}

/**
 * --release, else the name of `file` (`tenants/tenant-a.yaml` → `tenant-a`), else the default
 * tenant when there is no values file at all. Throws UsageError naming the file and the fix when
 * the file name is not a release name (or the values come from stdin and have no name).
 */
export function chooseRelease(release: string | undefined, file: string | undefined, option = '-f'): ReleaseChoice {
  if (release !== undefined) return { release };
  if (file === undefined) return { release: DEFAULT_RELEASE };
  if (file === '-') throw new UsageError(`values from stdin (${option} -) carry no file name to name the release after; pass --release NAME`);
  const name = basename(file, extname(file));
  if (RELEASE_NAME.test(name) && name.length <= HELM_MAX) return { release: name, fromFile: file };
  const why = name.length > HELM_MAX ? `${name.length} characters, Helm allows at most ${HELM_MAX}` : "use lower-case letters, digits and '-', starting and ending with a letter or digit";
  throw new UsageError(`the release is named after the values file, but "${basename(file)}" does not give a release name ("${name}": ${why}); pass --release NAME, e.g. --release ${suggestReleaseName(name)}`);
}
