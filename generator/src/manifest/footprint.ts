// What a render costs the management cluster: CPU and memory requested by the pods it runs
// there (workloads × replicas, the Kamaji control-plane pods a KamajiControlPlane asks for, and the
// worker VMs of each MachineDeployment at its current size, as KubeVirt requests them).
// Pods installed into the tenant through HelmReleases run on the tenant's own VMs: not counted.
import { record } from '../util/json.ts';
import { vmPodRequests } from './kubevirt-requests.ts';
import type { K8sObject } from './parse.ts';

export interface FootprintPart {
  object: string;
  cpuCores: number;
  memoryBytes: number;
  /** the tenant's worker VMs, or what runs the cluster (control plane, helpers) */
  role: 'workers' | 'control';
}

export interface Footprint {
  cpuCores: number;
  memoryBytes: number;
  /** the share of the control plane and the management-side helpers */
  control: { cpuCores: number; memoryBytes: number };
  /** the share of the worker VMs at their current size */
  workers: { cpuCores: number; memoryBytes: number };
  /** per object: `Kind/name` → its share */
  parts: FootprintPart[];
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity ("250m", "1.5Gi", "2") as a number of base units. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === null || q === '') return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?)$/.exec(q.trim());
  if (!m) throw new Error(`not a Kubernetes quantity: "${q}"`);
  const factor = BINARY[m[2]!] ?? DECIMAL[m[2]!]!;
  return Number(m[1]) * factor;
}

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => record(v) ?? {};

function requestsOf(resources: unknown): { cpu: number; memory: number } {
  const req = o(o(resources).requests);
  return { cpu: parseQuantity(req.cpu as string), memory: parseQuantity(req.memory as string) };
}

function podRequests(podSpec: Obj): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of (podSpec.containers as Obj[] | undefined) ?? []) {
    const r = requestsOf(c.resources);
    cpu += r.cpu;
    memory += r.memory;
  }
  return { cpu, memory };
}

/** The VM pod requests of a KubevirtMachineTemplate; undefined when its size comes from an instancetype. */
function machineTemplateRequests(template: K8sObject | undefined): { cpu: number; memory: number } | undefined {
  const vm = o(o(o(o(o(o(template?.spec).template).spec).virtualMachineTemplate).spec).template);
  const domain = o(o(vm.spec).domain);
  const cores = o(domain.cpu).cores;
  const guest = o(domain.memory).guest;
  if (typeof cores !== 'number' || guest === undefined) return undefined;
  const devices = o(domain.devices);
  const cpuRequest = o(o(domain.resources).requests).cpu;
  const r = vmPodRequests({
    vcpus: cores,
    guestMemoryBytes: parseQuantity(guest as string),
    cpuRequestCores: cpuRequest === undefined ? undefined : parseQuantity(cpuRequest as string),
    passthrough: ((devices.gpus as unknown[] | undefined)?.length ?? 0) + ((devices.hostDevices as unknown[] | undefined)?.length ?? 0) > 0,
  });
  return { cpu: r.cpuCores, memory: r.memoryBytes };
}

/** Machines a MachineDeployment runs now: spec.replicas, or the autoscaler's minimum. */
function machineCount(md: K8sObject): number {
  const spec = o(md.spec);
  if (typeof spec.replicas === 'number') return spec.replicas;
  const min = md.metadata.annotations?.['cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size'];
  return min === undefined ? 1 : Number(min);
}

export function managementFootprint(objects: readonly K8sObject[]): Footprint {
  const parts: FootprintPart[] = [];
  const templates = new Map(objects.filter((x) => x.kind === 'KubevirtMachineTemplate').map((x) => [x.metadata.name, x]));
  for (const obj of objects) {
    const spec = o(obj.spec);
    let share: { cpu: number; memory: number } | undefined;
    let role: FootprintPart['role'] = 'control';
    if (obj.kind === 'Deployment' || obj.kind === 'StatefulSet') {
      const r = podRequests(o(o(spec.template).spec));
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      share = { cpu: r.cpu * replicas, memory: r.memory * replicas };
    } else if (obj.kind === 'KamajiControlPlane') {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const containers = [spec.apiServer, spec.controllerManager, spec.scheduler, o(o(o(spec.addons).konnectivity).server)].map((c) => requestsOf(o(c).resources));
      share = { cpu: containers.reduce((n, c) => n + c.cpu, 0) * replicas, memory: containers.reduce((n, c) => n + c.memory, 0) * replicas };
    } else if (obj.kind === 'MachineDeployment') {
      const ref = o(o(o(o(spec.template).spec).infrastructureRef));
      const vm = ref.kind === 'KubevirtMachineTemplate' ? machineTemplateRequests(templates.get(ref.name as string)) : undefined;
      if (vm) share = { cpu: vm.cpu * machineCount(obj), memory: vm.memory * machineCount(obj) };
      role = 'workers';
    }
    if (share) parts.push({ object: `${obj.kind}/${obj.metadata.name ?? ''}`, cpuCores: share.cpu, memoryBytes: share.memory, role });
  }
  const total = (ps: FootprintPart[]) => ({ cpuCores: ps.reduce((n, p) => n + p.cpuCores, 0), memoryBytes: ps.reduce((n, p) => n + p.memoryBytes, 0) });
  return {
    ...total(parts),
    control: total(parts.filter((p) => p.role === 'control')),
    workers: total(parts.filter((p) => p.role === 'workers')),
    parts,
  };
}
