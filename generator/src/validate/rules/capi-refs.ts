// Cluster API object references resolve: Cluster → control plane / infrastructure;
// MachineDeployment / MachineSet / Machine → bootstrap config (template), infrastructure
// (template) and their Cluster. v1beta2 refs are {apiGroup, kind, name} in the referrer's
// namespace; v1beta1 refs {apiVersion, kind, name, namespace} are understood too.
import { splitApiVersion } from '../schema-registry.ts';
import type { IndexedDoc, ValidationIssue } from '../types.ts';
import { type WiringContext, type WiringRule, get, record, str } from '../wiring.ts';

const CAPI = 'cluster.x-k8s.io';

function checkRef(ctx: WiringContext, doc: IndexedDoc, path: string, rule: string, what: string): ValidationIssue[] {
  const ref = record(get(doc.object, path));
  if (!ref) return [];
  const kind = str(ref.kind);
  const name = str(ref.name);
  if (!kind || !name) return [ctx.issue(doc, path, rule, `${what} needs kind and name`)];
  const group = str(ref.apiGroup) ?? (str(ref.apiVersion) ? splitApiVersion(ref.apiVersion as string).group : undefined);
  const namespace = str(ref.namespace) ?? doc.namespace;
  if (ctx.resolve(kind, namespace, name, group)) return [];
  const sameName = ctx.find(kind, namespace, name);
  const hint = sameName ? ` (a ${kind} ${name} exists, but in API group ${sameName.group}, not ${group})` : '';
  return [ctx.issue(doc, `${path}.name`, rule, `${what} ${group ? `${group}/` : ''}${kind} ${namespace}/${name} is not in the render and not declared external${hint}`)];
}

function checkClusterName(ctx: WiringContext, doc: IndexedDoc, rule: string): ValidationIssue[] {
  const cluster = str(get(doc.object, 'spec.clusterName'));
  if (!cluster) return [];
  if (ctx.resolve('Cluster', doc.namespace, cluster, CAPI)) return [];
  return [ctx.issue(doc, 'spec.clusterName', rule, `Cluster ${doc.namespace}/${cluster} is not in the render and not declared external`)];
}

/** A managed-topology Cluster names its ClusterClass: v1beta2 `topology.classRef {name, namespace?}`, v1beta1 `topology.class`. */
function checkClassRef(ctx: WiringContext, doc: IndexedDoc): ValidationIssue[] {
  const ref = record(get(doc.object, 'spec.topology.classRef'));
  const name = str(ref?.name) ?? str(get(doc.object, 'spec.topology.class'));
  if (!name) return [];
  const namespace = str(ref?.namespace) ?? str(get(doc.object, 'spec.topology.classNamespace')) ?? doc.namespace;
  if (ctx.resolve('ClusterClass', namespace, name, CAPI)) return [];
  return [ctx.issue(doc, ref ? 'spec.topology.classRef.name' : 'spec.topology.class', 'cluster-refs', `ClusterClass ${namespace}/${name} is not in the render and not declared external`)];
}

export const clusterRefs: WiringRule = {
  id: 'cluster-refs',
  description: 'Cluster.spec.controlPlaneRef, infrastructureRef and topology.classRef resolve to objects in the render (or declared external)',
  check(ctx) {
    return ctx.ofKind('Cluster', CAPI).flatMap((d) => [
      ...checkRef(ctx, d, 'spec.controlPlaneRef', 'cluster-refs', 'control plane'),
      ...checkRef(ctx, d, 'spec.infrastructureRef', 'cluster-refs', 'infrastructure cluster'),
      ...checkClassRef(ctx, d),
    ]);
  },
};

export const machineRefs: WiringRule = {
  id: 'machine-refs',
  description: 'MachineDeployments, MachineSets and Machines reference an existing bootstrap config (template), infrastructure (template) and Cluster',
  check(ctx) {
    const out: ValidationIssue[] = [];
    for (const [kind, spec] of [['MachineDeployment', 'spec.template.spec'], ['MachineSet', 'spec.template.spec'], ['Machine', 'spec']] as const) {
      for (const d of ctx.ofKind(kind, CAPI)) {
        out.push(...checkRef(ctx, d, `${spec}.bootstrap.configRef`, 'machine-refs', 'bootstrap config'));
        out.push(...checkRef(ctx, d, `${spec}.infrastructureRef`, 'machine-refs', 'infrastructure'));
        out.push(...checkClusterName(ctx, d, 'machine-refs'));
        const machineCluster = str(get(d.object, `${spec}.clusterName`));
        const cluster = str(get(d.object, 'spec.clusterName'));
        if (spec !== 'spec' && machineCluster && cluster && machineCluster !== cluster) {
          out.push(ctx.issue(d, `${spec}.clusterName`, 'machine-refs', `machine template names Cluster "${machineCluster}" but spec.clusterName is "${cluster}"`));
        }
      }
    }
    for (const d of ctx.ofKind('MachineHealthCheck', CAPI)) out.push(...checkClusterName(ctx, d, 'machine-refs'));
    return out;
  },
};
