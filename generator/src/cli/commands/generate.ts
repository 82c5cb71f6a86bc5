import { generateAll } from '../../generate/outputs.ts';
import { staleFiles, writeGenerated } from '../../generate/write.ts';
import { type Command, UsageError } from '../command.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { style } from '../style.ts';

export const command: Command = {
  summary: 'regenerate values.schema.json, values.yaml, READMEs, types and catalog templates from schemas/',
  usage: `Usage: matryoshka generate [--check]

Derives every generated file from schemas/: each chart's values.schema.json, values.yaml,
README.md parameter table, catalog-driven templates, and the TypeScript values types.

Options:
  --check   write nothing; exit 1 and list the files that are stale (for CI)

Exit codes: 0 generated (or up to date), 1 stale files (--check) or failure, 2 usage error.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { check: { type: 'boolean' } } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const files = await generateAll();
    if (values.check) {
      const stale = staleFiles(files);
      if (stale.length === 0) {
        console.log(`${style.green('✓')} ${files.length} generated files are up to date`);
        return 0;
      }
      console.error(`${style.red('✗')} stale generated files (run \`npm run generate\`):`);
      for (const f of stale) console.error(`  ${f}`);
      return 1;
    }
    const changed = writeGenerated(files);
    console.log(`${style.green('✓')} generated ${files.length} files, ${changed.length} changed`);
    for (const f of changed) console.log(`  ${f}`);
    return 0;
  },
};
