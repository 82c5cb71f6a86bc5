// Issue 8 target: the default HA tenant asks the management cluster for ≤ 1 CPU and ≤ 3 GiB
// (requests of the Kamaji control-plane pods and the CCM / CSI controller / autoscaler).
import { managementFootprint } from '../../generator/src/manifest/footprint.ts';
import type { BenchCase } from './_case.ts';
import { renderTenant } from './_render.ts';

export const bench: BenchCase = {
  name: 'tenant footprint',
  description: 'default tenant: management-side requests and objects per tenant',
  unit: 'objects',
  iterations: 1,
  figureTargets: { 'management CPU requests (cores)': 1, 'management memory requests (GiB)': 3 },
  async run() {
    const objects = (await renderTenant(undefined)).map((d) => d.object);
    const fp = managementFootprint(objects);
    const figures: Record<string, number> = {
      'management CPU requests (cores)': Number(fp.cpuCores.toFixed(3)),
      'management memory requests (GiB)': Number((fp.memoryBytes / 2 ** 30).toFixed(3)),
      'objects per tenant (management cluster)': objects.length,
      'HelmReleases per tenant (into the tenant)': objects.filter((o) => o.kind === 'HelmRelease').length,
    };
    for (const p of fp.parts) {
      figures[`  ${p.object} CPU (millicores)`] = Math.round(p.cpuCores * 1000);
      figures[`  ${p.object} memory (MiB)`] = Math.round(p.memoryBytes / 2 ** 20);
    }
    return { items: objects.length, figures };
  },
};
