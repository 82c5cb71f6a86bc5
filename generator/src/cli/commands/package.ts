import { resolve } from 'node:path';
import { listCharts, packageCharts } from '../../package/build.ts';
import { pushChart, parseOciRef } from '../../package/push.ts';
import { UsageError, type Command } from '../command.ts';
import { dirWriteProblem } from '../output-dir.ts';
import { parseCommandArgs, parseHelmMajor } from '../parse-args.ts';
import { progress, style } from '../style.ts';

export const command: Command = {
  summary: 'build a Helm chart repository (reproducible .tgz + index.yaml) and optionally push to OCI',
  usage: `Usage: matryoshka package [--out DIR] [--base-url URL] [--chart NAME]... [--push oci://HOST/PATH] [--plain-http]

Packages every chart under charts/ into DIR as <name>-<version>.tgz and writes index.yaml over
every archive in DIR (earlier versions already there stay listed), so DIR can be served as a
Helm chart repository (helm repo add, Flux HelmRepository).
Archives are reproducible: the same sources give byte-identical files. Timestamps come from
SOURCE_DATE_EPOCH, else the last git commit that touched the chart.

Options:
  --out DIR          repository folder (default dist/charts)
  --base-url URL     absolute URL DIR is served from, used in index.yaml (default: relative urls)
  --chart NAME       package only this chart (repeatable; default: all)
  --push REF         also push every archive to an OCI registry, e.g. oci://ghcr.io/acme/charts
                     (charts land at REF/<name>:<version>; log in first with \`helm registry login\`)
  --plain-http       use HTTP, not HTTPS, for --push (a loopback or in-cluster registry)
  --helm 3|4         helm major that packages and pushes (default 4, or MATRYOSHKA_HELM_MAJOR)

Exit codes: 0 packaged (and pushed), 1 packaging or push failed (or DIR is not writable, checked
before anything is built), 2 usage error.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'dist/charts' },
        'base-url': { type: 'string' },
        chart: { type: 'string', multiple: true },
        push: { type: 'string' },
        'plain-http': { type: 'boolean' },
        helm: { type: 'string' },
      },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const major = parseHelmMajor(values.helm);
    if (values.push) {
      try {
        parseOciRef(values.push);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
    if (values['base-url'] && !/^https?:\/\//.test(values['base-url'])) {
      throw new UsageError(`--base-url must be an absolute http(s) URL, got "${values['base-url']}"`);
    }
    if (values.chart) {
      const known = listCharts();
      const unknown = values.chart.filter((c) => !known.includes(c));
      if (unknown.length) throw new UsageError(`unknown chart "${unknown[0]}"; charts: ${known.join(', ')}`);
    }
    const outDir = resolve(values.out!);
    const unwritable = dirWriteProblem(outDir);
    if (unwritable) {
      console.error(`${style.red('error:')} cannot write the chart repository to --out ${values.out}: ${unwritable}; choose a writable folder`);
      return 1;
    }
    const result = await packageCharts({ outDir, baseUrl: values['base-url'], charts: values.chart, major, onProgress: progress });
    for (const c of result.charts) console.log(`${style.green('✓')} ${c.file}`);
    console.log(`${style.green('✓')} ${result.indexPath} (${result.indexed.length} archive(s))`);
    if (values.push) {
      for (const c of result.charts) {
        progress(`helm push ${c.file} ${values.push}`);
        const pushed = await pushChart(c.path, { ref: values.push, plainHttp: values['plain-http'], major });
        console.log(`${style.green('✓')} pushed ${pushed.ref} ${style.dim(pushed.digest)}`);
      }
    }
    return 0;
  },
};

