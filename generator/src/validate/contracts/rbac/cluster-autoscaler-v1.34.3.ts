// kubernetes/autoscaler cluster-autoscaler-1.34.3, clusterapi provider: what it asks of the
// management cluster. cluster-autoscaler/cloudprovider/clusterapi/clusterapi_provider.go
// BuildClusterAPI: the management client is --cloud-config, else (without
// --clusterapi-cloud-config-authoritative) --kubeconfig, else in-cluster (the service account).
// clusterapi_controller.go newMachineController: dynamic informers (list/watch) on
// machinedeployments, machinesets, machinepools (when served) and machines, restricted to the
// namespace of the first --node-group-auto-discovery=clusterapi:namespace=… spec
// (clusterapi_autodiscovery.go namespaceToWatch), else every namespace; getInfrastructureResource
// starts an informer on each group's infrastructure template kind and waits for it to sync (it never
// does without list/watch). clusterapi_unstructured.go: the scale subresource (get, patch) and
// machines get/update to mark machines for deletion. Upstream example RBAC:
// cluster-autoscaler/cloudprovider/clusterapi/examples/deployment.yaml.
import { MAX_SIZE, MIN_SIZE } from '../../rules/autoscaler.ts';
import { get, record, str } from '../../wiring.ts';
import { flagValues } from './flag-values.ts';
import type { ApiCall, ComponentFacts, ContainerInput, RbacContract } from './types.ts';

const CAPI = 'cluster.x-k8s.io';
const CTRL = 'cluster-autoscaler/cloudprovider/clusterapi/clusterapi_controller.go';
const UNSTR = 'cluster-autoscaler/cloudprovider/clusterapi/clusterapi_unstructured.go';

const informer = (resource: string, when?: string): ApiCall => ({
  group: CAPI,
  resource,
  verbs: ['list', 'watch'],
  scope: 'namespace',
  ...(when ? { when } : {}),
  file: `${CTRL} newMachineController`,
  why: `the provider keeps an informer on ${resource} to find node groups and their machines`,
});

const scale = (owner: string, when?: string): ApiCall => ({
  group: CAPI,
  resource: `${owner}/scale`,
  verbs: ['get', 'patch'],
  scope: 'namespace',
  ...(when ? { when } : {}),
  file: `${UNSTR} Replicas/SetSize`,
  why: `node group size is read and changed through the ${owner} scale subresource`,
});

const calls: ApiCall[] = [
  informer('machinedeployments'),
  informer('machinesets'),
  informer('machinepools', 'machinePools'),
  informer('machines'),
  scale('machinedeployments'),
  scale('machinesets'),
  scale('machinepools', 'machinePools'),
  {
    group: CAPI,
    resource: 'machines',
    verbs: ['get', 'update'],
    scope: 'namespace',
    file: `${UNSTR} MarkMachineForDeletion/UnmarkMachineForDeletion`,
    why: 'scale-down annotates the machine it removes (cluster.x-k8s.io/delete-machine)',
  },
];

/** `clusterapi:namespace=a,clusterName=b` → { namespace, clusterName } */
function discoverySpecs(values: readonly string[]): { namespace?: string; clusterName?: string }[] {
  return values
    .filter((v) => v.startsWith('clusterapi:'))
    .map((v) => Object.fromEntries(v.slice('clusterapi:'.length).split(',').map((kv) => kv.split('=', 2) as [string, string]).filter(([k]) => k === 'namespace' || k === 'clusterName')));
}

function facts(input: ContainerInput): ComponentFacts | { skip: string } {
  const flags = flagValues(input);
  const last = (n: string) => flags.get(n)?.at(-1);
  if (last('cloud-provider') !== 'clusterapi') return { skip: 'not the clusterapi cloud provider' };
  if (last('cloud-config')) return { skip: '--cloud-config names the management kubeconfig: the service account is not used' };
  const authoritative = last('clusterapi-cloud-config-authoritative');
  if (!(authoritative !== undefined && !/^(false|0|f)$/i.test(authoritative)) && last('kubeconfig')) {
    return { skip: 'without --cloud-config or --clusterapi-cloud-config-authoritative the management client is --kubeconfig' };
  }
  const ns = discoverySpecs(flags.get('node-group-auto-discovery') ?? []).find((s) => s.namespace)?.namespace;
  return {
    namespace: ns,
    namespaceFrom: ns ? '--node-group-auto-discovery clusterapi:namespace=…' : 'no clusterapi:namespace= discovery spec: every namespace',
    facts: { machinePools: true },
    because: { machinePools: "Cluster API's core provider serves MachinePools (the provider starts the informer when discovery lists them)" },
  };
}

/** Infrastructure template kinds of the autoscaled MachineDeployments the provider sees. */
function templateCalls(input: ContainerInput, f: ComponentFacts): ApiCall[] {
  const flags = flagValues(input);
  const clusterNames = discoverySpecs(flags.get('node-group-auto-discovery') ?? []).map((s) => s.clusterName).filter((c): c is string => !!c);
  const mds = f.namespace === undefined ? input.ctx.ofKind('MachineDeployment', CAPI) : input.ctx.inNamespace('MachineDeployment', f.namespace, CAPI);
  const seen = new Map<string, ApiCall>();
  for (const md of mds) {
    const ann = record(get(md.object, 'metadata.annotations')) ?? {};
    if (!(MIN_SIZE in ann) || !(MAX_SIZE in ann)) continue;
    if (clusterNames.length && !clusterNames.includes(str(get(md.object, 'spec.clusterName')) ?? '')) continue;
    const ref = record(get(md.object, 'spec.template.spec.infrastructureRef')) ?? {};
    const kind = str(ref.kind);
    const group = str(ref.apiGroup) ?? str(ref.apiVersion)?.split('/')[0];
    if (!kind || !group) continue;
    const resource = `${kind.toLowerCase()}s`; // clusterapi_unstructured.go readInfrastructureReferenceResource: lower-case kind + "s"
    seen.set(`${group}/${resource}`, {
      group,
      resource,
      verbs: ['list', 'watch'],
      scope: 'namespace',
      file: `${CTRL} getInfrastructureResource`,
      why: `node templates of autoscaled groups (MachineDeployment ${md.name}) come from their ${kind}: the provider starts an informer on it and waits for it to sync, forever when it cannot list`,
    });
  }
  return [...seen.values()];
}

export const clusterAutoscalerV1343: RbacContract = {
  component: 'cluster-autoscaler (clusterapi)',
  repository: 'autoscaling/cluster-autoscaler',
  tags: { exact: ['v1.34.3'] },
  source: { repo: 'kubernetes/autoscaler', ref: 'cluster-autoscaler-1.34.3', rbac: 'cluster-autoscaler/cloudprovider/clusterapi/examples/deployment.yaml' },
  calls,
  facts,
  extraCalls: templateCalls,
};
