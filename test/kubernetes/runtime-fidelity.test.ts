// What the controllers do with the tenant chart's objects, checked against their source at the pinned
// versions (each case names the upstream file): health-check thresholds Cluster API would round to zero,
// scale-from-zero capacity the cluster-autoscaler builds template nodes from, the API address Kamaji
// advertises but does not request.
import { describe, expect, it } from 'vitest';
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { HELM_MAJORS, objectsOfKind, renderChart, renderError } from '../support/render.ts';

type Obj = Record<string, any>;
const ofKind = (docs: ManifestDoc[], kind: string) => objectsOfKind(docs, kind) as Obj[];
const named = (docs: ManifestDoc[], kind: string, name: string) => ofKind(docs, kind).find((o) => o.metadata.name === name)!;

/** What Cluster API v1.14 allows (core/reconcilers/machinehealthcheck getMaxUnhealthy: intstr scaled, rounding down). */
function capiMaxUnhealthy(value: string | number, machines: number): number {
  return typeof value === 'number' ? value : Math.floor((Number(value.replace('%', '')) * machines) / 100);
}

const CAP = 'capacity.cluster-autoscaler.kubernetes.io/';

describe.each(HELM_MAJORS)('runtime fidelity of the tenant chart under Helm %i', (major) => {
  it.each([
    ['the default group (2 replicas)', { workers: {} }, 'workers', 2],
    ['a single-node group', { workers: { replicas: 1 } }, 'workers', 1],
    ['an autoscaled group that may scale to zero', { workers: { autoscaling: { enabled: true, minSize: 0, maxSize: 5 } } }, 'workers', 1],
    ['a large group', { workers: { replicas: 10 } }, 'workers', 10],
  ])('lets the MachineHealthCheck of %s remediate at least one machine at its smallest size', async (_what, nodeGroups, group, smallest) => {
    const docs = await renderChart('kubernetes', { major, values: { nodeGroups } });
    const mhc = named(docs, 'MachineHealthCheck', `tenant-a-${group}`);
    const limit = mhc.spec.remediation.triggerIf.unhealthyLessThanOrEqualTo;
    expect(capiMaxUnhealthy(limit, smallest)).toBeGreaterThanOrEqual(1);
    // and it still protects a large group from mass replacement
    if (smallest >= 10) expect(capiMaxUnhealthy(limit, smallest)).toBeLessThan(smallest);
  });

  it('rejects a health-check limit that rounds to zero for the group, naming the key and the minimum', async () => {
    const msg = await renderError('kubernetes', { major, values: { nodeGroups: { workers: { replicas: 2, healthCheck: { maxUnhealthy: '40%' } } } } });
    expect(msg).toContain('nodeGroups.workers.healthCheck.maxUnhealthy');
    expect(msg).toContain('50%');
  });

  it('declares GPUs to the autoscaler as the extended resource tenant pods request, and labels GPU nodes for it', async () => {
    const gpus = [{ name: 'gpu1', deviceName: 'nvidia.com/GA102GL_A10' }];
    const docs = await renderChart('kubernetes', { major, values: { nodeGroups: { gpu: { gpus, autoscaling: { enabled: true, minSize: 0, maxSize: 2 } } } } });
    const md = named(docs, 'MachineDeployment', 'tenant-a-gpu');
    // clusterapi provider: the template node gets gpu-count of the resource named gpu-type
    expect(md.metadata.annotations[`${CAP}gpu-type`]).toBe('nvidia.com/gpu');
    expect(md.metadata.annotations[`${CAP}gpu-count`]).toBe('1');
    // cloudprovider/clusterapi GPULabel
    expect(md.metadata.annotations[`${CAP}labels`]).toContain('cluster-api/accelerator=GA102GL_A10');
    const kct = ofKind(docs, 'KubeadmConfigTemplate').find((o) => o.metadata.name.startsWith('tenant-a-gpu-'))!;
    const args = kct.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs as { name: string; value: string }[];
    expect(args.find((a) => a.name === 'node-labels')?.value).toContain('cluster-api/accelerator=GA102GL_A10');
    // the KubeVirt side still asks for the host device by its KubeVirt resource name
    const kmt = ofKind(docs, 'KubevirtMachineTemplate').find((o) => o.metadata.name.startsWith('tenant-a-gpu-'))!;
    expect(kmt.spec.template.spec.virtualMachineTemplate.spec.template.spec.domain.devices.gpus).toEqual([{ name: 'gpu1', deviceName: 'nvidia.com/GA102GL_A10' }]);
  });

  it('claims scale-from-zero ephemeral disk only for a root disk whose size the chart sets', async () => {
    const autoscaling = { enabled: true, minSize: 0, maxSize: 2 };
    const docs = await renderChart('kubernetes', {
      major,
      values: { nodeGroups: { image: { autoscaling, rootDisk: { size: '50Gi' } }, volume: { autoscaling, rootDisk: { source: 'dataVolume', size: '50Gi' } } } },
    });
    expect(named(docs, 'MachineDeployment', 'tenant-a-image').metadata.annotations[`${CAP}ephemeral-disk`]).toBeUndefined();
    expect(named(docs, 'MachineDeployment', 'tenant-a-volume').metadata.annotations[`${CAP}ephemeral-disk`]).toBe('50Gi');
  });

  it('requests the advertised API address from the load balancer, and refuses one a ClusterIP cannot honour', async () => {
    const network = { serviceType: 'LoadBalancer', serviceAddress: '203.0.113.7', serviceAnnotations: { 'example.com/lb': 'x' } };
    const docs = await renderChart('kubernetes', { major, values: { controlPlane: { network } } });
    const kcp = ofKind(docs, 'KamajiControlPlane')[0]!;
    expect(kcp.spec.network.serviceAddress).toBe('203.0.113.7');
    expect(kcp.spec.network.serviceAnnotations).toEqual({
      'example.com/lb': 'x',
      'metallb.io/loadBalancerIPs': '203.0.113.7',
      'lbipam.cilium.io/ips': '203.0.113.7',
      'kube-vip.io/loadbalancerIPs': '203.0.113.7',
    });
    const msg = await renderError('kubernetes', { major, values: { controlPlane: { network: { serviceAddress: '203.0.113.7' } } } });
    expect(msg).toContain('controlPlane.network.serviceAddress');
  });

  it('adds no certificate SAN of its own: Kamaji already covers the Service names, the tenant dnsDomain names nothing here', async () => {
    const docs = await renderChart('kubernetes', { major, values: { cluster: { network: { dnsDomain: 'tenant.internal' } } } });
    const kcp = ofKind(docs, 'KamajiControlPlane')[0]!;
    expect(kcp.spec.network.certSANs).toBeUndefined();
  });
});

