// kubevirt/cloud-provider-kubevirt v0.5.1: what the KubeVirt CCM asks of the infra (management)
// cluster through its in-cluster service account. Source at the tag: pkg/provider/cloud.go (the
// cloud-config and its defaults: loadBalancer.enabled, instancesV2.enabled and
// instancesV2.zoneAndRegionEnabled all default to true; `kubeconfig` switches the infra client to
// that kubeconfig; `namespace` is where everything happens), pkg/provider/instances_v2.go,
// pkg/provider/instances_getter.go, pkg/provider/loadbalancer.go (controller-runtime client.New,
// no cache: direct get/list/create/update/delete), and the vendored k8s.io/apiserver v0.27.3
// server/options/authentication.go (delegated authentication reads kube-system's
// extension-apiserver-authentication ConfigMap through the in-cluster config unless the lookup
// is skipped). Upstream RBAC: config/rbac/kccm_role.yaml, kccm_cluster_role.yaml, kccm_role_binding.yaml.
import { parse } from 'yaml';
import { record, str } from '../../wiring.ts';
import { mountedFile } from './mounted-file.ts';
import type { ApiCall, ComponentFacts, ContainerInput, RbacContract } from './types.ts';
import { flagValues } from './flag-values.ts';

const calls: ApiCall[] = [
  {
    group: 'kubevirt.io',
    resource: 'virtualmachineinstances',
    verbs: ['get'],
    scope: 'namespace',
    when: 'instancesV2',
    file: 'pkg/provider/instances_getter.go InstanceByVMIName.Get',
    why: 'InstanceExists, InstanceShutdown and InstanceMetadata read the VMI behind each tenant node (cloud-config instancesV2.enabled)',
  },
  {
    group: 'kubevirt.io',
    resource: 'virtualmachineinstances',
    verbs: ['list'],
    scope: 'namespace',
    when: 'instancesV2',
    file: 'pkg/provider/instances_getter.go InstanceByVMIHostname.Get',
    why: 'InstanceMetadata lists VMIs by hostname label for nodes without the instance-id label (cloud-config instancesV2.enabled)',
  },
  {
    group: '',
    resource: 'nodes',
    verbs: ['get'],
    scope: 'cluster',
    when: 'zoneAndRegion',
    file: 'pkg/provider/instances_v2.go getRegionAndZone',
    why: "InstanceMetadata reads the management cluster's Node a VMI runs on for its zone/region labels (cloud-config instancesV2.zoneAndRegionEnabled; upstream binds config/rbac/kccm_cluster_role.yaml for it); without it tenant nodes keep the uninitialized taint",
  },
  {
    group: '',
    resource: 'services',
    verbs: ['get', 'create', 'update', 'delete'],
    scope: 'namespace',
    when: 'loadBalancer',
    file: 'pkg/provider/loadbalancer.go EnsureLoadBalancer/UpdateLoadBalancer/EnsureLoadBalancerDeleted',
    why: 'each tenant LoadBalancer Service becomes a Service in the infra namespace (cloud-config loadBalancer.enabled)',
  },
  {
    group: '',
    resource: 'configmaps',
    verbs: ['get', 'list', 'watch'],
    scope: { namespace: 'kube-system' },
    name: 'extension-apiserver-authentication',
    when: 'authenticationLookup',
    file: 'vendor/k8s.io/apiserver/pkg/server/options/authentication.go DelegatingAuthenticationOptions.ApplyTo',
    why: 'delegated authentication looks up the request-header CA in kube-system/extension-apiserver-authentication through the in-cluster config and exits when it cannot (no --authentication-skip-lookup, --requestheader-client-ca-file or --authentication-tolerate-lookup-failure; upstream binds extension-apiserver-authentication-reader in config/rbac/kccm_role_binding.yaml)',
  },
];

const bool = (v: unknown, def: boolean) => (typeof v === 'boolean' ? v : def);
const TRUE = (v: string | undefined) => v !== undefined && !/^(false|0|f)$/i.test(v);

function facts(input: ContainerInput): ComponentFacts | { skip: string } {
  const flags = flagValues(input);
  const last = (n: string) => flags.get(n)?.at(-1);
  const facts: Record<string, boolean> = {};
  const because: Record<string, string> = {};
  // apiserver options: the lookup needs no request-header CA file, and a remote kubeconfig is not the service account
  const lookup = !TRUE(last('authentication-skip-lookup')) && !last('requestheader-client-ca-file') && !last('authentication-kubeconfig') && !TRUE(last('authentication-tolerate-lookup-failure'));
  facts.authenticationLookup = lookup;
  if (lookup) because.authenticationLookup = 'none of --authentication-skip-lookup, --requestheader-client-ca-file, --authentication-kubeconfig, --authentication-tolerate-lookup-failure is set';

  const configPath = last('cloud-config');
  const file = configPath ? mountedFile(input, configPath) : undefined;
  if (!file) {
    return { namespace: input.doc.namespace, namespaceFrom: 'unknown (cloud-config not in the input)', facts, because };
  }
  let config: Record<string, unknown>;
  try {
    config = record(parse(file.text)) ?? {};
  } catch {
    return { namespace: input.doc.namespace, namespaceFrom: 'unknown (cloud-config does not parse)', facts, because };
  }
  if (str(config.kubeconfig)) return { skip: `the cloud-config (${file.from}) sets kubeconfig: the infra client does not use the service account` };
  const iv2 = record(config.instancesV2) ?? {};
  const lb = record(config.loadBalancer) ?? {};
  facts.instancesV2 = bool(iv2.enabled, true);
  facts.zoneAndRegion = facts.instancesV2 && bool(iv2.zoneAndRegionEnabled, true);
  facts.loadBalancer = bool(lb.enabled, true);
  because.instancesV2 = `instancesV2.enabled is ${iv2.enabled === undefined ? 'unset (default true)' : 'true'} in ${file.from}`;
  because.zoneAndRegion = `instancesV2.zoneAndRegionEnabled is ${iv2.zoneAndRegionEnabled === undefined ? 'unset (default true)' : 'true'} in ${file.from}`;
  because.loadBalancer = `loadBalancer.enabled is ${lb.enabled === undefined ? 'unset (default true)' : 'true'} in ${file.from}`;
  const ns = str(config.namespace);
  return { namespace: ns, namespaceFrom: ns ? `namespace in ${file.from}` : `no namespace in ${file.from}: every namespace`, facts, because };
}

export const kubevirtCcmV051: RbacContract = {
  component: 'KubeVirt cloud-controller-manager',
  repository: 'kubevirt/kubevirt-cloud-controller-manager',
  tags: { exact: ['v0.5.1'] },
  source: { repo: 'kubevirt/cloud-provider-kubevirt', ref: 'v0.5.1', rbac: 'config/rbac/' },
  calls,
  facts,
};
