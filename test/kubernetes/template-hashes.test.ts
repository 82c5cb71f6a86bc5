// Content-hash names of the immutable node-group templates: a change to a group rolls exactly
// that group (new template names), an unchanged group keeps its names, and rendering twice is stable.
import { describe, expect, it } from 'vitest';
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { HELM_MAJORS, type HelmMajor, objectsOfKind, renderChart, renderChartText } from '../support/render.ts';

// rendered objects are untyped YAML; tests read them freely
type Obj = Record<string, any>;
const ofKind = (docs: ManifestDoc[], kind: string) => objectsOfKind(docs, kind) as Obj[];

type Names = Record<string, { machine: string; bootstrap: string }>;

const base = {
  nodeGroups: {
    workers: { replicas: 2 },
    infra: { cpu: 4, memory: '8Gi', labels: { 'example.com/pool': 'infra' } },
    gpu: { gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/A10' }], autoscaling: { enabled: true, minSize: 0, maxSize: 3 } },
  },
};

/** group → template names its MachineDeployment references (checked to exist in the render). */
async function templateNames(major: HelmMajor, values: unknown): Promise<Names> {
  const docs = await renderChart('kubernetes', { major, values });
  const machineNames = ofKind(docs, 'KubevirtMachineTemplate').map((o) => o.metadata.name);
  const bootstrapNames = ofKind(docs, 'KubeadmConfigTemplate').map((o) => o.metadata.name);
  const out: Names = {};
  for (const md of ofKind(docs, 'MachineDeployment')) {
    const group = md.metadata.name.replace(/^tenant-a-/, '');
    const machine = md.spec.template.spec.infrastructureRef.name;
    const bootstrap = md.spec.template.spec.bootstrap.configRef.name;
    expect(machineNames).toContain(machine);
    expect(bootstrapNames).toContain(bootstrap);
    out[group] = { machine, bootstrap };
  }
  return out;
}

function withGroup(group: string, patch: Record<string, unknown>) {
  const v = structuredClone(base) as { nodeGroups: Record<string, Record<string, unknown>> };
  v.nodeGroups[group] = { ...v.nodeGroups[group], ...patch };
  return v;
}

describe.each(HELM_MAJORS)('node-group template hashes under Helm %i', (major) => {
  it('names templates <release>-<group>-<8 hex> and keeps them across releases of the same values', async () => {
    const first = await renderChartText('kubernetes', { major, values: base });
    const second = await renderChartText('kubernetes', { major, values: base });
    expect(second).toBe(first);
    const names = await templateNames(major, base);
    expect(Object.keys(names).sort()).toEqual(['gpu', 'infra', 'workers']);
    for (const [group, n] of Object.entries(names)) {
      expect(n.machine).toMatch(new RegExp(`^tenant-a-${group}-[0-9a-f]{8}$`));
      expect(n.bootstrap).toMatch(new RegExp(`^tenant-a-${group}-[0-9a-f]{8}$`));
    }
  });

  it('marks the templates helm.sh/resource-policy: keep so a draining MachineSet keeps its templates', async () => {
    const docs = await renderChart('kubernetes', { major, values: base });
    for (const kind of ['KubevirtMachineTemplate', 'KubeadmConfigTemplate']) {
      for (const o of ofKind(docs, kind)) expect(o.metadata.annotations['helm.sh/resource-policy']).toBe('keep');
    }
  });

  // [description, group, patch, which of that group's templates change]
  const changes: [string, string, Record<string, unknown>, ('machine' | 'bootstrap')[]][] = [
    // the kubelet's default kube-reserved scales with the VM: a resize also changes the bootstrap template
    ['cpu', 'infra', { cpu: 8 }, ['machine', 'bootstrap']],
    ['memory', 'workers', { memory: '6Gi' }, ['machine', 'bootstrap']],
    ['cpu with kube-reserved set', 'infra', { cpu: 8, kubeReserved: { cpu: '100m', memory: '512Mi' } }, ['machine', 'bootstrap']],
    ['root disk image', 'workers', { rootDisk: { image: 'registry.example.com/node:v1.34.1' } }, ['machine']],
    ['eviction strategy', 'gpu', { evictionStrategy: 'None' }, ['machine']],
    ['node labels', 'infra', { labels: { 'example.com/pool': 'infra2' } }, ['bootstrap']],
    ['taints', 'workers', { taints: [{ key: 'example.com/x', effect: 'NoSchedule' }] }, ['bootstrap']],
    ['pre-kubeadm commands', 'gpu', { preKubeadmCommands: ['echo hi'] }, ['bootstrap']],
    ['registry mirrors', 'workers', { registryMirrors: { 'docker.io': { endpoints: ['https://m.example.com'] } } }, ['bootstrap']],
    ['a data disk', 'infra', { dataDisks: [{ name: 'data', size: '10Gi' }] }, ['machine']],
  ];

  it.each(changes)('changing %s of one group renames exactly that group\'s template(s)', async (_d, group, patch, changed) => {
    const before = await templateNames(major, base);
    const after = await templateNames(major, withGroup(group, patch));
    for (const g of Object.keys(before)) {
      for (const t of ['machine', 'bootstrap'] as const) {
        if (g === group && changed.includes(t)) expect(after[g]![t], `${g} ${t}`).not.toBe(before[g]![t]);
        else expect(after[g]![t], `${g} ${t}`).toBe(before[g]![t]);
      }
    }
  });

  it('changing fields that only live on the MachineDeployment (replicas, autoscaler bounds, health check) renames nothing', async () => {
    const before = await templateNames(major, base);
    const after = await templateNames(major, {
      nodeGroups: {
        ...base.nodeGroups,
        workers: { replicas: 5, healthCheck: { unhealthyTimeoutSeconds: 900 }, deletion: { nodeDrainTimeoutSeconds: 60 } },
        gpu: { ...base.nodeGroups.gpu, autoscaling: { enabled: true, minSize: 0, maxSize: 9 } },
      },
    });
    expect(after).toEqual(before);
  });

  it('adding or removing a group leaves the other groups\' templates untouched', async () => {
    const before = await templateNames(major, base);
    const added = await templateNames(major, withGroup('extra', { cpu: 1, memory: '2Gi' }));
    const removed = await templateNames(major, { nodeGroups: { ...base.nodeGroups, infra: null } });
    for (const g of Object.keys(before)) expect(added[g]).toEqual(before[g]);
    expect(removed).toEqual({ workers: before.workers, gpu: before.gpu });
  });

  it('changing nodeGroupDefaults rolls every group that inherits the field', async () => {
    const before = await templateNames(major, base);
    const after = await templateNames(major, { ...base, nodeGroupDefaults: { maxPods: 64 } });
    for (const g of Object.keys(before)) {
      expect(after[g]!.bootstrap).not.toBe(before[g]!.bootstrap);
      expect(after[g]!.machine).toBe(before[g]!.machine);
    }
  });

  it('a Kubernetes upgrade rolls every group onto the new node image', async () => {
    const before = await templateNames(major, base);
    const after = await templateNames(major, { ...base, controlPlane: { version: '1.32' } });
    for (const g of Object.keys(before)) expect(after[g]!.machine).not.toBe(before[g]!.machine);
  });
});
