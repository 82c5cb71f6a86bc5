// Cross-chart wiring: what the platform hands to other charts is what they accept and reference.
//  * every tenant HelmRelease's values render the kubernetes chart into valid objects whose addon
//    sources are the shared HelmRepositories the platform creates;
//  * the shared sources are exactly the tenant addon catalog's sources plus the platform's own;
//  * the stages chart is lint-clean for every stage the platform renders.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { helmLint, helmTemplate } from '../../generator/src/helm/run.ts';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { expectValid } from '../support/validate.ts';
import { PLATFORM_NAMESPACE, ofKind, renderPlatform, renderStages, scenarioDir, stageReleases } from './support.ts';

const catalogSources = (file: string) => Object.keys((parse(readFileSync(join(repoRoot, 'schemas', file), 'utf8')) as { sources: Record<string, unknown> }).sources);

const tmp = mkdtempSync(join(tmpdir(), 'platform-wiring-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(HELM_MAJORS)('management-platform wiring under Helm %i', (major) => {
  it('creates exactly the tenant addon sources and its own component sources, once, in the shared namespace', async () => {
    const docs = await renderPlatform({ major });
    const repos = ofKind(docs, 'HelmRepository');
    const expected = [...new Set([...catalogSources('kubernetes/addons.catalog.yaml'), ...catalogSources('management-platform/components.catalog.yaml')])].sort();
    expect(repos.map((r) => r.metadata.name).sort()).toEqual(expected);
    for (const r of repos) expect(r.metadata.namespace).toBe(PLATFORM_NAMESPACE);
  });

  it('creates the shared sources namespace, kept on uninstall, when installed elsewhere', async () => {
    const docs = await renderPlatform({ major, namespace: 'platform-system' });
    const ns = ofKind(docs, 'Namespace').find((n) => n.metadata.name === PLATFORM_NAMESPACE)!;
    expect(ns.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    for (const r of ofKind(docs, 'HelmRepository')) expect(r.metadata.namespace).toBe(PLATFORM_NAMESPACE);
    for (const h of ofKind(docs, 'HelmRelease')) expect(h.metadata.namespace).toBe('platform-system');
  });

  it('hands each fleet tenant values the kubernetes chart renders into valid objects wired to the shared sources', async () => {
    const platform = await renderPlatform({ major, valuesFiles: [join(scenarioDir, 'fleet.yaml')] });
    const tenants = ofKind(platform, 'HelmRelease').filter((h) => h.spec.chart.spec.chart === 'kubernetes');
    expect(tenants).toHaveLength(3);
    const all = [...platform];
    for (const t of tenants) {
      const text = await helmTemplate({ chartDir: join(chartsDir, 'kubernetes'), releaseName: t.spec.releaseName, namespace: t.metadata.namespace, values: t.spec.values, major });
      const docs = parseManifests(text);
      expect(docs.length).toBeGreaterThan(0);
      all.push(...docs);
    }
    // validated together: every tenant addon's sourceRef must resolve to a platform HelmRepository
    expectValid([...all, ...(await renderStages(platform, major))], { namespace: PLATFORM_NAMESPACE });
  });

  it('keeps names that look like YAML scalars strings (tenant "true" in namespace "0", instancetype "1")', async () => {
    const values = { tenants: { true: { namespace: '0' } }, kubevirt: { instancetypes: { enabled: true, instancetypes: { '1': { cpu: 1, memory: '1Gi' } } } } };
    const platform = await renderPlatform({ major, values });
    const tenant = ofKind(platform, 'HelmRelease').find((h) => h.spec.chart.spec.chart === 'kubernetes')!;
    expect(tenant.metadata).toMatchObject({ name: 'true', namespace: '0' });
    expect(tenant.spec.releaseName).toBe('true');
      expect(ofKind(platform, 'Namespace').map((n) => n.metadata.name)).toEqual(['0', 'kubevirt', 'cdi']);
    const stages = await renderStages(platform, major);
    expect(ofKind(stages, 'VirtualMachineClusterInstancetype').map((o) => o.metadata.name)).toContain('1');
  });

  it('renders stages that helm lint --strict accepts, for every stage the platform can create', async () => {
    const platform = await renderPlatform({ major, valuesFiles: [join(scenarioDir, 'everything-on.yaml')] });
    const stages = stageReleases(platform);
    expect(stages.map((s) => s.spec.values.stage)).toEqual(['capi-providers', 'kamaji-datastore', 'kubevirt-config', 'kubevirt-instancetypes']);
    for (const s of stages) {
      const file = join(tmp, `${major}-${s.spec.values.stage}.yaml`);
      writeFileSync(file, stringify(s.spec.values));
      const r = await helmLint(join(chartsDir, 'management-platform-stages'), { major, valuesFiles: [file] });
      expect(r.output, s.metadata.name).not.toMatch(/\[(WARNING|ERROR)\]|Fail:|funcMap fail/);
      expect(r.ok).toBe(true);
    }
  });
});
