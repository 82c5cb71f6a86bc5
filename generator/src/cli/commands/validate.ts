// `matryoshka validate`: strict schema validation + wiring linter over rendered manifests.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ManifestDoc, ManifestParseError, parseManifests } from '../../manifest/parse.ts';
import { ExternalRefError, WIRING_RULES, defaultSchemaDirs, formatIssue, formatSummary, parseAllowList, parseExternalList, parseExternalRef, reportJson, validateDocs } from '../../validate/index.ts';
import { type Command, UsageError } from '../command.ts';
import { style } from '../style.ts';

const usage = `Usage: matryoshka validate [options] <file|dir|-> [<file|dir|-> ...]

Validates rendered Kubernetes manifests (e.g. \`helm template … | matryoshka validate -\`):
every object against the strict JSON Schema of its apiVersion/kind, then the wiring linter
across all inputs together (so \`validate platform.yaml tenant.yaml\` resolves cross-chart refs).
A directory stands for every *.yaml, *.yml and *.json file below it.
One line per problem: <Kind>/<ns>/<name> (<template>) <json path>: <message> [<rule>]

Options:
  -n, --namespace <ns>     namespace of namespaced objects without one (helm's --namespace; default "default")
  --schemas <dir>          schema directory in kubeconform layout; repeatable; replaces the default
                           (default: $MATRYOSHKA_SCHEMA_DIRS, else the committed kube-schemas/ folder)
  --allow-kind <kind>      accept a kind that has no schema: Kind, group/Kind or group/version/Kind; repeatable
  --allow-file <file>      allow-listed kinds, one per line
  --external <ref>         an object that exists outside the input: [group/]Kind/namespace/name or Kind/name
                           (\`*\` matches any name/namespace); repeatable
  --external-file <file>   external objects, one per line
  --disable-rule <id>      skip a wiring rule; repeatable (see --list-rules)
  --no-wiring              schemas only
  --allow-empty            accept input with no objects (by default that fails: a failed
                           \`helm template\` upstream of a pipe must not pass as valid)
  --list-rules             print the wiring rules and exit
  --format <text|json>     output format (default text)

Exit code: 0 valid, 1 problems found (or unreadable input), 2 usage error.`;

export interface ValidateIo {
  readStdin(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const processIo: ValidateIo = { readStdin, out: (t) => console.log(t), err: (t) => console.error(t) };

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** The input files a positional stands for: the file itself, or every manifest file below a directory. */
function expandInput(input: string): string[] {
  let st;
  try {
    st = statSync(input);
  } catch {
    return [input]; // readText reports it
  }
  if (!st.isDirectory()) return [input];
  return readdirSync(input, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? expandInput(join(input, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(input, e.name)] : []));
}

/** The command with its I/O injectable (tests pass stdin text and capture output). */
export async function runValidate(argv: string[], io: ValidateIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        namespace: { type: 'string', short: 'n' },
        schemas: { type: 'string', multiple: true },
        'allow-kind': { type: 'string', multiple: true },
        'allow-file': { type: 'string', multiple: true },
        external: { type: 'string', multiple: true },
        'external-file': { type: 'string', multiple: true },
        'disable-rule': { type: 'string', multiple: true },
        'no-wiring': { type: 'boolean' },
        'allow-empty': { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        format: { type: 'string', default: 'text' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values: v, positionals } = parsed;
  if (v['list-rules']) {
    for (const r of WIRING_RULES) io.out(`${r.id.padEnd(24)} ${r.description}`);
    return 0;
  }
  if (v.format !== 'text' && v.format !== 'json') throw new UsageError(`--format must be text or json, not "${v.format}"`);
  if (positionals.length === 0) throw new UsageError('give at least one file, or - for stdin');
  const known = new Set(WIRING_RULES.map((r) => r.id));
  for (const id of v['disable-rule'] ?? []) if (!known.has(id)) throw new UsageError(`unknown rule "${id}" (known: ${[...known].join(', ')})`);

  let external;
  try {
    external = [...(v.external ?? []).map(parseExternalRef), ...(v['external-file'] ?? []).flatMap((f) => parseExternalList(readText(f, 'external file')))];
  } catch (err) {
    if (err instanceof ExternalRefError) throw new UsageError(err.message);
    throw err;
  }
  const allowKinds = [...(v['allow-kind'] ?? []), ...(v['allow-file'] ?? []).flatMap((f) => parseAllowList(readText(f, 'allow-list file')))];

  const docs: ManifestDoc[] = [];
  let stdinUsed = false;
  for (const input of positionals.flatMap((p) => (p === '-' ? [p] : expandInput(p)))) {
    let text: string;
    if (input === '-') {
      if (stdinUsed) throw new UsageError('stdin (-) can be read only once');
      stdinUsed = true;
      text = await io.readStdin();
    } else {
      text = readText(input, 'input file');
    }
    const name = input === '-' ? '<stdin>' : input;
    try {
      docs.push(...parseManifests(text, name, name));
    } catch (err) {
      if (err instanceof ManifestParseError) {
        io.err(`${style.red('error:')} ${input === '-' ? '<stdin>' : input}: ${err.message}`);
        return 1;
      }
      throw err;
    }
  }

  if (docs.length === 0 && !v['allow-empty']) {
    io.err(`${style.red('error:')} no Kubernetes objects in ${positionals.map((p) => (p === '-' ? '<stdin>' : p)).join(', ')} (did the render fail? pass --allow-empty if this is expected)`);
    return 1;
  }
  const report = validateDocs(docs, {
    namespace: v.namespace,
    schemaDirs: v.schemas?.length ? v.schemas : defaultSchemaDirs(),
    allowKinds,
    external,
    wiring: !v['no-wiring'],
    disableRules: v['disable-rule'],
  });
  if (v.format === 'json') io.out(reportJson(report));
  else {
    for (const e of report.errors) io.out(formatIssue(e, style));
    io.out(formatSummary(report, style));
  }
  return report.ok ? 0 : 1;
}

export const command: Command = {
  summary: 'validate rendered manifests: strict schemas of every kind + cross-object wiring linter',
  usage,
  run: (argv) => runValidate(argv),
};
