// Flux (and, with kubevirt.mode external, KubeVirt and CDI) must already run: the install fails with
// a message that says what is missing and how to render offline.
import { describe, expect, it } from 'vitest';
import { HELM_MAJORS } from '../support/render.ts';
import { ofKind, renderPlatform, renderPlatformError } from './support.ts';

const KUBEVIRT = ['kubevirt.io/v1', 'cdi.kubevirt.io/v1beta1'];
const EXTERNAL = { kubevirt: { mode: 'external' } };

describe.each(HELM_MAJORS)('management-platform preflight under Helm %i', (major) => {
  it('fails when the cluster does not serve the Flux HelmRelease API, naming the override', async () => {
    const msg = await renderPlatformError({ major, apiVersions: KUBEVIRT });
    expect(msg).toMatch(/Flux is a prerequisite/);
    expect(msg).toMatch(/helm\.toolkit\.fluxcd\.io\/v2/);
    expect(msg).toMatch(/preflight\.fluxCheck=false/);
  });

  it('renders offline with preflight.fluxCheck=false', async () => {
    const docs = await renderPlatform({ major, apiVersions: KUBEVIRT, values: { preflight: { fluxCheck: false } } });
    expect(ofKind(docs, 'HelmRelease').length).toBeGreaterThan(0);
  });

  it('fails with kubevirt.mode external when KubeVirt is not installed, naming the choices', async () => {
    const msg = await renderPlatformError({ major, apiVersions: ['helm.toolkit.fluxcd.io/v2', 'cdi.kubevirt.io/v1beta1'], values: EXTERNAL });
    expect(msg).toMatch(/kubevirt\.mode is external but the API kubevirt\.io\/v1 is not served/);
    expect(msg).toMatch(/kubevirt\.mode=bundled/);
    expect(msg).toMatch(/preflight\.kubevirtCheck=false/);
  });

  it('fails with kubevirt.mode external when CDI is not installed', async () => {
    const msg = await renderPlatformError({ major, apiVersions: ['helm.toolkit.fluxcd.io/v2', 'kubevirt.io/v1'], values: EXTERNAL });
    expect(msg).toMatch(/cdi\.kubevirt\.io\/v1beta1 is not served/);
  });

  it('does not look for KubeVirt when the platform installs it (mode bundled, the default)', async () => {
    const docs = await renderPlatform({ major, apiVersions: ['helm.toolkit.fluxcd.io/v2'] });
    expect(ofKind(docs, 'HelmRelease').map((h) => h.metadata.name)).toEqual(expect.arrayContaining(['platform-kubevirt-operator', 'platform-cdi-operator', 'platform-kubevirt-config']));
  });

  it('skips the KubeVirt check with preflight.kubevirtCheck=false', async () => {
    const docs = await renderPlatform({ major, apiVersions: ['helm.toolkit.fluxcd.io/v2'], values: { ...EXTERNAL, preflight: { kubevirtCheck: false } } });
    expect(ofKind(docs, 'HelmRelease').length).toBeGreaterThan(0);
  });
});
