import { writeFileSync } from 'node:fs';
import { formatIssue, formatSummary } from '../../validate/index.ts';
import { ExternalRefError, parseExternalRef } from '../../validate/index.ts';
import { RenderError, renderRelease, validateRender } from '../../render/render.ts';
import { type Command, UsageError } from '../command.ts';
import { parseCommandArgs, parseHelmMajor } from '../parse-args.ts';
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
  --chart NAME|PATH|REF  kubernetes (default) or another chart of this repository, a chart folder
                         or .tgz, repo/chart, or oci://registry/path/chart
  --version V            chart version for repo/chart or oci:// references
  --release NAME         release name = tenant cluster name (default: the first values file's
                         name, e.g. tenant-a.yaml → tenant-a)
  -n, --namespace NS     namespace (default: the release name)
  --helm 3|4             helm major to render with (default 4, or MATRYOSHKA_HELM_MAJOR)
  -a, --api-versions API an API the target cluster serves, as for helm template (repeatable; e.g. the
                         management-platform chart's preflight wants helm.toolkit.fluxcd.io/v2)
  -o, --output FILE      write the manifests to FILE instead of stdout
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
        chart: { type: 'string' },
        version: { type: 'string' },
        release: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        helm: { type: 'string' },
        'api-versions': { type: 'string', short: 'a', multiple: true },
        output: { type: 'string', short: 'o' },
        external: { type: 'string', multiple: true },
        'allow-kind': { type: 'string', multiple: true },
        'no-validate': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
      },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (values files go after -f)`);
    const major = parseHelmMajor(values.helm);
    let external;
    try {
      external = (values.external ?? []).map(parseExternalRef);
    } catch (err) {
      if (err instanceof ExternalRefError) throw new UsageError(err.message);
      throw err;
    }
    let result;
    try {
      progress(`helm template ${values.chart ?? 'kubernetes'}${values.values?.length ? ` -f ${values.values.join(' -f ')}` : ''}`);
      result = await renderRelease({
        chart: values.chart,
        version: values.version,
        valuesFiles: values.values,
        set: values.set,
        release: values.release,
        namespace: values.namespace,
        apiVersions: values['api-versions'],
        major,
      });
    } catch (err) {
      if (err instanceof RenderError) {
        console.error(`${style.red('error:')} helm could not render the chart:\n${err.message}`);
        return 1;
      }
      throw err;
    }
    if (values.output) writeFileSync(values.output, result.text);
    else if (!values.quiet) process.stdout.write(result.text);
    if (values['no-validate']) {
      console.error(`${style.green('✓')} rendered ${result.docs.length} object(s) as release ${result.release} in namespace ${result.namespace}`);
      return 0;
    }
    progress(`validate ${result.docs.length} object(s)`);
    const report = validateRender(result, { external, allowKinds: values['allow-kind'] });
    for (const e of report.errors) console.error(formatIssue(e, style));
    console.error(formatSummary(report, style));
    return report.ok ? 0 : 1;
  },
};
