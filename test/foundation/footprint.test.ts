import { describe, expect, it } from 'vitest';
import { managementFootprint, parseQuantity } from '../../generator/src/manifest/footprint.ts';
import { renderChart } from '../support/render.ts';

describe('management footprint', () => {
  it('parses Kubernetes quantities', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('64Mi')).toBe(64 * 2 ** 20);
    expect(parseQuantity('1k')).toBe(1000);
    expect(() => parseQuantity('5 apples')).toThrow(/quantity/);
  });

  it('sums workload requests × replicas and the Kamaji control-plane containers × replicas', () => {
    const fp = managementFootprint([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } } },
      {
        apiVersion: 'controlplane.cluster.x-k8s.io/v1alpha2', kind: 'KamajiControlPlane', metadata: { name: 'k' },
        spec: { replicas: 3, apiServer: { resources: { requests: { cpu: '200m', memory: '256Mi' } } }, scheduler: { resources: { requests: { cpu: '10m' } } } },
      },
    ]);
    expect(fp.cpuCores).toBeCloseTo(0.2 + 3 * 0.21);
    expect(fp.memoryBytes).toBe(2 * 64 * 2 ** 20 + 3 * 256 * 2 ** 20);
  });

  it('counts every management-side pod of the default tenant (the size target lives in npm run bench)', async () => {
    const fp = managementFootprint((await renderChart('kubernetes')).map((d) => d.object));
    expect(fp.parts.map((p) => p.object).sort()).toEqual(
      // no group is autoscaled by default, so no cluster-autoscaler runs
      ['Deployment/tenant-a-ccm', 'Deployment/tenant-a-csi-controller', 'KamajiControlPlane/tenant-a', 'MachineDeployment/tenant-a-workers'].sort(),
    );
    for (const p of fp.parts) expect(p.cpuCores * p.memoryBytes, `${p.object} declares requests`).toBeGreaterThan(0);
  });

  it('counts the worker VMs as KubeVirt v1.8 requests them, at their current size', async () => {
    const docs = await renderChart('kubernetes', { values: { nodeGroups: { workers: { replicas: 3, cpu: 4, memory: '8Gi' }, gpu: { replicas: 1, cpuRequestPerCore: '1', gpus: [{ name: 'g', deviceName: 'nvidia.com/A10' }] } } } });
    const fp = managementFootprint(docs.map((d) => d.object));
    const Mi = 2 ** 20;
    const workers = fp.parts.find((p) => p.object === 'MachineDeployment/tenant-a-workers')!;
    // 4 vCPUs at KubeVirt's default allocation ratio 10, plus the console-log container
    expect(workers.cpuCores).toBeCloseTo(3 * (0.4 + 0.005));
    // 8Gi guest + 16Mi page tables + 220Mi processes + 4×8Mi + 8Mi + 32Mi graphics + 35M console log
    expect(workers.memoryBytes).toBeCloseTo(3 * (8192 * Mi + 16 * Mi + 220 * Mi + 32 * Mi + 8 * Mi + 32 * Mi + 35e6));
    const gpu = fp.parts.find((p) => p.object === 'MachineDeployment/tenant-a-gpu')!;
    expect(gpu.cpuCores).toBeCloseTo(2 + 0.005); // cpuRequestPerCore 1 × 2 vCPUs
    expect(gpu.memoryBytes).toBeCloseTo(4096 * Mi + 8 * Mi + 220 * Mi + 16 * Mi + 8 * Mi + 32 * Mi + 1024 * Mi + 35e6); // + 1Gi VFIO
    expect(fp.workers.cpuCores).toBeCloseTo(workers.cpuCores + gpu.cpuCores);
    expect(fp.control.cpuCores + fp.workers.cpuCores).toBeCloseTo(fp.cpuCores);
  });
});
