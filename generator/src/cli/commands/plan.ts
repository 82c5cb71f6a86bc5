import { progress, style } from '../style.ts';
import { formatPlan, planJson, rollSummary } from '../../plan/format.ts';
import { planChanges } from '../../plan/plan.ts';
import { RenderError, renderRelease } from '../../render/render.ts';
import { checkChartArg } from '../chart-arg.ts';
import { type Command, UsageError } from '../command.ts';
import { chooseRelease } from '../release-name.ts';
import { HELM_TEMPLATE_OPTIONS, parseCommandArgs, parseHelmMajor } from '../parse-args.ts';

export const command: Command = {
  summary: 'what an upgrade does: objects added/removed/changed, templates replaced, node groups that roll',
  usage: `Usage: matryoshka plan --from OLD.yaml --to NEW.yaml [--chart NAME|PATH|REF] [options]

Renders the chart with the old and with the new values file and compares the objects, so you
know what \`helm upgrade\` will do before running it:
  - objects to add, remove and change (each changed field, with old → new for single values);
  - immutable templates (KubevirtMachineTemplate, KubeadmConfigTemplate, named
    <release>-<group>-<hash>) that are replaced by a new one;
  - node groups that will roll: MachineDeployments whose machine template changes, so Cluster
    API replaces every machine of the group. A resize (replicas, autoscaler min/max) rolls nothing.

Options:
  --from FILE            values file of the running release (repeatable; later files win)
  --to FILE              values file of the upgrade (repeatable)
  --chart NAME|PATH|REF  chart to render (default kubernetes from this repository); --to-chart
                         renders the new side from another chart (a chart upgrade)
  --to-chart NAME|PATH|REF
  --version V            chart version for repo/chart or oci:// references
  --release NAME         release name (default: the first --to file's name, e.g. tenant-a.yaml →
                         tenant-a; a file name that is no release name is an error)
  -n, --namespace NS     namespace (default: the release name)
  --helm 3|4             helm major to render with (default 4, or MATRYOSHKA_HELM_MAJOR)
  -a, --api-versions API an API the target cluster serves, as for helm template (repeatable)
  --format text|json     output format (default text)
  --fail-on-roll         exit 1 when any node group would roll (a CI gate for "no surprise rollouts")

Exit codes: 0 plan computed; 1 a render failed, an immutable template would change in place
(the upgrade would be rejected), or --fail-on-roll and a group rolls; 2 usage error.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string', multiple: true },
        to: { type: 'string', multiple: true },
        ...HELM_TEMPLATE_OPTIONS,
        'to-chart': { type: 'string' },
        format: { type: 'string', default: 'text' },
        'fail-on-roll': { type: 'boolean' },
      },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.from?.length || !values.to?.length) throw new UsageError('give both --from and --to values files');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const major = parseHelmMajor(values.helm);
    checkChartArg(values.chart);
    checkChartArg(values['to-chart'], '--to-chart');
    const { release } = chooseRelease(values.release, values.to[0], '--to');
    const common = { release, namespace: values.namespace, major, version: values.version, apiVersions: values['api-versions'] };
    let before;
    let after;
    try {
      progress(`render ${values.from.join(', ')}`);
      before = await renderRelease({ ...common, chart: values.chart, valuesFiles: values.from });
      progress(`render ${values.to.join(', ')}`);
      after = await renderRelease({ ...common, chart: values['to-chart'] ?? values.chart, valuesFiles: values.to });
    } catch (err) {
      if (err instanceof RenderError) {
        console.error(`${style.red('error:')} helm could not render:\n${err.message}`);
        return 1;
      }
      throw err;
    }
    const plan = planChanges(before.docs, after.docs, { namespace: after.namespace, release: after.release });
    const sides = { from: before.docs, to: after.docs, namespace: after.namespace };
    console.log(values.format === 'json' ? planJson(plan, sides) : formatPlan(plan, style, sides));
    let failed = false;
    if (plan.immutableUpdates.length) {
      console.error(`${style.red('error:')} ${plan.immutableUpdates.length} immutable template(s) would change under the same name; the API server rejects that upgrade: ${plan.immutableUpdates.map((c) => c.ref).join(', ')}`);
      failed = true;
    }
    if (values['fail-on-roll'] && plan.rolling.length) {
      console.error(`${style.red('error:')} --fail-on-roll: ${plan.rolling.length} node group(s) would roll (every machine replaced): ${rollSummary(plan, sides)}`);
      failed = true;
    }
    return failed ? 1 : 0;
  },
};
