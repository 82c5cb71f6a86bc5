// `matryoshka schemas`: regenerate the committed schema folder from the pinned upstream inputs, check it,
// build a custom one, or show where validation looks.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DownloadError, InputError, type LoadedInput, crossCheckCrdFolder, defaultInputsDir, downloadPinnedInputs, readLocalInputs, readPinnedInputs } from '../../crd/inputs.ts';
import { SyncError, buildSchemaFolder, diffSchemaDir, verifySchemaDir, writeSchemaDir } from '../../crd/sync.ts';
import { committedSchemaDir, defaultSchemaDirs } from '../../validate/index.ts';
import { type Command, UsageError } from '../command.ts';
import { progress, style } from '../style.ts';

const usage = `Usage: matryoshka schemas sync [--inputs <dir> | --online] [--out <dir>] [--check]
       matryoshka schemas sync --crds <dir>... [--k8s <dir>] --out <dir>
       matryoshka schemas verify [<dir>]
       matryoshka schemas dirs

The strict JSON Schemas validation uses are committed in kube-schemas/ (kubeconform layout:
<group>/<kind>_<version>.json and <kind>[-<group>]-<version>.json; subschemas shared by several kinds
are stored once in _definitions.json and referenced by relative $ref). Nothing needs syncing to validate.

sync     regenerates kube-schemas/ from the pinned upstream inputs (generator/src/crd/upstream.ts): the
         CRD manifests (every served version → strict JSON Schema: additionalProperties: false unless
         x-kubernetes-preserve-unknown-fields, int-or-string, nullable), KubeVirt's OpenAPI document (the
         instancetype/preference kinds) and the strict core-kind schemas; each input is checked against its
         SHA-256 first. Writes NOTICE.md (sources, licences, input hashes) and manifest.json (every file's hash).
           --inputs <dir>  folder holding the inputs at their pinned paths (crds/…, k8s-schemas/…, upstream/…);
                           default: ../shared beside the repository, where the project's CI keeps them
           --online        download the pinned inputs from upstream instead (GitHub)
           --out <dir>     target (default kube-schemas/)
           --check         write nothing; exit 1 if the target differs from what the sync produces
         With --crds/--k8s it builds a custom folder from unpinned local files instead (--out required):
           --crds <dir>    folder of CRD manifests, searched recursively (legacy/ skipped); repeatable
           --k8s <dir>     folder of strict core-kind schemas (*.json at its top), used as they are
verify   checks a schema folder without its inputs (default kube-schemas/): every file listed in its
         manifest.json with a matching SHA-256, and the recorded inputs equal to the current pins
dirs     prints the schema directories validate searches, in order`;

export const command: Command = {
  summary: 'regenerate or verify the committed strict schemas (kube-schemas/), or show where validate looks',
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'dirs') {
      for (const d of defaultSchemaDirs()) console.log(existsSync(d) ? d : `${d} ${style.yellow('(missing)')}`);
      return 0;
    }
    if (sub === 'verify') {
      if (rest.length > 1 || rest[0]?.startsWith('-')) throw new UsageError('verify takes one optional argument: the schema folder');
      const dir = resolve(rest[0] ?? committedSchemaDir);
      const problems = verifySchemaDir(dir);
      for (const p of problems) console.error(`${style.red('✗')} ${p}`);
      if (problems.length) return 1;
      console.log(`${style.green('✓')} ${dir}: every file matches manifest.json, and it was synced from the current pins`);
      return 0;
    }
    if (sub !== 'sync') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'give a subcommand: sync, verify or dirs');
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { crds: { type: 'string', multiple: true }, k8s: { type: 'string' }, inputs: { type: 'string' }, out: { type: 'string' }, online: { type: 'boolean' }, check: { type: 'boolean' } },
      }));
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const custom = Boolean(values.crds || values.k8s);
    if (custom && (values.online || values.inputs)) throw new UsageError('--crds/--k8s build a custom folder from local files; do not combine them with --online or --inputs');
    if (values.online && values.inputs) throw new UsageError('give either --inputs <dir> or --online');
    if (custom && !values.out) throw new UsageError('a custom folder (--crds/--k8s) needs --out <dir>: kube-schemas/ holds the pinned schemas');
    const out = resolve(values.out ?? committedSchemaDir);

    let inputs: LoadedInput[];
    try {
      if (custom) {
        const crdDirs = (values.crds ?? []).map((d) => resolve(d));
        const k8sDir = values.k8s ? resolve(values.k8s) : undefined;
        for (const d of [...crdDirs, ...(k8sDir ? [k8sDir] : [])]) if (!existsSync(d)) throw new UsageError(`${d} does not exist`);
        inputs = readLocalInputs(crdDirs, k8sDir);
      } else if (values.online) {
        progress('downloading the pinned upstream inputs (generator/src/crd/upstream.ts)');
        inputs = await downloadPinnedInputs();
      } else {
        const dir = resolve(values.inputs ?? defaultInputsDir);
        if (!existsSync(dir)) {
          throw new UsageError(`${dir} does not exist: it holds the pinned upstream inputs (only needed to regenerate kube-schemas/, which is committed); pass --inputs <dir>, or --online`);
        }
        progress(`reading the pinned upstream inputs from ${dir}`);
        inputs = readPinnedInputs(dir);
        const { unpinned, differing } = crossCheckCrdFolder(dir, inputs);
        for (const d of differing) console.error(`${style.yellow('!')} ${d}`);
        if (unpinned.length) throw new SyncError(`CRD manifests in ${dir} that no pin covers (pin them, or the committed folder silently lacks them):\n  ${unpinned.join('\n  ')}`);
      }
    } catch (err) {
      if (err instanceof DownloadError || err instanceof InputError || err instanceof SyncError) {
        console.error(`${style.red('error:')} ${err.message}`);
        return 1;
      }
      throw err;
    }

    const files = buildSchemaFolder(inputs);
    const shown = relative(process.cwd(), out) || '.';
    if (values.check) {
      const diff = diffSchemaDir(out, files);
      for (const d of diff) console.error(`${style.red('✗')} ${d}`);
      if (diff.length) {
        console.error(`${shown} is not what \`matryoshka schemas sync\` produces (${diff.length} file(s)); run it without --check`);
        return 1;
      }
      console.log(`${style.green('✓')} ${shown} is up to date (${files.length} files)`);
      return 0;
    }
    try {
      writeSchemaDir(out, files);
    } catch (err) {
      if (err instanceof SyncError) throw new UsageError(err.message);
      throw err;
    }
    const schemas = files.filter((f) => f.path.endsWith('.json') && !f.path.startsWith('_') && f.path !== 'manifest.json');
    const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
    console.log(`${style.green('✓')} ${schemas.length} schemas written to ${shown} (${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB)`);
    return 0;
  },
};
