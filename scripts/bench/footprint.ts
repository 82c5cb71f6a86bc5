// Issue 8 target: the default HA tenant's control plane and helpers ask the management cluster for
// ≤ 1 CPU and ≤ 3 GiB (Kamaji control-plane pods, CCM, CSI controller, autoscaler). Its worker VMs
// are reported next to that, as KubeVirt requests them (they are the tenant's capacity, not overhead).
import { managementFootprint } from '../../generator/src/manifest/footprint.ts';
import type { BenchCase } from './_case.ts';
import { renderTenant } from './_render.ts';

export const bench: BenchCase = {
  name: 'tenant footprint',
  description: 'default tenant: management-side requests and objects per tenant',
  unit: 'objects',
  iterations: 1,
  figureTargets: { 'control plane + helpers CPU requests (cores)': 1, 'control plane + helpers memory requests (GiB)': 3 },
  async run() {
    const objects = (await renderTenant(undefined)).map((d) => d.object);
    const fp = managementFootprint(objects);
    const figures: Record<string, number> = {
      'control plane + helpers CPU requests (cores)': Number(fp.control.cpuCores.toFixed(3)),
      'control plane + helpers memory requests (GiB)': Number((fp.control.memoryBytes / 2 ** 30).toFixed(3)),
      'worker VMs CPU requests (cores)': Number(fp.workers.cpuCores.toFixed(3)),
      'worker VMs memory requests (GiB)': Number((fp.workers.memoryBytes / 2 ** 30).toFixed(3)),
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
