// Rendering helpers of the render benchmarks: the real helm binaries, values built in memory.
import { join } from 'node:path';
import type { HelmMajor } from '../../generator/src/helm/binary.ts';
import { helmTemplate } from '../../generator/src/helm/run.ts';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { chartsDir } from '../../generator/src/paths.ts';
import type { KubernetesValues, NodeGroup } from '../../generator/src/types/kubernetes-values.ts';

export async function renderTenant(values: KubernetesValues | undefined, major: HelmMajor = 4) {
  const text = await helmTemplate({ chartDir: join(chartsDir, 'kubernetes'), releaseName: 'tenant-a', namespace: 'tenant-a', values, major });
  return parseManifests(text);
}

/** `n` node groups of varied sizes (some autoscaled) replacing the default group. */
export function nodeGroups(n: number): KubernetesValues {
  const groups: Record<string, NodeGroup> = { workers: null };
  for (let i = 0; i < n; i++) {
    groups[`g${i}`] = i % 2 ? { cpu: 2 + (i % 8), memory: `${4 + (i % 16)}Gi`, replicas: 1 + (i % 3) } : { cpu: 4, memory: '8Gi', autoscaling: { enabled: true, minSize: 0, maxSize: 10 } };
  }
  return { nodeGroups: groups };
}

export const OPTIONAL_ADDONS = ['cert-manager', 'envoy-gateway', 'gpu-operator', 'velero', 'vpa'];

/** What an optional addon needs besides `enabled` to render (Velero refuses to run without a bucket and credentials). */
export const ADDON_SETTINGS: Record<string, Record<string, unknown>> = {
  velero: { bucket: 'bench-backups', credentialsSecret: { name: 'bench-velero-credentials' } },
};
