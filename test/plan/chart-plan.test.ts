// `plan` against the real tenant chart: each values change rolls exactly the node groups whose
// machine content changes, with both Helm majors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { planChanges } from '../../generator/src/plan/plan.ts';
import { renderRelease } from '../../generator/src/render/render.ts';
import { HELM_MAJORS } from '../support/render.ts';

const base = {
  nodeGroups: {
    workers: { replicas: 2, cpu: 2, memory: '4Gi' },
    infra: { replicas: 1, cpu: 4, memory: '8Gi' },
  },
};

const variants = {
  base,
  'infra-resized': { nodeGroups: { ...base.nodeGroups, infra: { ...base.nodeGroups.infra, memory: '16Gi' } } },
  'workers-scaled': { nodeGroups: { ...base.nodeGroups, workers: { ...base.nodeGroups.workers, replicas: 4 } } },
  'workers-max-pods': { nodeGroups: { ...base.nodeGroups, workers: { ...base.nodeGroups.workers, maxPods: 200 } } },
};

/** Changes to the machines of the infra group: each must roll infra and nothing else. */
const infraMachineChanges: Record<string, object> = {
  cpu: { cpu: 8 },
  labels: { labels: { 'example.com/pool': 'infra' } },
  taints: { taints: [{ key: 'example.com/infra', value: 'true', effect: 'NoSchedule' }] },
  evictionStrategy: { evictionStrategy: 'LiveMigrate', podNetworkBinding: 'masquerade' },
  kubeletExtraArgs: { kubeletExtraArgs: { 'image-gc-high-threshold': '80' } },
  preKubeadmCommands: { preKubeadmCommands: ['echo hello'] },
};

let dir: string;
const file = (name: keyof typeof variants) => join(dir, `${name}.yaml`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'matryoshka-plan-'));
  for (const [name, values] of Object.entries(variants)) writeFileSync(join(dir, `${name}.yaml`), stringify(values));
  for (const [name, change] of Object.entries(infraMachineChanges)) {
    writeFileSync(join(dir, `infra-${name}.yaml`), stringify({ nodeGroups: { ...base.nodeGroups, infra: { ...base.nodeGroups.infra, ...change } } }));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(HELM_MAJORS)('planning tenant upgrades of charts/kubernetes with Helm %i', (major) => {
  const plan = async (from: keyof typeof variants, to: keyof typeof variants | string) => {
    const common = { release: 'tenant-a', namespace: 'tenant-a', major };
    const before = await renderRelease({ ...common, valuesFiles: [file(from)] });
    const after = await renderRelease({ ...common, valuesFiles: [join(dir, `${to}.yaml`)] });
    const p = planChanges(before.docs, after.docs, { namespace: 'tenant-a', release: 'tenant-a' });
    // every content change of an immutable template must come with a new name (content hash)
    expect(p.immutableUpdates).toEqual([]);
    return p;
  };

  it('reports no change for an unchanged values file', async () => {
    const p = await plan('base', 'base');
    expect({ added: p.added, removed: p.removed, changed: p.changed, replaced: p.replaced, rolling: p.rolling, immutableUpdates: p.immutableUpdates }).toEqual({
      added: [],
      removed: [],
      changed: [],
      replaced: [],
      rolling: [],
      immutableUpdates: [],
    });
    expect(p.unchanged).toBeGreaterThan(10);
  });

  it('rolls exactly the resized node group, replacing its machine template and (the kubelet reserves by size) its bootstrap template', async () => {
    const p = await plan('base', 'infra-resized');
    expect(p.rolling.map((g) => g.group)).toEqual(['infra']);
    expect(p.rolling[0]!.reasons).toEqual([
      expect.stringMatching(/^spec\.template\.spec\.bootstrap\.configRef\.name: tenant-a-infra-[a-z0-9]+ → tenant-a-infra-[a-z0-9]+$/),
      expect.stringMatching(/^spec\.template\.spec\.infrastructureRef\.name: tenant-a-infra-[a-z0-9]+ → tenant-a-infra-[a-z0-9]+$/),
    ]);
    expect(p.replaced.map((r) => [r.kind, r.machineDeployment]).sort()).toEqual([
      ['KubeadmConfigTemplate', 'tenant-a-infra'],
      ['KubevirtMachineTemplate', 'tenant-a-infra'],
    ]);
    expect(p.added.map((a) => a.kind).sort()).toEqual(['KubeadmConfigTemplate', 'KubevirtMachineTemplate']);
    expect(p.removed.every((r) => r.kept)).toBe(true);
  });

  it('rolls nothing when a node group is only scaled', async () => {
    const p = await plan('base', 'workers-scaled');
    expect(p.rolling).toEqual([]);
    expect(p.replaced).toEqual([]);
    expect(p.changed.map((c) => c.ref)).toContain('MachineDeployment/tenant-a/tenant-a-workers');
  });

  it.each(Object.keys(infraMachineChanges))('rolls exactly the infra group when its %s change', async (name) => {
    const p = await plan('base', `infra-${name}`);
    expect(p.rolling.map((g) => g.group)).toEqual(['infra']);
    expect(p.replaced.length).toBeGreaterThan(0);
    expect(p.replaced.every((r) => r.machineDeployment === 'tenant-a-infra')).toBe(true);
  });

  it('rolls the group whose kubelet configuration changes through its bootstrap template', async () => {
    const p = await plan('base', 'workers-max-pods');
    expect(p.rolling.map((g) => g.group)).toEqual(['workers']);
    expect(p.replaced.map((r) => r.kind)).toContain('KubeadmConfigTemplate');
    expect(p.replaced.every((r) => r.machineDeployment === 'tenant-a-workers')).toBe(true);
  });
});
