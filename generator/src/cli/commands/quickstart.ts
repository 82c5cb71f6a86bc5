import { join } from 'node:path';
import { generateAll } from '../../generate/outputs.ts';
import { writeGenerated } from '../../generate/write.ts';
import { HELM_MAJORS, helmBinary, helmVersion } from '../../helm/binary.ts';
import { helmLint, helmTemplate } from '../../helm/run.ts';
import { parseManifests } from '../../manifest/parse.ts';
import { chartsDir } from '../../paths.ts';
import type { Command } from '../command.ts';
import { progress, style } from '../style.ts';

const CHARTS = ['kubernetes', 'management-platform'];

export const command: Command = {
  summary: 'the main job: generate, lint both charts with Helm 3 and 4, render the default tenant, summarize',
  usage: `Usage: matryoshka quickstart

What \`npm start\` runs on a fresh clone: regenerates the charts' derived files, runs
\`helm lint --strict\` on every chart with both pinned Helm majors, renders the default tenant
(release tenant-a in namespace tenant-a) and prints what it would create.`,
  async run() {
    progress('generate');
    const changed = writeGenerated(await generateAll());
    console.log(`${style.green('✓')} generate: ${changed.length} file(s) changed`);
    let failed = false;
    for (const major of HELM_MAJORS) {
      const version = await helmVersion(helmBinary(major));
      for (const chart of CHARTS) {
        progress(`helm ${major} lint --strict charts/${chart}`);
        const r = await helmLint(join(chartsDir, chart), { major });
        console.log(`${r.ok ? style.green('✓') : style.red('✗')} helm lint --strict charts/${chart} (${version})`);
        if (!r.ok) {
          failed = true;
          console.log(r.output);
        }
      }
    }
    for (const major of HELM_MAJORS) {
      progress(`helm ${major} template tenant-a charts/kubernetes`);
      const docs = parseManifests(await helmTemplate({ chartDir: join(chartsDir, 'kubernetes'), releaseName: 'tenant-a', namespace: 'tenant-a', major }));
      const byKind = new Map<string, number>();
      for (const d of docs) byKind.set(`${d.object.kind} (${d.object.apiVersion})`, (byKind.get(`${d.object.kind} (${d.object.apiVersion})`) ?? 0) + 1);
      console.log(`${style.green('✓')} default tenant rendered with Helm ${major}: ${docs.length} objects`);
      if (major === HELM_MAJORS[HELM_MAJORS.length - 1]) {
        for (const [kind, n] of [...byKind].sort()) console.log(`    ${String(n).padStart(3)}  ${kind}`);
      }
    }
    return failed ? 1 : 0;
  },
};
