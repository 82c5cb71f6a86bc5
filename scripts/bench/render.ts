// Issue 8 targets: the default tenant renders in ≤ 300 ms with Helm 4; 100 node groups in ≤ 1 s.
// Cost against node-group count and against enabled addons shows how rendering scales.
import type { HelmMajor } from '../../generator/src/helm/binary.ts';
import type { BenchCase } from './_case.ts';
import { ADDON_SETTINGS, nodeGroups, OPTIONAL_ADDONS, renderTenant } from './_render.ts';

const defaultTenant = (major: HelmMajor, targetMs?: number): BenchCase => ({
  name: `render default tenant (helm ${major})`,
  description: `helm ${major} template of charts/kubernetes with default values, parsed`,
  unit: 'objects',
  iterations: 7,
  ...(targetMs ? { targetMs } : {}),
  async run() {
    return { items: (await renderTenant(undefined, major)).length };
  },
});

const groups = (n: number): BenchCase => ({
  name: `render ${n} node group(s)`,
  description: `helm 4 template with ${n} node groups`,
  unit: 'objects',
  ...(n === 100 ? { targetMs: 1000 } : {}),
  async run() {
    return { items: (await renderTenant(nodeGroups(n))).length };
  },
});

const addons = (n: number): BenchCase => ({
  name: `render ${3 + n} addons`,
  description: `helm 4 template with the 3 default addons and ${n} optional ones`,
  unit: 'objects',
  async run() {
    const enabled = Object.fromEntries(OPTIONAL_ADDONS.slice(0, n).map((a) => [a, { enabled: true, ...ADDON_SETTINGS[a] }]));
    return { items: (await renderTenant({ addons: enabled })).length };
  },
});

export const benches: BenchCase[] = [
  defaultTenant(3),
  defaultTenant(4, 300),
  ...[1, 10, 50, 100].map(groups),
  ...[0, 2, OPTIONAL_ADDONS.length].map(addons),
];
