// Cluster API object references resolve: Cluster → control plane / infrastructure;
// MachineDeployment / MachineSet / Machine → bootstrap config (template), infrastructure
// (template) and their Cluster. v1beta2 refs are {apiGroup, kind, name} in the referrer's
// namespace; v1beta1 refs {apiVersion, kind, name, namespace} are understood too.
import { splitApiVersion } from '../schema-registry.ts';
import type { IndexedDoc } from '../types.ts';
import { type Report, type WiringContext, get, record, str, wiringRule } from '../wiring.ts';

const CAPI = 'cluster.x-k8s.io';

function checkRef(ctx: WiringContext, doc: IndexedDoc, path: string, what: string, report: Report): void {
  const ref = record(get(doc.object, path));
  if (!ref) return;
  const kind = str(ref.kind);
  const name = str(ref.name);
  if (!kind || !name) return report(doc, path, `${what} needs kind and name`);
  const group = str(ref.apiGroup) ?? (str(ref.apiVersion) ? splitApiVersion(ref.apiVersion as string).group : undefined);
  const namespace = str(ref.namespace) ?? doc.namespace;
  if (ctx.resolve(kind, namespace, name, group)) return;
  const sameName = ctx.find(kind, namespace, name);
  const hint = sameName ? ` (a ${kind} ${name} exists, but in API group ${sameName.group}, not ${group})` : '';
  report(doc, `${path}.name`, `${what} ${group ? `${group}/` : ''}${kind} ${namespace}/${name} is not in the render and not declared external${hint}`);
}

function checkClusterName(ctx: WiringContext, doc: IndexedDoc, report: Report): void {
  const cluster = str(get(doc.object, 'spec.clusterName'));
  if (!cluster) return;
  if (ctx.resolve('Cluster', doc.namespace, cluster, CAPI)) return;
  report(doc, 'spec.clusterName', `Cluster ${doc.namespace}/${cluster} is not in the render and not declared external`);
}

/** A managed-topology Cluster names its ClusterClass: v1beta2 `topology.classRef {name, namespace?}`, v1beta1 `topology.class`. */
function checkClassRef(ctx: WiringContext, doc: IndexedDoc, report: Report): void {
  const ref = record(get(doc.object, 'spec.topology.classRef'));
  const name = str(ref?.name) ?? str(get(doc.object, 'spec.topology.class'));
  if (!name) return;
  const namespace = str(ref?.namespace) ?? str(get(doc.object, 'spec.topology.classNamespace')) ?? doc.namespace;
  if (ctx.resolve('ClusterClass', namespace, name, CAPI)) return;
  report(doc, ref ? 'spec.topology.classRef.name' : 'spec.topology.class', `ClusterClass ${namespace}/${name} is not in the render and not declared external`);
}

export const clusterRefs = wiringRule({
  id: 'cluster-refs',
  description: 'Cluster.spec.controlPlaneRef, infrastructureRef and topology.classRef resolve to objects in the render (or declared external)',
  check(ctx, report) {
    for (const d of ctx.ofKind('Cluster', CAPI)) {
      checkRef(ctx, d, 'spec.controlPlaneRef', 'control plane', report);
      checkRef(ctx, d, 'spec.infrastructureRef', 'infrastructure cluster', report);
      checkClassRef(ctx, d, report);
    }
  },
});

export const machineRefs = wiringRule({
  id: 'machine-refs',
  description: 'MachineDeployments, MachineSets and Machines reference an existing bootstrap config (template), infrastructure (template) and Cluster',
  check(ctx, report) {
    for (const [kind, spec] of [['MachineDeployment', 'spec.template.spec'], ['MachineSet', 'spec.template.spec'], ['Machine', 'spec']] as const) {
      for (const d of ctx.ofKind(kind, CAPI)) {
        checkRef(ctx, d, `${spec}.bootstrap.configRef`, 'bootstrap config', report);
        checkRef(ctx, d, `${spec}.infrastructureRef`, 'infrastructure', report);
        checkClusterName(ctx, d, report);
        const machineCluster = str(get(d.object, `${spec}.clusterName`));
        const cluster = str(get(d.object, 'spec.clusterName'));
        if (spec !== 'spec' && machineCluster && cluster && machineCluster !== cluster) {
          report(d, `${spec}.clusterName`, `machine template names Cluster "${machineCluster}" but spec.clusterName is "${cluster}"`);
        }
      }
    }
    for (const d of ctx.ofKind('MachineHealthCheck', CAPI)) checkClusterName(ctx, d, report);
  },
});
