// Reads a container's argument list the way the binary's flag parser would (spf13/pflag or Go's
// flag package) and reports what would make it exit: an unknown flag, a flag without its value,
// a help/version flag, or (cobra commands that reject them) a positional argument.
import { editDistance } from '../../../util/text.ts';
import { type FlagSpec, type FlagTable, flagIndex, normalizeFlag } from './types.ts';

export interface ArgProblem {
  /** index into the argument list passed to check() */
  index: number;
  message: string;
}

const FALSE = new Set(['false', '0', 'f', 'F', 'FALSE', 'False']);

/** The closest known spelling, if one is close (another separator, a typo). */
function suggest(table: FlagTable, index: Map<string, FlagSpec>, name: string, dash: string): string | undefined {
  const swapped = name.includes('_') ? name.replaceAll('_', '-') : name.replaceAll('-', '_');
  if (index.has(normalizeFlag(table, swapped))) return `${dash}${swapped}`;
  let best: [string, number] | undefined;
  for (const spec of index.values()) {
    const d = editDistance(name, spec.name);
    if (d <= Math.max(1, Math.floor(name.length / 6)) && (!best || d < best[1])) best = [spec.name, d];
  }
  return best ? `${dash}${best[0]}` : undefined;
}

/** Problems in `args` (the arguments after the program name). */
export function checkArgs(table: FlagTable, args: readonly string[]): ArgProblem[] {
  const index = flagIndex(table);
  const out: ArgProblem[] = [];
  const version = `${table.component} ${table.image.tag}`;
  const unknown = (i: number, shown: string, name: string) => {
    const hint = suggest(table, index, name, shown.startsWith('--') ? '--' : '-');
    out.push({
      index: i,
      message: `${version} does not accept ${shown} (flags registered by ${table.source.repo}@${table.source.ref} ${table.source.main} and the libraries it links): the container would exit at start${hint ? `; did you mean ${hint}?` : ''}`,
    });
  };
  const exits = (i: number, name: string, value: string | undefined) => {
    const why = table.exits?.[name];
    if (why && (value === undefined || !FALSE.has(value))) out.push({ index: i, message: `${args[i]!.split('=')[0]}: ${version} ${why} instead of running` });
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') {
      if (table.parser === 'goflag') break; // Go's flag package stops at the first non-flag argument
      if (table.positional === 'rejected' && a !== '') out.push({ index: i, message: `${version} takes no positional arguments, got ${JSON.stringify(a)}: the command would exit (cobra Args check)` });
      continue;
    }
    const long = table.parser === 'goflag' || a.startsWith('--');
    if (long) {
      const body = a.slice(a.startsWith('--') ? 2 : 1);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const value = eq >= 0 ? body.slice(eq + 1) : undefined;
      if (name === '' || name.startsWith('-') || name.startsWith('=')) {
        out.push({ index: i, message: `bad flag syntax ${JSON.stringify(a)}: ${version} would exit at start` });
        continue;
      }
      const spec = index.get(normalizeFlag(table, name));
      if (!spec) {
        if (name === 'help' || name === 'h') exits(i, name, value);
        else unknown(i, a.slice(0, a.length - (value === undefined ? 0 : value.length + 1)), name);
        continue;
      }
      exits(i, spec.name, value);
      if (!spec.bool && value === undefined) {
        if (i + 1 >= args.length) out.push({ index: i, message: `${a} needs a value and is the last argument: ${version} would exit at start` });
        i++; // the next argument is this flag's value
      }
      continue;
    }
    // pflag: a single dash starts one or more shorthand letters
    const letter = a[1]!;
    const target = table.shorthands?.[letter];
    if (!target) {
      const name = a.slice(1).split('=')[0]!;
      const hint = index.has(normalizeFlag(table, name)) ? `; a long flag needs two dashes: --${a.slice(1)}` : '';
      out.push({ index: i, message: `${version} reads ${a.split('=')[0]} as the shorthand -${letter}, which it does not have (pflag: "unknown shorthand flag: '${letter}'"): the container would exit at start${hint}` });
      continue;
    }
    const spec = index.get(normalizeFlag(table, target));
    const rest = a.slice(2).replace(/^=/, '');
    exits(i, target, rest === '' ? undefined : rest);
    if (spec && !spec.bool && rest === '') i++;
  }
  return out;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox', 'env', 'tini', 'dumb-init']);

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export interface ArgvSource {
  field: 'command' | 'args';
  /** position in that field of the first argument after the program */
  offset: number;
  args: readonly string[];
}

export type Invocation = { kind: 'run'; parts: ArgvSource[] } | { kind: 'not-the-binary' } | { kind: 'exec-arg'; message: string };

/**
 * What the container runs, from its `command`/`args` and the image's ENTRYPOINT/CMD (Kubernetes:
 * `command` replaces ENTRYPOINT, `args` replace CMD). `run` when the table's binary receives the
 * flags; `exec-arg` when a flag would be executed as the program (an image with only a CMD and
 * `args` without `command`).
 */
export function invocation(table: FlagTable, command: readonly string[] | undefined, args: readonly string[] | undefined): Invocation {
  const binary = basename((table.entrypoint ?? table.cmd ?? [''])[0]!);
  if (command && command.length) {
    const exe = basename(command[0]!);
    if (exe !== binary || SHELLS.has(exe)) return { kind: 'not-the-binary' };
    return { kind: 'run', parts: [{ field: 'command', offset: 1, args: command.slice(1) }, { field: 'args', offset: 0, args: args ?? [] }] };
  }
  if (table.entrypoint) return { kind: 'run', parts: [{ field: 'args', offset: 0, args: args ?? [] }] };
  if (!args || !args.length) return { kind: 'run', parts: [] };
  if (basename(args[0]!) === binary) return { kind: 'run', parts: [{ field: 'args', offset: 1, args: args.slice(1) }] };
  if (args[0]!.startsWith('-')) {
    return {
      kind: 'exec-arg',
      message: `the ${table.component} image has no ENTRYPOINT (CMD ${JSON.stringify(table.cmd)}, ${table.source.repo}@${table.source.ref}), so args without command replace the CMD and the container would try to execute ${JSON.stringify(args[0])}; set command: ${JSON.stringify(table.cmd)}`,
    };
  }
  return { kind: 'not-the-binary' };
}

/**
 * The values the binary would read from `argv` (flag name as registered, normalized → values in
 * order). Without a table (a version we have none for) `--x v` is read as a value when `v` does
 * not look like a flag.
 */
export function readFlags(table: FlagTable | undefined, argv: readonly string[]): Map<string, string[]> {
  const index = table ? flagIndex(table) : undefined;
  const out = new Map<string, string[]>();
  const norm = (n: string) => (table ? normalizeFlag(table, n) : n.replaceAll('_', '-'));
  const add = (n: string, v: string) => out.set(norm(n), [...(out.get(norm(n)) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) {
      add(body.slice(0, eq), body.slice(eq + 1));
      continue;
    }
    const spec = index?.get(norm(body));
    const next = argv[i + 1];
    const takesValue = spec ? !spec.bool : next !== undefined && !next.startsWith('-') && !/^(true|false)$/.test(next);
    if (takesValue && next !== undefined) {
      add(body, next);
      i++;
    } else add(body, 'true');
  }
  return out;
}
