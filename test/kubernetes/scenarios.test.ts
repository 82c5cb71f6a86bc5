// Every scenario values file (and the defaults) renders with both Helm majors into objects that
// pass strict-schema validation and the wiring linter, and has the shape the scenario is about.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { HELM_MAJORS, objectsOfKind, renderChart } from '../support/render.ts';
import { scenarioDir as dirOf, scenarioFiles } from '../support/scenarios.ts';
import { expectValid } from '../support/validate.ts';

// rendered objects are untyped YAML; tests read them freely
type Obj = Record<string, any>;
const ofKind = (docs: ManifestDoc[], kind: string) => objectsOfKind(docs, kind) as Obj[];

const scenarioDir = dirOf('kubernetes');
// every scenario file in the folder (the addon scenarios also have assertions of their own in test/addons)
const scenarios = scenarioFiles('kubernetes');
// Addon chart sources live in the platform namespace, created by the management-platform chart; Velero's
// credentials Secret (addons-all-on) is the platform team's, next to the HelmReleases.
const EXTERNAL = ['HelmRepository/matryoshka-system/*', 'OCIRepository/matryoshka-system/*', 'Secret/tenant-a/tenant-a-velero-credentials'];


const byName = (objs: Obj[], name: string) => objs.find((o) => o.metadata.name === name);

