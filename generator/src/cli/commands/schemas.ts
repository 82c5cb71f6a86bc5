// `matryoshka schemas`: build the schema directory validation uses, or show where schemas come from.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SyncTargetError, coreSchemasFromDir, schemasFromCrdDirs, schemasFromUpstream, writeSchemaDir } from '../../crd/sync.ts';
import { defaultSchemaDirs, sharedDir, syncedSchemaDir } from '../../validate/index.ts';
import { type Command, UsageError } from '../command.ts';
import { progress, style } from '../style.ts';

const usage = `Usage: matryoshka schemas sync [--crds <dir>]... [--k8s <dir>] [--out <dir>] [--online]
       matryoshka schemas dirs

sync   builds a schema directory in kubeconform layout for \`matryoshka validate\`:
       CRD manifests converted to strict JSON Schema (<group>/<kind>_<version>.json; additionalProperties:
       false unless x-kubernetes-preserve-unknown-fields, int-or-string, nullable) plus the strict
       core-kind schemas (<kind>[-<group>]-<version>.json). Versions under legacy/ folders are skipped.
         --crds <dir>   folder of CRD manifests, searched recursively; repeatable (default ../shared/crds)
         --k8s <dir>    folder of strict core-kind schemas, copied (default ../shared/k8s-schemas)
         --online       download the pinned upstream files instead (generator/src/crd/upstream.ts),
                        each checked against its SHA-256
         --out <dir>    target (default .cache/schemas, which validate then searches first)
dirs   prints the schema directories validate searches, in order`;

export const command: Command = {
  summary: 'build the strict schema directory validation uses (CRDs → JSON Schema, core kinds), or show it',
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'dirs') {
      const dirs = defaultSchemaDirs();
      if (!dirs.length) console.log(style.yellow('no schema directories found; run `matryoshka schemas sync` or set MATRYOSHKA_SCHEMA_DIRS'));
      for (const d of dirs) console.log(d);
      return 0;
    }
    if (sub !== 'sync') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'give a subcommand: sync or dirs');
    let values;
    try {
      ({ values } = parseArgs({ args: rest, options: { crds: { type: 'string', multiple: true }, k8s: { type: 'string' }, out: { type: 'string' }, online: { type: 'boolean' } } }));
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const out = resolve(values.out ?? syncedSchemaDir);
    let files;
    let sources: string[];
    if (values.online) {
      if (values.crds || values.k8s) throw new UsageError('--online downloads the pinned files; do not combine it with --crds/--k8s');
      progress('downloading pinned upstream CRDs and core schemas');
      files = await schemasFromUpstream();
      sources = ['pinned upstream files (generator/src/crd/upstream.ts)'];
    } else {
      const crdDirs = (values.crds ?? [join(sharedDir, 'crds')]).map((d) => resolve(d));
      const k8sDir = resolve(values.k8s ?? join(sharedDir, 'k8s-schemas'));
      for (const d of [...crdDirs, k8sDir]) if (!existsSync(d)) throw new UsageError(`${d} does not exist (pass --crds/--k8s, or --online)`);
      progress(`converting CRDs from ${crdDirs.join(', ')}`);
      files = [...schemasFromCrdDirs(crdDirs), ...coreSchemasFromDir(k8sDir)];
      sources = [...crdDirs, k8sDir];
    }
    try {
      writeSchemaDir(out, files, sources);
    } catch (err) {
      if (err instanceof SyncTargetError) throw new UsageError(err.message);
      throw err;
    }
    const crdCount = files.filter((f) => f.path.includes('/')).length;
    console.log(`${style.green('✓')} ${files.length} schemas written to ${out} (${crdCount} from CRDs, ${files.length - crdCount} core kinds)`);
    return 0;
  },
};
