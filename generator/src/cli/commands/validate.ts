// `matryoshka validate`: strict schema validation + wiring linter over rendered manifests.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ManifestDoc, ManifestParseError, parseManifests } from '../../manifest/parse.ts';
import { isObject } from '../../util/json.ts';
import { isAllowListed, kindLabel } from '../../validate/allow-list.ts';
import { CLUSTER_SCOPED_KINDS, ExternalRefError, type ValidationIssue, type ValidationReport, WIRING_RULES, defaultSchemaDirs, formatIssue, formatSummary, parseAllowList, parseExternalList, parseExternalRef, reportJson, validateDocs } from '../../validate/index.ts';
import { type JunitObject, reportJunit } from '../../validate/report.ts';
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
  --skip-kind <kind>       leave objects of this kind out entirely (not checked, not part of the wiring),
                           e.g. kustomize's Kustomization: Kind, group/Kind or group/version/Kind; repeatable
  --disable-rule <id>      skip a wiring rule; repeatable (see --list-rules)
  --no-wiring              schemas only
  --allow-empty            accept input with no objects (by default that fails: a failed
                           \`helm template\` upstream of a pipe must not pass as valid)
  --list-rules             print the wiring rules and exit
  --format <text|json|junit>
                           output format (default text); junit is JUnit XML for CI test reports
                           (one test case per object, a failure per object with problems)

A document without apiVersion/kind (a values file in a folder of manifests) is reported with its
file and position: validate reads rendered manifests only.

Exit codes: 0 valid, 1 problems found (or an input file cannot be read), 2 usage error.`;

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

/** An input file that cannot be read: a failure (exit 1), not a usage error. */
class InputError extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

const FORMATS = ['text', 'json', 'junit'];

function isKubernetesObject(d: ManifestDoc): boolean {
  const o: unknown = d.object;
  return isObject(o) && typeof o.apiVersion === 'string' && o.apiVersion !== '' && typeof o.kind === 'string' && o.kind !== '';
}

/** A document that is no Kubernetes object, named by its file and position (it has no kind or name to go by). */
function notKubernetes(d: ManifestDoc): ValidationIssue {
  return {
    object: `document ${d.index + 1}`,
    apiVersion: '',
    kind: '',
    source: d.source,
    ...(d.file ? { file: d.file } : {}),
    path: '.',
    rule: 'not-kubernetes',
    message: 'not a Kubernetes object (no apiVersion/kind); validate reads rendered manifests — leave values files and other YAML out of the input',
  };
}

/** `Kind/namespace/name` as the validator names objects (namespace defaulted unless cluster-scoped). */
function junitObjects(docs: readonly ManifestDoc[], namespace: string): JunitObject[] {
  const clusterScoped = new Set(CLUSTER_SCOPED_KINDS);
  for (const d of docs) {
    const spec = (d.object as { spec?: { scope?: unknown; names?: { kind?: unknown } } }).spec;
    if (d.object.kind === 'CustomResourceDefinition' && spec?.scope === 'Cluster' && typeof spec.names?.kind === 'string') clusterScoped.add(spec.names.kind);
  }
  return docs.map((d) => {
    const ns = clusterScoped.has(d.object.kind) ? '' : (d.object.metadata?.namespace ?? namespace);
    const name = typeof d.object.metadata?.name === 'string' ? d.object.metadata.name : '';
    return { object: `${d.object.kind}/${ns ? `${ns}/` : ''}${name || '<unnamed>'}`, source: d.source };
  });
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
        'skip-kind': { type: 'string', multiple: true },
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
  if (!FORMATS.includes(v.format!)) throw new UsageError(`--format must be text, json or junit, not "${v.format}"`);
  if (positionals.length === 0) throw new UsageError('give at least one file, or - for stdin');
  const known = new Set(WIRING_RULES.map((r) => r.id));
  for (const id of v['disable-rule'] ?? []) if (!known.has(id)) throw new UsageError(`unknown rule "${id}" (known: ${[...known].join(', ')})`);

  try {
    return await validateInputs(v, positionals, io);
  } catch (err) {
    if (err instanceof InputError) {
      io.err(`${style.red('error:')} ${err.message}`);
      return 1;
    }
    throw err;
  }
}

type ValidateValues = {
  namespace?: string;
  schemas?: string[];
  'allow-kind'?: string[];
  'allow-file'?: string[];
  external?: string[];
  'external-file'?: string[];
  'disable-rule'?: string[];
  'skip-kind'?: string[];
  'no-wiring'?: boolean;
  'allow-empty'?: boolean;
  format?: string;
};

async function validateInputs(v: ValidateValues, positionals: string[], io: ValidateIo): Promise<number> {
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

  const skipKinds = v['skip-kind'] ?? [];
  const notObjects = docs.filter((d) => !isKubernetesObject(d));
  const skipped = docs.filter((d) => isKubernetesObject(d) && isAllowListed(skipKinds, d.object.apiVersion, d.object.kind));
  const checked = docs.filter((d) => isKubernetesObject(d) && !skipped.includes(d));

  if (docs.length - skipped.length === 0 && !v['allow-empty']) {
    io.err(`${style.red('error:')} no Kubernetes objects${skipped.length ? ` left after --skip-kind` : ''} in ${positionals.map((p) => (p === '-' ? '<stdin>' : p)).join(', ')} (did the render fail? pass --allow-empty if this is expected)`);
    return 1;
  }
  const validated = validateDocs(checked, {
    namespace: v.namespace,
    schemaDirs: v.schemas?.length ? v.schemas : defaultSchemaDirs(),
    allowKinds,
    external,
    wiring: !v['no-wiring'],
    disableRules: v['disable-rule'],
  });
  const problems = notObjects.map(notKubernetes);
  const report: ValidationReport = { ...validated, ok: validated.ok && problems.length === 0, objects: validated.objects + notObjects.length, errors: [...problems, ...validated.errors] };
  const skippedKinds = [...new Set(skipped.map((d) => kindLabel(d.object.apiVersion, d.object.kind)))].sort();
  if (v.format === 'json') {
    io.out(skipped.length ? reportJson({ ...report, skipped: { objects: skipped.length, kinds: skippedKinds } } as ValidationReport) : reportJson(report));
  } else if (v.format === 'junit') {
    const ns = v.namespace ?? 'default';
    const objects = [...notObjects.map((d) => ({ object: `document ${d.index + 1}`, source: d.source })), ...junitObjects(checked, ns)];
    io.out(reportJunit(report, objects, junitObjects(skipped, ns)));
  } else {
    for (const e of report.errors) io.out(formatIssue(e, style));
    if (skipped.length) io.out(style.dim(`skipped ${skipped.length} object(s) of kind(s) ${skippedKinds.join(', ')} (--skip-kind)`));
    io.out(formatSummary(report, style));
  }
  return report.ok ? 0 : 1;
}

export const command: Command = {
  summary: 'validate rendered manifests: strict schemas of every kind + cross-object wiring linter',
  usage,
  run: (argv) => runValidate(argv),
};
