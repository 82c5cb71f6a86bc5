import { describe, expect, it } from 'vitest';
import { HELM_MAJORS, renderChartText, renderError } from '../support/render.ts';

describe.each(HELM_MAJORS)('generated values.schema.json under Helm %i', (major) => {
  it('rejects an unknown key and names it', async () => {
    const msg = await renderError('kubernetes', { major, values: { cluster: { netwrk: {} } } });
    expect(msg).toMatch(/netwrk/);
    expect(msg).toMatch(/additional propert/i);
  });

  it('rejects a wrong type and names the key and the expected type', async () => {
    const msg = await renderError('kubernetes', { major, values: { cluster: { network: { dnsDomain: 42 } } } });
    expect(msg).toMatch(/dnsDomain/);
    expect(msg).toMatch(/string/);
  });

  it('accepts global values (subchart use) on both charts', async () => {
    for (const chart of ['kubernetes', 'management-platform']) {
      // the platform's install-time checks need a cluster; render it offline
      const offline = chart === 'management-platform' ? ['preflight.fluxCheck=false', 'preflight.kubevirtCheck=false'] : undefined;
      await expect(renderChartText(chart, { major, set: offline, values: { global: { imageRegistry: 'r.example', anything: { nested: true } } } })).resolves.toBeTypeOf('string');
    }
  });
});
