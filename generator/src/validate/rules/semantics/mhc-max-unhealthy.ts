// A MachineHealthCheck whose unhealthyLessThanOrEqualTo rounds down to zero for the smallest size of
// the groups it watches never remediates there: Cluster API v1.14.0
// core/reconcilers/machinehealthcheck/machinehealthcheck_controller.go getMaxUnhealthy scales the
// value by the expected machines with intstr.GetScaledValueFromIntOrPercent(…, roundUp=false) and
// isAllowedRemediation allows remediation only while unhealthy ≤ that (one unhealthy machine > 0).
// The smallest size of a selected MachineDeployment is its autoscaler min-size annotation, else
// spec.replicas (default 1), at least 1 (a group at zero has nothing to remediate). v1beta1's
// spec.maxUnhealthy is read the same way; unhealthyInRange (spec.unhealthyRange) is not judged.
import { type LabelSelector, selectorMatches } from '../../selector.ts';
import { get, record, str, wiringRule } from '../../wiring.ts';
import { MIN_SIZE } from '../autoscaler.ts';

const CAPI = 'cluster.x-k8s.io';
export const RULE = 'mhc-max-unhealthy';

function minSize(md: Record<string, unknown>): { size: number; from: string } {
  const ann = record(get(md, 'metadata.annotations')) ?? {};
  const min = ann[MIN_SIZE];
  if (min !== undefined && /^\d+$/.test(String(min))) return { size: Math.max(1, Number(min)), from: `autoscaler min size ${min}` };
  const replicas = get(md, 'spec.replicas');
  if (typeof replicas === 'number') return { size: Math.max(1, replicas), from: `${replicas} replicas` };
  return { size: 1, from: 'replicas unset (default 1)' };
}

export const mhcMaxUnhealthy = wiringRule({
  id: RULE,
  description:
    'a MachineHealthCheck unhealthyLessThanOrEqualTo (v1beta1 maxUnhealthy) does not round down to 0 for the smallest size of the MachineDeployments it selects (Cluster API v1.14.0 core/reconcilers/machinehealthcheck getMaxUnhealthy, rounded down)',
  check(ctx, report) {
    for (const d of ctx.ofKind('MachineHealthCheck', CAPI)) {
      const v1beta1 = d.version === 'v1beta1';
      const path = v1beta1 ? 'spec.maxUnhealthy' : 'spec.remediation.triggerIf.unhealthyLessThanOrEqualTo';
      if (get(d.object, v1beta1 ? 'spec.unhealthyRange' : 'spec.remediation.triggerIf.unhealthyInRange') !== undefined) continue;
      const value = get(d.object, path);
      if (value === undefined || value === null) continue; // default 100%
      const selector = (record(get(d.object, 'spec.selector')) ?? {}) as LabelSelector;
      const cluster = str(get(d.object, 'spec.clusterName'));
      const selected = ctx
        .inNamespace('MachineDeployment', d.namespace, CAPI)
        .filter((m) => str(get(m.object, 'spec.clusterName')) === cluster && selectorMatches(selector, record(get(m.object, 'spec.template.metadata.labels'))));
      if (!selected.length) continue; // healthcheck-selector reports that
      const sizes = selected.map((m) => ({ name: m.name, ...minSize(m.object as Record<string, unknown>) }));
      const total = sizes.reduce((n, s) => n + s.size, 0);
      let scaled: number;
      let shown: string;
      if (typeof value === 'number' && Number.isInteger(value)) {
        scaled = value;
        shown = String(value);
      } else {
        const m = /^(\d+)%$/.exec(String(value));
        if (!m) continue; // not an int-or-percent: the schema's business
        scaled = Math.floor((Number(m[1]) * total) / 100);
        shown = `"${value}"`;
      }
      if (scaled > 0) continue;
      const groups = sizes.map((s) => `MachineDeployment ${s.name}: ${s.from}`).join('; ');
      const needed = `${Math.ceil(100 / total)}%`;
      report(
        d,
        path,
        `${shown} of ${total} expected machine(s) (${groups}) rounds down to 0 (Cluster API v1.14.0 machinehealthcheck_controller.go getMaxUnhealthy, roundUp=false): one unhealthy machine already exceeds it, so these machines are never remediated; use at least ${needed} or an absolute number ≥ 1`,
      );
    }
  },
});
