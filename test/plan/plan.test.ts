// The plan logic on hand-written manifests: what changes, what is replaced, which groups roll.
import { describe, expect, it } from 'vitest';
import type { K8sObject, ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { formatPlan, planJson } from '../../generator/src/plan/format.ts';
import { planChanges, planHasChanges } from '../../generator/src/plan/plan.ts';

interface Group {
  name: string;
  infra: string;
  bootstrap: string;
  replicas?: number;
  version?: string;
  drain?: number;
  annotations?: Record<string, string>;
}

const keep = { 'helm.sh/resource-policy': 'keep' };

function md(g: Group): K8sObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: { name: `tenant-a-${g.name}`, namespace: 'tenant-a', ...(g.annotations ? { annotations: g.annotations } : {}) },
    spec: {
      clusterName: 'tenant-a',
      ...(g.replicas !== undefined ? { replicas: g.replicas } : {}),
      template: {
        metadata: { labels: { 'cluster.x-k8s.io/deployment-name': `tenant-a-${g.name}` } },
        spec: {
          clusterName: 'tenant-a',
          version: g.version ?? 'v1.34.2',
          bootstrap: { configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate', name: g.bootstrap } },
          infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'KubevirtMachineTemplate', name: g.infra },
          deletion: { nodeDrainTimeoutSeconds: g.drain ?? 600 },
        },
      },
    },
  };
}

function kmt(name: string, cpu: number): K8sObject {
  return {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
    kind: 'KubevirtMachineTemplate',
    metadata: { name, namespace: 'tenant-a', annotations: keep },
    spec: { template: { spec: { virtualMachineTemplate: { spec: { template: { spec: { domain: { cpu: { cores: cpu } } } } } } } } },
  };
}

function kct(name: string, maxPods: number): K8sObject {
  return {
    apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
    kind: 'KubeadmConfigTemplate',
    metadata: { name, namespace: 'tenant-a', annotations: keep },
    spec: { template: { spec: { joinConfiguration: { nodeRegistration: { kubeletExtraArgs: [{ name: 'max-pods', value: String(maxPods) }] } } } } },
  };
}

const cluster: K8sObject = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { name: 'tenant-a', namespace: 'tenant-a' }, spec: { topology: undefined } };

const docs = (objects: K8sObject[]): ManifestDoc[] => objects.map((object, index) => ({ object: structuredClone(object), source: 'synthetic', index }));

const workers: Group = { name: 'workers', infra: 'tenant-a-workers-aaaa1111', bootstrap: 'tenant-a-workers-bbbb2222', replicas: 2 };
const gpu: Group = { name: 'gpu', infra: 'tenant-a-gpu-cccc3333', bootstrap: 'tenant-a-gpu-dddd4444', replicas: 1 };

function tenant(w: Group = workers, g: Group = gpu, workerCpu = 2): ManifestDoc[] {
  return docs([cluster, md(w), kmt(w.infra, workerCpu), kct(w.bootstrap, 110), md(g), kmt(g.infra, 8), kct(g.bootstrap, 110)]);
}

const opts = { namespace: 'tenant-a', release: 'tenant-a' };