describe('kubernetes chart scenarios', () => {
  it('finds the scenario files the assertions below are about', () => {
    for (const s of ['minimal', 'ha-control-plane', 'many-node-groups', 'gpu-group', 'scale-from-zero', 'custom-network', 'registry-mirrors', 'no-node-groups']) {
      expect(scenarios).toContain(`${s}.yaml`);
    }
  });

  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it('renders the default values into a valid, fully wired tenant cluster', async () => {
      const docs = await renderChart('kubernetes', { major });
      expectValid(docs, { external: EXTERNAL });
      const kinds = new Set(docs.map((d) => d.object.kind));
      for (const k of ['Cluster', 'KamajiControlPlane', 'KubevirtCluster', 'KubevirtMachineTemplate', 'KubeadmConfigTemplate', 'MachineDeployment', 'MachineHealthCheck']) {
        expect(kinds).toContain(k);
      }
    });

    it.each(scenarios)('renders %s into valid, fully wired objects', async (file) => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, file)] });
      expectValid(docs, { external: EXTERNAL });
      for (const d of docs) expect(d.object.metadata.namespace ?? 'tenant-a').toBe('tenant-a');
    });

    it('minimal: one control-plane pod and one worker', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'minimal.yaml')] });
      expect(ofKind(docs, 'KamajiControlPlane')[0]!.spec.replicas).toBe(1);
      const mds = ofKind(docs, 'MachineDeployment');
      expect(mds.map((m) => [m.metadata.name, m.spec.replicas])).toEqual([['tenant-a-workers', 1]]);
    });

    it('ha-control-plane: three pods kept on different nodes, dedicated datastore, component tuning', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'ha-control-plane.yaml')] });
      const kcp = ofKind(docs, 'KamajiControlPlane')[0]!;
      expect(kcp.spec.replicas).toBe(3);
      expect(kcp.spec.version).toMatch(/^v1\.33\.\d+$/);
      expect(kcp.spec.dataStoreName).toBe('etcd-gold');
      expect(kcp.spec.dataStoreOverrides).toEqual([{ resource: '/events', dataStore: 'etcd-events' }]);
      const anti = kcp.spec.deployment.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
      expect(anti[0].topologyKey).toBe('kubernetes.io/hostname');
      expect(anti[0].labelSelector.matchLabels).toEqual({ 'kamaji.clastix.io/name': 'tenant-a' });
      expect(kcp.spec.deployment.tolerations[0].key).toBe('dedicated');
      expect(kcp.spec.apiServer.extraArgs).toEqual(['--audit-log-maxage=30', '--max-requests-inflight=800']);
      expect(kcp.spec.apiServer.resources.requests).toEqual({ cpu: '500m', memory: '1Gi' });
      expect(kcp.spec.addons.konnectivity.agent).toEqual({ mode: 'Deployment', replicas: 3 });
      // every MachineDeployment runs the control plane's version
      for (const md of ofKind(docs, 'MachineDeployment')) expect(md.spec.template.spec.version).toBe(kcp.spec.version);
    });

    it('many-node-groups: one MachineDeployment, health check and template pair per group, each its own shape', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'many-node-groups.yaml')] });
      const mds = ofKind(docs, 'MachineDeployment');
      expect(mds.map((m) => m.metadata.name).sort()).toEqual(['tenant-a-edge', 'tenant-a-infra', 'tenant-a-memory', 'tenant-a-workers']);
      expect(ofKind(docs, 'MachineHealthCheck').map((m) => m.metadata.name).sort()).toEqual(['tenant-a-infra', 'tenant-a-memory', 'tenant-a-workers']);
      const kmts = ofKind(docs, 'KubevirtMachineTemplate');
      const kcts = ofKind(docs, 'KubeadmConfigTemplate');
      expect(kmts).toHaveLength(4);
      expect(kcts).toHaveLength(4);
      const spec = (md: Obj) => byName(kmts, md.spec.template.spec.infrastructureRef.name)!.spec.template.spec.virtualMachineTemplate.spec;
      const boot = (md: Obj) => byName(kcts, md.spec.template.spec.bootstrap.configRef.name)!.spec.template.spec;
      const md = (n: string) => byName(mds, `tenant-a-${n}`)!;
      expect(spec(md('workers')).template.spec.domain.cpu).toEqual({ cores: 4 });
      expect(spec(md('workers')).template.spec.domain.memory).toEqual({ guest: '8Gi' });
      expect(spec(md('memory')).instancetype).toEqual({ kind: 'VirtualMachineClusterInstancetype', name: 'u1.2xlarge' });
      expect(spec(md('memory')).template.spec.domain.cpu).toBeUndefined();
      expect(spec(md('memory')).dataVolumeTemplates[0].spec.storage).toEqual({ resources: { requests: { storage: '40Gi' } }, storageClassName: 'fast-ssd' });
      expect(spec(md('infra')).template.spec.volumes.map((v: Obj) => v.name)).toEqual(['rootdisk', 'logs', 'cache']);
      expect(spec(md('edge')).template.spec.networks[1]).toEqual({ name: 'storage', multus: { networkName: 'tenant-a/storage-net' } });
      expect(spec(md('edge')).template.spec.evictionStrategy).toBe('LiveMigrate');
      expect(md('edge').spec.rollout.strategy).toEqual({ type: 'OnDelete' });
      expect(md('infra').spec.rollout.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
      // nodeGroupDefaults flow into every group; group labels add to the default labels
      const args = (n: string) => Object.fromEntries(boot(md(n)).joinConfiguration.nodeRegistration.kubeletExtraArgs.map((a: Obj) => [a.name, a.value]));
      expect(args('workers')['max-pods']).toBe('150');
      expect(args('workers')['kube-reserved']).toBe('cpu=100m,memory=512Mi');
      expect(args('infra')['node-labels']).toBe('example.com/pool=infra,example.com/tenant=tenant-a');
      expect(boot(md('infra')).joinConfiguration.nodeRegistration.taints).toEqual([{ key: 'example.com/infra', value: 'true', effect: 'NoSchedule' }]);
      const mhc = byName(ofKind(docs, 'MachineHealthCheck'), 'tenant-a-infra')!;
      expect(mhc.spec.remediation.triggerIf.unhealthyLessThanOrEqualTo).toBe(1);
    });

    it('gpu-group: GPUs and host devices passed through, URL-imported root disk, autoscaled', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'gpu-group.yaml')] });
      const md = byName(ofKind(docs, 'MachineDeployment'), 'tenant-a-gpu')!;
      const vm = byName(ofKind(docs, 'KubevirtMachineTemplate'), md.spec.template.spec.infrastructureRef.name)!.spec.template.spec.virtualMachineTemplate.spec;
      expect(vm.template.spec.domain.devices.gpus).toEqual([{ name: 'gpu1', deviceName: 'nvidia.com/GA102GL_A10' }]);
      expect(vm.template.spec.domain.devices.hostDevices).toEqual([{ name: 'nvme0', deviceName: 'example.com/NVME_SSD' }]);
      expect(vm.dataVolumeTemplates[0].spec.source).toEqual({ http: { url: 'https://images.example.com/ubuntu-2404-kube-v1.34.2.qcow2' } });
      expect(md.spec.replicas).toBeUndefined();
      expect(md.metadata.annotations['capacity.cluster-autoscaler.kubernetes.io/gpu-count']).toBe('1');
      expect(md.metadata.annotations['capacity.cluster-autoscaler.kubernetes.io/taints']).toBe('nvidia.com/gpu:NoSchedule');
      const mhc = byName(ofKind(docs, 'MachineHealthCheck'), 'tenant-a-gpu')!;
      expect(mhc.spec.checks.nodeStartupTimeoutSeconds).toBe(2400);
    });

    it('scale-from-zero: no replicas, min 0, capacity annotations computed from the group size', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'scale-from-zero.yaml')] });
      const md = byName(ofKind(docs, 'MachineDeployment'), 'tenant-a-batch')!;
      expect('replicas' in md.spec).toBe(false);
      expect(md.metadata.labels['cluster.x-k8s.io/cluster-name']).toBe('tenant-a');
      expect(md.metadata.annotations).toEqual({
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '0',
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '10',
        'capacity.cluster-autoscaler.kubernetes.io/cpu': '16',
        'capacity.cluster-autoscaler.kubernetes.io/memory': '64Gi',
        'capacity.cluster-autoscaler.kubernetes.io/maxPods': '200',
        'capacity.cluster-autoscaler.kubernetes.io/labels': 'example.com/workload=batch',
        'capacity.cluster-autoscaler.kubernetes.io/taints': 'example.com/batch=only:NoSchedule',
      });
      // the non-autoscaled group keeps its replicas and has no autoscaler annotations
      const workers = byName(ofKind(docs, 'MachineDeployment'), 'tenant-a-workers')!;
      expect(workers.spec.replicas).toBe(1);
      expect(workers.metadata.annotations).toBeUndefined();
    });

    it('custom-network: CIDRs, DNS domain and port reach the Cluster; API exposed through a LoadBalancer and a Gateway', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'custom-network.yaml')] });
      const cluster = ofKind(docs, 'Cluster')[0]!;
      expect(cluster.spec.clusterNetwork).toEqual({
        apiServerPort: 7443,
        pods: { cidrBlocks: ['172.16.0.0/16'] },
        services: { cidrBlocks: ['172.20.0.0/16'] },
        serviceDomain: 'tenant-a.internal',
      });
      expect(cluster.metadata.labels['example.com/env']).toBe('production');
      const kcp = ofKind(docs, 'KamajiControlPlane')[0]!;
      expect(kcp.spec.network.serviceType).toBe('LoadBalancer');
      expect(kcp.spec.network.serviceAddress).toBe('203.0.113.10');
      expect(kcp.spec.network.loadBalancerConfig).toEqual({ loadBalancerClass: 'example.com/metallb', loadBalancerSourceRanges: ['198.51.100.0/24'] });
      expect(kcp.spec.network.gateway).toEqual({ hostname: 'api.tenant-a.example.com', name: 'tenants', namespace: 'gateway-system', sectionName: 'tls-passthrough' });
      // Kamaji adds <cluster>.<ns>.svc(.cluster.local) itself; the tenant's dnsDomain names nothing on the management cluster
      expect(kcp.spec.network.certSANs).toEqual(['api.tenant-a.example.com', '203.0.113.10']);
      expect(kcp.spec.network.serviceAnnotations).toMatchObject({ 'metallb.io/loadBalancerIPs': '203.0.113.10', 'lbipam.cilium.io/ips': '203.0.113.10', 'kube-vip.io/loadbalancerIPs': '203.0.113.10' });
      expect(kcp.spec.addons.kubeProxy).toBeUndefined();
      expect(kcp.spec.addons.coreDNS).toEqual({ dnsServiceIPs: ['172.20.0.10'] });
    });

    it('registry-mirrors: containerd hosts.toml per registry, users and boot hooks in the bootstrap config', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'registry-mirrors.yaml')] });
      const boot = ofKind(docs, 'KubeadmConfigTemplate')[0]!.spec.template.spec;
      const files = Object.fromEntries(boot.files.map((f: Obj) => [f.path, f.content]));
      expect(files['/etc/containerd/certs.d/docker.io/hosts.toml']).toBe(
        'server = "https://registry-1.docker.io"\n\n[host."https://mirror.example.com/v2/docker.io"]\n  capabilities = ["pull", "resolve"]\n  override_path = true\n\n[host."https://mirror-2.example.com"]\n  capabilities = ["pull", "resolve"]\n',
      );
      expect(files['/etc/containerd/certs.d/harbor.internal:5000/hosts.toml']).toContain('skip_verify = true');
      expect(files['/etc/containerd/certs.d/registry.k8s.io/hosts.toml']).not.toContain('skip_verify');
      expect(files['/etc/sysctl.d/90-inotify.conf']).toContain('fs.inotify.max_user_watches = 524288');
      expect(boot.users).toEqual([
        { name: 'breakglass', sudo: 'ALL=(ALL) NOPASSWD:ALL', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4bSbtCHTP0Wgse9lG1dOiGsMzT8eyFZeG7i3HmN8qk ops@example.com'] },
      ]);
      // the kubelet's other default thresholds are kept (it would set them to 0)
      expect(boot.joinConfiguration.nodeRegistration.kubeletExtraArgs).toContainEqual({
        name: 'eviction-hard',
        value: 'memory.available<500Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%',
      });
      expect(boot.preKubeadmCommands).toEqual(['sysctl --system']);
      expect(boot.postKubeadmCommands).toEqual(['echo joined > /var/log/matryoshka-joined']);
    });

    it('no-node-groups: removing the default group leaves a control plane without workers', async () => {
      const docs = await renderChart('kubernetes', { major, valuesFiles: [join(scenarioDir, 'no-node-groups.yaml')] });
      for (const k of ['KubevirtMachineTemplate', 'KubeadmConfigTemplate', 'MachineDeployment', 'MachineHealthCheck']) {
        expect(ofKind(docs, k)).toHaveLength(0);
      }
      expect(ofKind(docs, 'KamajiControlPlane')).toHaveLength(1);
    });
  });
});
