// The shape of a container contract: which command-line flags one image version accepts, how its
// binary parses them, and where in the upstream source each flag is registered. Tables are data
// (one file per image version, see index.ts); the `container-flags` rule reads them.

export interface FlagGroup {
  /** the file (at `ref`, or at the table's `source.ref`) whose code registers these flags */
  file: string;
  /** repository and ref when the file is not in the table's own source (a library at its pinned version) */
  repo?: string;
  ref?: string;
  /** boolean flags: `--x` alone means true and the next argument is not their value */
  bool?: readonly string[];
  /** flags that take a value (`--x=v` or `--x v`) */
  value?: readonly string[];
  /** registered in the file, but not by this binary at run time (the note says why) */
  absent?: readonly string[];
  note?: string;
}

export interface FlagTable {
  /** what the image is, for messages */
  component: string;
  image: { repository: string; tag: string };
  /** the upstream source the table is derived from */
  source: { repo: string; ref: string; commit?: string; main: string };
  /**
   * How the binary parses its arguments:
   * `pflag` (spf13/pflag, cobra): `--name[=v]`, a single dash starts shorthand letters;
   * `goflag` (Go's flag package): `-name` or `--name`, parsing stops at the first non-flag argument.
   */
  parser: 'pflag' | 'goflag';
  /** `word-sep`: component-base's WordSepNormalizeFunc, `_` in a name is read as `-` */
  normalize?: 'word-sep';
  /** cobra commands of the component that reject positional arguments */
  positional?: 'rejected';
  /** the image's ENTRYPOINT / CMD (Dockerfile at the same ref) */
  entrypoint?: readonly string[];
  cmd?: readonly string[];
  /** single-letter shorthands (pflag): letter → flag name */
  shorthands?: Readonly<Record<string, string>>;
  /** flags that make the binary print something and exit instead of running: name → what happens */
  exits?: Readonly<Record<string, string>>;
  groups: readonly FlagGroup[];
  /** what the table deliberately leaves out, and why */
  notes?: readonly string[];
}

export interface FlagSpec {
  name: string;
  bool: boolean;
  file: string;
}

/** name (normalized) → spec */
export function flagIndex(table: FlagTable): Map<string, FlagSpec> {
  const out = new Map<string, FlagSpec>();
  for (const g of table.groups) {
    for (const n of g.bool ?? []) out.set(normalizeFlag(table, n), { name: n, bool: true, file: g.file });
    for (const n of g.value ?? []) if (!out.has(normalizeFlag(table, n))) out.set(normalizeFlag(table, n), { name: n, bool: false, file: g.file });
  }
  return out;
}

export function normalizeFlag(table: Pick<FlagTable, 'normalize'>, name: string): string {
  return table.normalize === 'word-sep' ? name.replaceAll('_', '-') : name;
}