describe('planning an upgrade', () => {
  it('reports no change, no replacement and no rollout for identical renders', () => {
    const plan = planChanges(tenant(), tenant(), opts);
    expect(planHasChanges(plan)).toBe(false);
    expect(plan).toEqual({ added: [], removed: [], changed: [], unchanged: 7, replaced: [], rolling: [], immutableUpdates: [] });
    expect(formatPlan(plan)).toMatch(/^No changes\. 7 object\(s\)/);
  });

  it('does not depend on document order', () => {
    expect(planHasChanges(planChanges(tenant(), [...tenant()].reverse(), opts))).toBe(false);
  });

  it('rolls exactly the group whose machine template is replaced (a VM resize)', () => {
    const resized = { ...workers, infra: 'tenant-a-workers-eeee5555' };
    const plan = planChanges(tenant(), tenant(resized, gpu, 4), opts);
    expect(plan.rolling).toEqual([
      {
        name: 'tenant-a-workers',
        namespace: 'tenant-a',
        group: 'workers',
        reasons: ['spec.template.spec.infrastructureRef.name: tenant-a-workers-aaaa1111 → tenant-a-workers-eeee5555'],
      },
    ]);
    expect(plan.replaced).toEqual([
      { kind: 'KubevirtMachineTemplate', namespace: 'tenant-a', from: 'tenant-a-workers-aaaa1111', to: 'tenant-a-workers-eeee5555', machineDeployment: 'tenant-a-workers' },
    ]);
    expect(plan.added.map((a) => a.ref)).toEqual(['KubevirtMachineTemplate/tenant-a/tenant-a-workers-eeee5555']);
    expect(plan.removed).toEqual([expect.objectContaining({ ref: 'KubevirtMachineTemplate/tenant-a/tenant-a-workers-aaaa1111', kept: true })]);
    expect(plan.changed.map((c) => c.ref)).toEqual(['MachineDeployment/tenant-a/tenant-a-workers']);
  });

  it('rolls nothing when a group only scales (replicas)', () => {
    const plan = planChanges(tenant(), tenant({ ...workers, replicas: 5 }), opts);
    expect(plan.changed).toEqual([expect.objectContaining({ ref: 'MachineDeployment/tenant-a/tenant-a-workers', paths: ['spec.replicas'] })]);
    expect(plan.rolling).toEqual([]);
    expect(plan.replaced).toEqual([]);
  });

  it('rolls nothing when only autoscaler bounds change', () => {
    const before = { ...workers, replicas: undefined, annotations: { 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '5' } };
    const after = { ...before, annotations: { 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '9' } };
    const plan = planChanges(tenant(before), tenant(after), opts);
    expect(plan.changed.map((c) => c.paths)).toEqual([['metadata.annotations.cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size']]);
    expect(plan.rolling).toEqual([]);
  });

  it('rolls nothing for fields Cluster API updates in place (drain timeout)', () => {
    const plan = planChanges(tenant(), tenant({ ...workers, drain: 900 }), opts);
    expect(plan.changed.map((c) => c.ref)).toEqual(['MachineDeployment/tenant-a/tenant-a-workers']);
    expect(plan.rolling).toEqual([]);
  });

  it('rolls every group on a Kubernetes version upgrade', () => {
    const plan = planChanges(tenant(), tenant({ ...workers, version: 'v1.35.0' }, { ...gpu, version: 'v1.35.0' }), opts);
    expect(plan.rolling.map((g) => g.group)).toEqual(['gpu', 'workers']);
    expect(plan.rolling[0]!.reasons).toEqual(['spec.template.spec.version: v1.34.2 → v1.35.0']);
  });

  it('reports a new group as added objects, not as a rollout', () => {
    const infra: Group = { name: 'infra', infra: 'tenant-a-infra-ffff6666', bootstrap: 'tenant-a-infra-99990000' };
    const after = [...tenant(), ...docs([md(infra), kmt(infra.infra, 2), kct(infra.bootstrap, 110)])];
    const plan = planChanges(tenant(), after, opts);
    expect(plan.added.map((a) => a.ref)).toEqual([
      'KubeadmConfigTemplate/tenant-a/tenant-a-infra-99990000',
      'KubevirtMachineTemplate/tenant-a/tenant-a-infra-ffff6666',
      'MachineDeployment/tenant-a/tenant-a-infra',
    ]);
    expect(plan.rolling).toEqual([]);
    expect(plan.replaced).toEqual([]);
  });

  it('pairs a renamed immutable template by its name prefix when no MachineDeployment is rendered', () => {
    const plan = planChanges(docs([kct('tenant-a-workers-bbbb2222', 110)]), docs([kct('tenant-a-workers-12345678', 120)]), opts);
    expect(plan.replaced).toEqual([{ kind: 'KubeadmConfigTemplate', namespace: 'tenant-a', from: 'tenant-a-workers-bbbb2222', to: 'tenant-a-workers-12345678' }]);
    expect(plan.rolling).toEqual([]);
  });

  it('flags an immutable template whose content changes under the same name', () => {
    const before = tenant();
    const after = docs([cluster, md(workers), kmt(workers.infra, 6), kct(workers.bootstrap, 110), md(gpu), kmt(gpu.infra, 8), kct(gpu.bootstrap, 110)]);
    const plan = planChanges(before, after, opts);
    expect(plan.immutableUpdates.map((c) => c.ref)).toEqual(['KubevirtMachineTemplate/tenant-a/tenant-a-workers-aaaa1111']);
    expect(plan.rolling).toEqual([]);
    expect(formatPlan(plan)).toMatch(/^ {2}✗ KubevirtMachineTemplate\/tenant-a\/tenant-a-workers-aaaa1111 {2}spec\.template\.spec\./m);
  });

  it('lists the changes, replacements and rolling groups in the text and JSON forms', () => {
    const plan = planChanges(tenant(), tenant({ ...workers, bootstrap: 'tenant-a-workers-77778888' }), opts);
    const text = formatPlan(plan).split('\n');
    expect(text).toContain('  ⟳ workers (MachineDeployment/tenant-a/tenant-a-workers)');
    expect(text).toContain('  ± KubeadmConfigTemplate/tenant-a/tenant-a-workers-bbbb2222 → tenant-a-workers-77778888  (node group tenant-a-workers)');
    expect(text.at(-1)).toBe('Plan: 1 to add, 1 to change, 1 to remove, 1 template(s) replaced, 1 node group(s) roll.');
    const json = JSON.parse(planJson(plan)) as { changes: boolean; rolling: { group: string }[] };
    expect(json.changes).toBe(true);
    expect(json.rolling.map((g) => g.group)).toEqual(['workers']);
  });
});
