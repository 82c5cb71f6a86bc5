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
      ['Deployment/tenant-a-ccm', 'Deployment/tenant-a-csi-controller', 'KamajiControlPlane/tenant-a'].sort(),
    );
    for (const p of fp.parts) expect(p.cpuCores * p.memoryBytes, `${p.object} declares requests`).toBeGreaterThan(0);
  });
});
