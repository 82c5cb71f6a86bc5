import { progress, style } from '../style.ts';
import { formatPlan, planJson } from '../../plan/format.ts';
import { planChanges } from '../../plan/plan.ts';
import { RenderError, releaseFromValuesFile, renderRelease } from '../../render/render.ts';
import { type Command, UsageError } from '../command.ts';
import { parseCommandArgs, parseHelmMajor } from '../parse-args.ts';

export const command: Command = {
  summary: 'what an upgrade does: objects added/removed/changed, templates replaced, node groups that roll',
  usage: `Usage: matryoshka plan --from OLD.yaml --to NEW.yaml [--chart NAME|PATH|REF] [options]

Renders the chart with the old and with the new values file and compares the objects, so you
know what \`helm upgrade\` will do before running it:
  - objects to add, remove and change (with the fields that change);
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
  --release NAME         release name (default: the --to file's name, e.g. tenant-a.yaml → tenant-a)
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
        chart: { type: 'string' },
        'to-chart': { type: 'string' },
        version: { type: 'string' },
        release: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        helm: { type: 'string' },
        'api-versions': { type: 'string', short: 'a', multiple: true },
        format: { type: 'string', default: 'text' },
        'fail-on-roll': { type: 'boolean' },
      },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.from?.length || !values.to?.length) throw new UsageError('give both --from and --to values files');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const major = parseHelmMajor(values.helm);
    const release = values.release ?? releaseFromValuesFile(values.to[0]) ?? releaseFromValuesFile(values.from[0]);
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
    console.log(values.format === 'json' ? planJson(plan) : formatPlan(plan, style));
    if (plan.immutableUpdates.length) return 1;
    return values['fail-on-roll'] && plan.rolling.length ? 1 : 0;
  },
};
