// The versions the platform installs are the ones the README's compatibility table promises:
// the table is the expectation, the rendered provider objects and HelmReleases are what is checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { named, renderPlatform, renderStages } from './support.ts';

/** Rows of the README's "Compatibility" table: component → pinned-version cell. */
function compatibilityTable(): Map<string, string> {
  const text = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = text.split(/^## Compatibility\s*$/m)[1]!.split(/^## /m)[0]!;
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || cells[1] === 'component' || cells[1]!.startsWith('---')) continue;
    rows.set(cells[1]!, cells[3]!);
  }
  return rows;
}

/** The first backquoted version in a cell, e.g. `v1.14.0`. */
function pinned(rows: Map<string, string>, component: string): string {
  const cell = rows.get(component);
  expect(cell, `README compatibility table has no row "${component}"`).toBeDefined();
  const m = /`([^`]+)`/.exec(cell!);
  expect(m, `row "${component}" names no exact version in backquotes: ${cell}`).not.toBeNull();
  return m![1]!;
}

describe('README compatibility table', () => {
  const rows = compatibilityTable();

  it('names an exact version for every component the platform pins', () => {
    for (const c of ['Cluster API core + kubeadm bootstrap', 'Kamaji CAPI control-plane provider', 'CAPI KubeVirt provider (CAPK)', 'Kamaji', 'cluster-api-operator']) {
      expect(pinned(rows, c)).toMatch(/^(v?\d+\.\d+\.\d+|\d+\.\d+\.\d+-edge)$/);
    }
  });

  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it('equals the provider versions the platform renders', async () => {
      const platform = await renderPlatform({ major });
      const stages = await renderStages(platform, major);
      const capi = pinned(rows, 'Cluster API core + kubeadm bootstrap');
      expect(named(stages, 'CoreProvider', 'cluster-api')!.spec.version).toBe(capi);
      expect(named(stages, 'BootstrapProvider', 'kubeadm')!.spec.version).toBe(capi);
      expect(named(stages, 'ControlPlaneProvider', 'kamaji')!.spec.version).toBe(pinned(rows, 'Kamaji CAPI control-plane provider'));
      expect(named(stages, 'InfrastructureProvider', 'kubevirt')!.spec.version).toBe(pinned(rows, 'CAPI KubeVirt provider (CAPK)'));
    });

    it('equals the cluster-api-operator chart and the Kamaji image the platform installs', async () => {
      const platform = await renderPlatform({ major });
      expect(named(platform, 'HelmRelease', 'platform-cluster-api-operator')!.spec.chart.spec.version).toBe(pinned(rows, 'cluster-api-operator'));
      expect(named(platform, 'HelmRelease', 'platform-kamaji')!.spec.values.image.tag).toBe(pinned(rows, 'Kamaji'));
    });
  });
});
