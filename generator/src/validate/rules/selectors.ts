// Selectors select something: a controller's selector matches its own pod/machine template labels,
// and a MachineHealthCheck selects the machines of at least one MachineDeployment/MachineSet of its cluster.
import { type LabelSelector, describeSelector, selectorMatches } from '../selector.ts';
import { get, record, str, wiringRule } from '../wiring.ts';

const TEMPLATED: [group: string, kind: string][] = [
  ['cluster.x-k8s.io', 'MachineDeployment'],
  ['cluster.x-k8s.io', 'MachineSet'],
  ['apps', 'Deployment'],
  ['apps', 'ReplicaSet'],
  ['apps', 'StatefulSet'],
  ['apps', 'DaemonSet'],
];

export const selectorMatchesTemplate = wiringRule({
  id: 'selector-template',
  description: 'the selector of a MachineDeployment/MachineSet/Deployment/ReplicaSet/StatefulSet/DaemonSet matches its template labels',
  check(ctx, report) {
    for (const [group, kind] of TEMPLATED) {
      for (const d of ctx.ofKind(kind, group)) {
        const selector = record(get(d.object, 'spec.selector')) as LabelSelector | undefined;
        if (!selector) continue; // a missing selector is the schema's business
        const labels = record(get(d.object, 'spec.template.metadata.labels'));
        if (!selectorMatches(selector, labels)) {
          report(d, 'spec.selector', `selector ${describeSelector(selector)} does not match the template labels (spec.template.metadata.labels: ${describeSelector({ matchLabels: (labels ?? {}) as Record<string, string> })})`);
        }
      }
    }
  },
});

export const healthCheckSelects = wiringRule({
  id: 'healthcheck-selector',
  description: "a MachineHealthCheck's selector matches the machine template labels of at least one MachineDeployment or MachineSet of the same cluster",
  check(ctx, report) {
    for (const d of ctx.ofKind('MachineHealthCheck', 'cluster.x-k8s.io')) {
      const selector = (record(get(d.object, 'spec.selector')) ?? {}) as LabelSelector;
      const cluster = str(get(d.object, 'spec.clusterName'));
      const candidates = [...ctx.inNamespace('MachineDeployment', d.namespace, 'cluster.x-k8s.io'), ...ctx.inNamespace('MachineSet', d.namespace, 'cluster.x-k8s.io')].filter(
        (m) => str(get(m.object, 'spec.clusterName')) === cluster,
      );
      // machines of an external cluster are not ours to judge
      if (cluster && !ctx.find('Cluster', d.namespace, cluster) && candidates.length === 0) continue;
      if (candidates.some((m) => selectorMatches(selector, record(get(m.object, 'spec.template.metadata.labels'))))) continue;
      report(
        d,
        'spec.selector',
        `selector ${describeSelector(selector)} matches no machines: none of the ${candidates.length} MachineDeployment/MachineSet(s) of Cluster ${cluster ?? '<unset>'} in ${d.namespace} has matching spec.template.metadata.labels`,
      );
    }
  },
});
