// Cluster-autoscaler (clusterapi provider) node-group annotations: both bounds, integers, min ≤ max,
// and no spec.replicas next to them (an emitted replicas value fights the autoscaler on every upgrade).
import { childPath } from '../schema-check.ts';
import { get, record, wiringRule } from '../wiring.ts';

export const MIN_SIZE = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size';
export const MAX_SIZE = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size';

export const autoscalerBounds = wiringRule({
  id: 'autoscaler',
  description: 'autoscaler min/max-size annotations come as a pair of non-negative integers with min ≤ max, and spec.replicas is omitted',
  check(ctx, report) {
    for (const kind of ['MachineDeployment', 'MachineSet', 'MachinePool']) {
      for (const d of ctx.ofKind(kind)) {
        const ann = record(get(d.object, 'metadata.annotations')) ?? {};
        const hasMin = MIN_SIZE in ann;
        const hasMax = MAX_SIZE in ann;
        if (!hasMin && !hasMax) continue;
        const at = (k: string) => childPath('metadata.annotations', k);
        if (hasMin !== hasMax) {
          report(d, at(hasMin ? MAX_SIZE : MIN_SIZE), `the autoscaler needs both ${MIN_SIZE} and ${MAX_SIZE}; only ${hasMin ? 'min' : 'max'} is set`);
          continue;
        }
        const parse = (k: string): number | undefined => {
          const v = String(ann[k]);
          if (/^\d+$/.test(v)) return Number(v);
          report(d, at(k), `must be a non-negative integer, got ${JSON.stringify(ann[k])}`);
          return undefined;
        };
        const min = parse(MIN_SIZE);
        const max = parse(MAX_SIZE);
        if (min !== undefined && max !== undefined && min > max) {
          report(d, at(MIN_SIZE), `min size ${min} is greater than max size ${max}`);
        }
        if (get(d.object, 'spec.replicas') !== undefined && get(d.object, 'spec.replicas') !== null) {
          report(d, 'spec.replicas', 'omit spec.replicas when the autoscaler owns the group (min/max annotations are set): a rendered value resets the autoscaler on every upgrade');
        }
      }
    }
  },
});
