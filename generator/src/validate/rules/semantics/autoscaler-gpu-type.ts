// The clusterapi provider of cluster-autoscaler (kubernetes/autoscaler cluster-autoscaler-1.34.3,
// cloudprovider/clusterapi/clusterapi_unstructured.go InstanceCapacity) turns the
// `capacity.cluster-autoscaler.kubernetes.io/gpu-type` annotation into the resource name of the
// node template it scales from zero with, so the value must be the extended resource a device plugin
// advertises on tenant nodes, the name tenant pods request (README: `nvidia.com/gpu`).
// Rule: a qualified name `<vendor domain>/<resource>` (k8s.io/apimachinery IsQualifiedName; domain a
// lower-case DNS subdomain outside kubernetes.io/k8s.io, as IsExtendedResourceName requires) whose
// resource part has no upper-case letter. Device plugins in the guest name resource *types*
// (nvidia.com/gpu, nvidia.com/mig-1g.5gb, amd.com/gpu, gpu.intel.com/i915); upper-case model names
// such as `nvidia.com/GA102GL_A10` are what KubeVirt's permittedHostDevices / a VM's `deviceName`
// use on the management cluster, never a tenant node's resource: a pending pod requesting
// nvidia.com/gpu then never fits the template and the group is never scaled up from zero.
import { childPath } from '../../schema-check.ts';
import { type WiringRule, arr, get, record, str, wiringRule } from '../../wiring.ts';

export const RULE = 'autoscaler-gpu-type';
export const GPU_TYPE = 'capacity.cluster-autoscaler.kubernetes.io/gpu-type';
const CAPI = 'cluster.x-k8s.io';

const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME = /^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why `value` is not a device-plugin resource name, or undefined when it is one. */
export function gpuTypeProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return 'it has no vendor domain (a device plugin resource is <vendor-domain>/<resource>, e.g. nvidia.com/gpu)';
  const domain = value.slice(0, slash);
  const name = value.slice(slash + 1);
  if (!DNS_SUBDOMAIN.test(domain)) return `"${domain}" is not a lower-case DNS domain`;
  if (domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io') || domain === 'k8s.io' || domain.endsWith('.k8s.io')) return `${domain} is reserved for Kubernetes' own resources, not extended resources`;
  if (!NAME.test(name)) return `"${name}" is not a valid resource name`;
  if (/[A-Z]/.test(name)) return `"${name}" is an upper-case model name (KubeVirt's deviceName style); device plugins on tenant nodes advertise lower-case resource types such as nvidia.com/gpu`;
  return undefined;
}

/** deviceNames of GPUs/host devices in the group's KubevirtMachineTemplate, when it is in the input. */
function deviceNames(ctx: Parameters<WiringRule['check']>[0], ns: string, owner: Record<string, unknown>): string[] {
  const ref = record(get(owner, 'spec.template.spec.infrastructureRef')) ?? {};
  if (str(ref.kind) !== 'KubevirtMachineTemplate' || !str(ref.name)) return [];
  const tpl = ctx.find('KubevirtMachineTemplate', ns, str(ref.name)!);
  const devices = record(get(tpl?.object, 'spec.template.spec.virtualMachineTemplate.spec.template.spec.domain.devices')) ?? {};
  return [...arr(devices.gpus), ...arr(devices.hostDevices)].map((g) => str(record(g)?.deviceName)).filter((n): n is string => !!n);
}

export const autoscalerGpuType = wiringRule({
  id: RULE,
  description: `the autoscaler ${GPU_TYPE} annotation is an extended resource a device plugin advertises on tenant nodes (<vendor-domain>/<lower-case resource>, e.g. nvidia.com/gpu), not a KubeVirt deviceName (cluster-autoscaler-1.34.3 clusterapi_unstructured.go InstanceCapacity)`,
  check(ctx, report) {
    for (const kind of ['MachineDeployment', 'MachineSet', 'MachinePool']) {
      for (const d of ctx.ofKind(kind, CAPI)) {
        const value = (record(get(d.object, 'metadata.annotations')) ?? {})[GPU_TYPE];
        if (value === undefined) continue;
        const problem = gpuTypeProblem(String(value));
        if (!problem) continue;
        const fromVm = deviceNames(ctx, d.namespace, d.object as Record<string, unknown>).includes(String(value)) ? ` (it is the deviceName the group's VMs request from KubeVirt on the management cluster)` : '';
        report(
          d,
          childPath('metadata.annotations', GPU_TYPE),
          `"${value}" is not a resource a tenant node advertises${fromVm}: ${problem}. The autoscaler builds the scale-from-zero node template with this resource name, so pods requesting the GPU never fit it`,
        );
      }
    }
  },
});
