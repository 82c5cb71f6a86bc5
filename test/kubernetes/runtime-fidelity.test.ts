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
    expect(msg).toMatch(/controlPlane[.\/]network[.\/]serviceAddress/); // the schema's path: dotted (Helm 3) or a JSON pointer (Helm 4)
  });

  it('adds no certificate SAN of its own: Kamaji already covers the Service names, the tenant dnsDomain names nothing here', async () => {
    const docs = await renderChart('kubernetes', { major, values: { cluster: { network: { dnsDomain: 'tenant.internal' } } } });
    const kcp = ofKind(docs, 'KamajiControlPlane')[0]!;
    expect(kcp.spec.network.certSANs).toBeUndefined();
  });
});


describe.each(HELM_MAJORS)('node images and VM placement under Helm %i', (major) => {
  it('defaults only to worker images CAPK publishes, and refuses a disk of another release', async () => {
    // CAPK's own e2e boots quay.io/capk/ubuntu-2404-container-disk:v1.32.1 and :v1.34.1 (hack/functest.sh)
    const docs = await renderChart('kubernetes', { major });
    const kmt = ofKind(docs, 'KubevirtMachineTemplate')[0]!;
    expect(kmt.spec.template.spec.virtualMachineTemplate.spec.template.spec.volumes[0].containerDisk.image).toBe('quay.io/capk/ubuntu-2404-container-disk:v1.34.1');
    const unpublished = await renderError('kubernetes', { major, values: { controlPlane: { version: '1.33' } } });
    expect(unpublished).toContain('nodeGroups.workers.rootDisk.image');
    const mismatch = await renderError('kubernetes', { major, values: { nodeGroups: { workers: { rootDisk: { image: 'registry.example.com/disk:v1.33.6' } } } } });
    expect(mismatch).toMatch(/tagged v1\.33\.6 but the cluster runs v1\.34\.1/);
    const own = await renderChart('kubernetes', { major, values: { controlPlane: { version: '1.33' }, nodeGroups: { workers: { rootDisk: { image: 'registry.example.com/disk:v1.33.6' } } } } });
    expect(ofKind(own, 'MachineDeployment')[0]!.spec.template.spec.version).toBe('v1.33.6');
  });

  it('bridges VMs to the pod network by default and refuses live migration of a bridged VM', async () => {
    const docs = await renderChart('kubernetes', { major });
    const domain = ofKind(docs, 'KubevirtMachineTemplate')[0]!.spec.template.spec.virtualMachineTemplate.spec.template.spec.domain;
    expect(domain.devices.interfaces).toEqual([{ name: 'default', bridge: {} }]);
    // KubeVirt v1.8 pkg/network/vmispec/interface.go: a bridged pod network is not migratable
    const msg = await renderError('kubernetes', { major, values: { nodeGroups: { workers: { evictionStrategy: 'LiveMigrate' } } } });
    expect(msg).toContain('nodeGroups.workers.podNetworkBinding');
    const migratable = await renderChart('kubernetes', { major, values: { nodeGroups: { workers: { evictionStrategy: 'LiveMigrate', podNetworkBinding: 'masquerade' } } } });
    const spec = ofKind(migratable, 'KubevirtMachineTemplate')[0]!.spec.template.spec.virtualMachineTemplate.spec.template.spec;
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'default', masquerade: {} }]);
    expect(spec.evictionStrategy).toBe('LiveMigrate');
  });
});

describe.each(HELM_MAJORS)('tenant networks under Helm %i', (major) => {
  it('defaults to networks clear of the usual management ranges (the tenant kube-dns is not the management DNS IP)', async () => {
    const docs = await renderChart('kubernetes', { major });
    const net = ofKind(docs, 'Cluster')[0]!.spec.clusterNetwork;
    expect(net.pods.cidrBlocks).toEqual(['10.243.0.0/16']);
    expect(net.services.cidrBlocks).toEqual(['10.95.0.0/16']);
  });

  it.each([
    ['the tenant services over the management services', { cluster: { network: { serviceCIDRs: ['10.96.0.0/16'] } } }, 'cluster.network.serviceCIDRs 10.96.0.0/16 overlaps managementCluster.serviceCIDRs 10.96.0.0/12'],
    ['the tenant pods over the management pods (the nodes)', { cluster: { network: { podCIDRs: ['10.244.128.0/20'] } } }, 'cluster.network.podCIDRs 10.244.128.0/20 overlaps managementCluster.podCIDRs 10.244.0.0/16'],
    ['the tenant pods over its services', { cluster: { network: { podCIDRs: ['10.95.0.0/24'] } } }, 'cluster.network.podCIDRs 10.95.0.0/24 overlaps cluster.network.serviceCIDRs 10.95.0.0/16'],
    ['a declared management range', { managementCluster: { podCIDRs: ['10.243.0.0/16'] } }, 'cluster.network.podCIDRs 10.243.0.0/16 overlaps managementCluster.podCIDRs 10.243.0.0/16'],
  ])('refuses %s, naming both keys', async (_what, values, message) => {
    expect(await renderError('kubernetes', { major, values })).toContain(message);
  });
});

describe.each(HELM_MAJORS)('API exposure under Helm %i', (major) => {
  it('refuses a NodePort API whose ports Kamaji would request outside the node-port range', async () => {
    // kamaji 26.8.2-edge internal/resources/k8s_service_resource.go: nodePort = networkProfile.port
    const msg = await renderError('kubernetes', { major, values: { controlPlane: { network: { serviceType: 'NodePort' } } } });
    expect(msg).toContain('cluster.network.apiServerPort (6443)');
    const docs = await renderChart('kubernetes', { major, values: { cluster: { network: { apiServerPort: 30443 } }, controlPlane: { network: { serviceType: 'NodePort' }, addons: { konnectivity: { serverPort: 30132 } } } } });
    expect(ofKind(docs, 'KamajiControlPlane')[0]!.spec.network.serviceType).toBe('NodePort');
  });
});
