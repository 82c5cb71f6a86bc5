import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultInputsDir } from '../../crd/inputs.ts';
import { generateAll } from '../../generate/outputs.ts';
import { orphanedFiles, removeOrphans, staleFiles, writeGenerated } from '../../generate/write.ts';
import { type Command, UsageError } from '../command.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { progress, style } from '../style.ts';

export const command: Command = {
  summary: 'regenerate values.schema.json, values.yaml, READMEs, types and catalog templates from schemas/',
  usage: `Usage: matryoshka generate [--check] [--inputs <dir>]

Derives every generated file from schemas/: each chart's values.schema.json, values.yaml,
README.md parameter table, catalog-driven templates, and the TypeScript values types; and the
charts packaged from upstream release manifests (kubevirt-operator, cdi-operator), from the copy
of each manifest committed under schemas/<chart>/upstream/.

Options:
  --check         write nothing; exit 1 and list the files that are stale or orphaned (generated
                  files the generator no longer produces, which generate deletes) (for CI)
  --inputs <dir>  reference inputs holding upstream/<name>-v<version>/<manifest>: the charts packaged
                  from upstream are regenerated from the newest version there, and its copy is
                  committed (a version bump). Default: the project's reference data folder beside the
                  repository when it exists; without one, the committed copies are used.

Exit codes: 0 generated (or up to date), 1 stale files (--check) or failure, 2 usage error.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { check: { type: 'boolean' }, inputs: { type: 'string' } } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const inputsDir = values.inputs !== undefined ? resolve(values.inputs) : existsSync(join(defaultInputsDir, 'upstream')) ? defaultInputsDir : undefined;
    if (inputsDir && !existsSync(inputsDir)) throw new UsageError(`--inputs ${values.inputs}: ${inputsDir} does not exist`);
    if (inputsDir) progress(`upstream release manifests: from ${inputsDir}`);
    const files = await generateAll({ inputsDir });
    if (values.check) {
      const stale = staleFiles(files);
      const orphans = orphanedFiles(files);
      if (stale.length === 0 && orphans.length === 0) {
        console.log(`${style.green('✓')} ${files.length} generated files are up to date`);
        return 0;
      }
      if (stale.length) console.error(`${style.red('✗')} stale generated files (run \`npm run generate\`):`);
      for (const f of stale) console.error(`  ${f}`);
      if (orphans.length) console.error(`${style.red('✗')} generated files the generator no longer produces (\`npm run generate\` deletes them):`);
      for (const f of orphans) console.error(`  ${f}`);
      return 1;
    }
    const changed = writeGenerated(files);
    const removed = removeOrphans(files);
    console.log(`${style.green('✓')} generated ${files.length} files, ${changed.length} changed${removed.length ? `, ${removed.length} orphaned removed` : ''}`);
    for (const f of changed) console.log(`  ${f}`);
    for (const f of removed) console.log(`  removed ${f}`);
    return 0;
  },
};
