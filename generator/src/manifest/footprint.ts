// What a render costs the management cluster: CPU and memory requested by the pods it runs
// there (workloads × replicas, and the Kamaji control-plane pods a KamajiControlPlane asks for).
// Pods installed into the tenant through HelmReleases run on the tenant's own VMs: not counted.
import type { K8sObject } from './parse.ts';

export interface Footprint {
  cpuCores: number;
  memoryBytes: number;
  /** per object: `Kind/name` → its share */
  parts: { object: string; cpuCores: number; memoryBytes: number }[];
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
const o = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

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

export function managementFootprint(objects: readonly K8sObject[]): Footprint {
  const parts: Footprint['parts'] = [];
  for (const obj of objects) {
    const spec = o(obj.spec);
    let share: { cpu: number; memory: number } | undefined;
    if (obj.kind === 'Deployment' || obj.kind === 'StatefulSet') {
      const r = podRequests(o(o(spec.template).spec));
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      share = { cpu: r.cpu * replicas, memory: r.memory * replicas };
    } else if (obj.kind === 'KamajiControlPlane') {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const containers = [spec.apiServer, spec.controllerManager, spec.scheduler, o(o(o(spec.addons).konnectivity).server)].map((c) => requestsOf(o(c).resources));
      share = { cpu: containers.reduce((n, c) => n + c.cpu, 0) * replicas, memory: containers.reduce((n, c) => n + c.memory, 0) * replicas };
    }
    if (share) parts.push({ object: `${obj.kind}/${obj.metadata.name ?? ''}`, cpuCores: share.cpu, memoryBytes: share.memory });
  }
  return {
    cpuCores: parts.reduce((n, p) => n + p.cpuCores, 0),
    memoryBytes: parts.reduce((n, p) => n + p.memoryBytes, 0),
    parts,
  };
}
