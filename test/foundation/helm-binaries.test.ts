import { describe, expect, it } from 'vitest';
import { helmBinary, helmVersion } from '../../generator/src/helm/binary.ts';
import { helmLint } from '../../generator/src/helm/run.ts';
import { chartsDir } from '../../generator/src/paths.ts';
import { join } from 'node:path';

describe('pinned helm binaries', () => {
  it('provides Helm 3.17.x and Helm 4.1.x from .tools/', async () => {
    const h3 = helmBinary(3, {});
    const h4 = helmBinary(4, {});
    expect(h3.origin).toBe('pinned');
    expect(h4.origin).toBe('pinned');
    expect(await helmVersion(h3)).toMatch(/^v3\.17\.\d+/);
    expect(await helmVersion(h4)).toMatch(/^v4\.1\.\d+/);
  });

  it('honours per-major and default overrides', () => {
    expect(helmBinary(3, { HELM3_BIN: '/opt/helm3' })).toMatchObject({ path: '/opt/helm3', origin: 'HELM3_BIN' });
    expect(helmBinary(4, { HELM_BIN: '/opt/helm' })).toMatchObject({ path: '/opt/helm', origin: 'HELM_BIN' });
    // HELM_BIN overrides only the default major, so a test matrix still runs the other pinned one
    expect(helmBinary(3, { HELM_BIN: '/opt/helm' }).origin).toBe('pinned');
  });
});

describe('helm lint --strict', () => {
  for (const chart of ['kubernetes', 'management-platform']) {
    for (const major of [3, 4] as const) {
      it(`is clean for ${chart} with Helm ${major}`, async () => {
        const r = await helmLint(join(chartsDir, chart), { major, strict: true });
        expect(r.output).toContain('0 chart(s) failed');
        expect(r.output).not.toMatch(/\[(WARNING|ERROR)\]/);
        expect(r.ok).toBe(true);
      });
    }
  }
});
