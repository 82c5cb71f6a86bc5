import { rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatIssue, formatSummary } from '../../validate/index.ts';
import { ExternalRefError, parseExternalRef } from '../../validate/index.ts';
import { RenderError, renderRelease, validateRender } from '../../render/render.ts';
import { checkChartArg } from '../chart-arg.ts';
import { type Command, UsageError } from '../command.ts';
import { dirWriteProblem } from '../output-dir.ts';
import { chooseRelease } from '../release-name.ts';
import { HELM_TEMPLATE_OPTIONS, parseCommandArgs, parseHelmMajor } from '../parse-args.ts';
import { progress, style } from '../style.ts';

export const command: Command = {
  summary: 'render a tenant from your values file (helm template) and validate every object',
  usage: `Usage: matryoshka render -f VALUES.yaml [-f MORE.yaml] [--chart NAME|PATH|REF] [options]

Runs \`helm template\` with your values files, then validates the result: every object against
the strict JSON Schema of its kind, and the wiring between objects (refs, selectors, Flux
sources, kubeconfig Secret names). The manifests go to stdout (or --output); problems and
progress go to stderr, one line per problem naming the object and the field.

Options:
  -f, --values FILE      values file (repeatable; later files win)
  --set KEY=VALUE        a single value, as for helm (repeatable)
  --chart NAME|PATH|REF  kubernetes (default) or another chart of this repository (kubernetes,
                         management-platform, …), a chart folder or .tgz, repo/chart, or
                         oci://registry/path/chart
  --version V            chart version for repo/chart or oci:// references
  --release NAME         release name = tenant cluster name (default: the first values file's
                         name, e.g. tenant-a.yaml → tenant-a; a file name that is no release name,
                         such as Acme_Prod.yaml, is an error; tenant-a without values files)
  -n, --namespace NS     namespace (default: the release name)
  --helm 3|4             helm major to render with (default 4, or MATRYOSHKA_HELM_MAJOR)
  -a, --api-versions API an API the target cluster serves, as for helm template (repeatable; e.g. the
                         management-platform chart's preflight wants helm.toolkit.fluxcd.io/v2)
  -o, --output FILE      write the manifests to FILE instead of stdout (its folder is created);
                         only when the render is valid: a failed run leaves no FILE behind
  --external REF         an object that exists outside this render, e.g. the chart sources the
                         management-platform chart creates: 'HelmRepository/matryoshka-system/*'
                         (repeatable; see \`matryoshka validate --help\`)
  --allow-kind KIND      accept a kind without a schema (repeatable)
  --no-validate          render only
  --quiet                no manifests on stdout (validate only)

Exit codes: 0 rendered and valid, 1 helm failed or validation found problems, 2 usage error.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        values: { type: 'string', short: 'f', multiple: true },
        set: { type: 'string', multiple: true },
        ...HELM_TEMPLATE_OPTIONS,
        output: { type: 'string', short: 'o' },
        external: { type: 'string', multiple: true },
        'allow-kind': { type: 'string', multiple: true },
        'no-validate': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
      },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (values files go after -f)`);
    const major = parseHelmMajor(values.helm);
    checkChartArg(values.chart);
    const { release, fromFile } = chooseRelease(values.release, values.values?.[0]);
    let external;
    try {
      external = (values.external ?? []).map(parseExternalRef);
    } catch (err) {
      if (err instanceof ExternalRefError) throw new UsageError(err.message);
      throw err;
    }
    if (values.output) prepareOutput(values.output);
    let result;
    try {
      progress(`helm template ${release} ${values.chart ?? 'kubernetes'}${values.values?.length ? ` -f ${values.values.join(' -f ')}` : ''}`);
      result = await renderRelease({
        chart: values.chart,
        version: values.version,
        valuesFiles: values.values,
        set: values.set,
        release,
        namespace: values.namespace,
        apiVersions: values['api-versions'],
        major,
      });
    } catch (err) {
      if (err instanceof RenderError) {
        console.error(`${style.red('error:')} helm could not render the chart:\n${err.message}`);
        if (values.output) discardOutput(values.output, 'helm could not render');
        if (fromFile && err.message.includes(`"${release}"`)) console.error(`(release "${release}" is the name of ${fromFile}; pass --release NAME to choose another)`);
        return 1;
      }
      throw err;
    }
    if (!values['no-validate']) progress(`validate ${result.docs.length} object(s)`);
    const report = values['no-validate'] ? undefined : validateRender(result, { external, allowKinds: values['allow-kind'] });
    if (report) {
      for (const e of report.errors) console.error(formatIssue(e, style));
      console.error(formatSummary(report, style));
    }
    // a manifest file is written only when it is valid (or unchecked): a file left behind by a
    // failed run would be applied by the next step of a pipeline that ignores the exit code
    if (values.output) {
      if (report && !report.ok) {
        discardOutput(values.output, 'validation failed; --no-validate writes unchecked manifests');
        return 1;
      }
      writeFileSync(values.output, result.text);
    } else if (!values.quiet) process.stdout.write(result.text);
    if (!report) {
      console.error(`${style.green('✓')} rendered ${result.docs.length} object(s) as release ${result.release} in namespace ${result.namespace}`);
      return 0;
    }
    return report.ok ? 0 : 1;
  },
};

/** -o FILE: its folder is created and probed up front, so an unwritable path fails before helm runs. */
function prepareOutput(file: string): void {
  const problem = dirWriteProblem(dirname(resolve(file)));
  if (problem) throw new Error(`cannot write --output ${file}: ${problem}`);
}

/** A failed run leaves no manifest at -o FILE (an older one from an earlier run is removed too). */
function discardOutput(file: string, why: string): void {
  let existed = false;
  try {
    rmSync(file);
    existed = true;
  } catch {
    // nothing there
  }
  console.error(`${style.red('✗')} ${file} ${existed ? 'removed' : 'not written'} (${why})`);
}
