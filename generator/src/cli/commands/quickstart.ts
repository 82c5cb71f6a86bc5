import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { generateAll } from '../../generate/outputs.ts';
import { writeGenerated } from '../../generate/write.ts';
import { HELM_MAJORS, type HelmBinary, helmBinary, helmVersion } from '../../helm/binary.ts';
import { helmLint, helmTemplate } from '../../helm/run.ts';
import { managementFootprint } from '../../manifest/footprint.ts';
import { parseManifests } from '../../manifest/parse.ts';
import { chartsDir } from '../../paths.ts';
import { formatReport, validateDocs } from '../../validate/index.ts';
import { type Command, UsageError } from '../command.ts';
import { progress, style } from '../style.ts';

/** The tenant's addon chart sources belong to the management-platform chart (shared sources). */
const PLATFORM_SOURCES = ['HelmRepository/matryoshka-system/*'];

export const command: Command = {
  summary: 'the main job: generate, lint every chart with Helm 3 and 4, render and validate the default tenant',
  usage: `Usage: matryoshka quickstart

What \`npm start\` runs on a fresh clone: regenerates the charts' derived files, runs
\`helm lint --strict\` on every chart with both pinned Helm majors, renders the default tenant
(release tenant-a in namespace tenant-a) with both majors, validates every object (strict schemas
and wiring) and prints what the tenant creates and what it asks of the management cluster.
Ends with the \`helm install\` line for the default tenant, spelled so that it works as printed
from where you ran \`npm start\` (the pinned helm by its path; any Helm 3.17+ or 4 works too).
Exit codes: 0 all green, 1 a lint, render or validation failed, 2 usage error.`,
  async run(argv) {
    if (argv.length) throw new UsageError(`quickstart takes no arguments, got "${argv[0]}"`);
    progress('generate');
    const changed = writeGenerated(await generateAll());
    console.log(`${style.green('✓')} generate: ${changed.length} file(s) changed`);
    const charts = readdirSync(chartsDir).filter((c) => existsSync(join(chartsDir, c, 'Chart.yaml'))).sort();
    let failed = false;
    for (const major of HELM_MAJORS) {
      const version = await helmVersion(helmBinary(major));
      for (const chart of charts) {
        progress(`helm ${major} lint --strict charts/${chart}`);
        const r = await helmLint(join(chartsDir, chart), { major });
        console.log(`${r.ok ? style.green('✓') : style.red('✗')} helm lint --strict charts/${chart} (${version})`);
        if (!r.ok) {
          failed = true;
          console.log(r.output);
        }
      }
    }
    let last: ReturnType<typeof parseManifests> = [];
    for (const major of HELM_MAJORS) {
      progress(`helm ${major} template tenant-a charts/kubernetes | matryoshka validate`);
      last = parseManifests(await helmTemplate({ chartDir: join(chartsDir, 'kubernetes'), releaseName: 'tenant-a', namespace: 'tenant-a', major }));
      const report = validateDocs(last, { namespace: 'tenant-a', external: PLATFORM_SOURCES });
      console.log(`${report.ok ? style.green('✓') : style.red('✗')} default tenant with Helm ${major}: ${last.length} objects, ${report.errors.length} validation error(s)`);
      if (!report.ok) {
        failed = true;
        console.log(formatReport(report));
      }
    }
    const byKind = new Map<string, number>();
    for (const d of last) byKind.set(`${d.object.kind} (${d.object.apiVersion})`, (byKind.get(`${d.object.kind} (${d.object.apiVersion})`) ?? 0) + 1);
    console.log('\nThe default tenant creates, in its management namespace:');
    for (const [kind, n] of [...byKind].sort()) console.log(`  ${String(n).padStart(3)}  ${kind}`);
    const fp = managementFootprint(last.map((d) => d.object));
    const gib = (b: number) => (b / 2 ** 30).toFixed(2);
    console.log(
      `\nIt requests ${fp.cpuCores.toFixed(2)} CPU and ${gib(fp.memoryBytes)} GiB on the management cluster: ` +
        `${fp.control.cpuCores.toFixed(2)} CPU / ${gib(fp.control.memoryBytes)} GiB for its control plane and helpers, ` +
        `${fp.workers.cpuCores.toFixed(2)} CPU / ${gib(fp.workers.memoryBytes)} GiB for its worker VMs (as KubeVirt requests them):`,
    );
    for (const p of fp.parts) console.log(`  ${p.object.padEnd(42)} ${String(Math.round(p.cpuCores * 1000)).padStart(5)}m  ${String(Math.round(p.memoryBytes / 2 ** 20)).padStart(5)}Mi`);
    if (failed) {
      console.log(`\n${style.red('✗')} not ready: fix the problems above, then run \`npm start\` again`);
      return 1;
    }
    console.log(`\nNext (any Helm 3.17+ or 4; this is the pinned one): ${installHint(helmBinary())}`);
    return 0;
  },
};

/**
 * The `helm install` of the default tenant, runnable as printed from the user's shell: npm runs
 * scripts in the package root, but INIT_CWD is where `npm start` was typed.
 */
export function installHint(helm: HelmBinary, cwd = process.env.INIT_CWD ?? process.cwd()): string {
  // below the shell's folder: ./relative, else absolute
  const fromCwd = (p: string) => {
    const r = relative(cwd, p);
    return r === '' || r.startsWith('..') || isAbsolute(r) ? p : `./${r}`;
  };
  // a bare command name (HELM_BIN=helm) is looked up on PATH; a path is made relative to the shell
  const bin = helm.path.includes('/') ? fromCwd(helm.path) : helm.path;
  return `${bin} install tenant-a ${fromCwd(join(chartsDir, 'kubernetes'))} -n tenant-a --create-namespace`;
}
