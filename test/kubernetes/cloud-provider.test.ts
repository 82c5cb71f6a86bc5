import { describe, expect, it } from 'vitest';
import { HELM_MAJORS, objectsOfKind, renderChart } from '../support/render.ts';

type Arg = { name: string; value: string };
const kubeletArgs = (o: Record<string, unknown>) =>
  ((o.spec as unknown as { template: { spec: { joinConfiguration: { nodeRegistration: { kubeletExtraArgs: Arg[] } } } } }).template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs);

describe.each(HELM_MAJORS)('kubelet cloud provider (Helm %i)', (major) => {
  it('defers node initialisation to the KubeVirt CCM while it runs', async () => {
    const docs = await renderChart('kubernetes', { major });
    for (const t of objectsOfKind(docs, 'KubeadmConfigTemplate')) expect(kubeletArgs(t)).toContainEqual({ name: 'cloud-provider', value: 'external' });
  });

  it('leaves the kubelet alone without the CCM (nodes would stay tainted uninitialised)', async () => {
    const docs = await renderChart('kubernetes', { major, values: { cloudControllerManager: { enabled: false } } });
    for (const t of objectsOfKind(docs, 'KubeadmConfigTemplate')) expect(kubeletArgs(t).map((a) => a.name)).not.toContain('cloud-provider');
  });
});
