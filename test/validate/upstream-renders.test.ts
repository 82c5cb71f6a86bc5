// The charts' own renders pass every upstream-behaviour rule (container contracts, RBAC sufficiency,
// semantics): the defaults and every scenario of the kubernetes and management-platform charts (the
// platform's stage releases rendered through the stages chart, as Flux would), with both Helm majors.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/src/paths.ts';
import { PLATFORM_NAMESPACE, renderPlatform, renderStages } from '../platform/support.ts';
import { HELM_MAJORS, renderChart } from '../support/render.ts';
import { issues } from './support-upstream.ts';

const dir = (chart: string) => join(repoRoot, 'test', 'scenarios', chart);
const files = (chart: string) => ['(defaults)', ...readdirSync(dir(chart)).filter((f) => f.endsWith('.yaml')).sort()];
const valuesFiles = (chart: string, f: string) => (f === '(defaults)' ? [] : [join(dir(chart), f)]);

describe.each(HELM_MAJORS)('Helm %i', (major) => {
  it.each(files('kubernetes'))('kubernetes %s', async (f) => {
    const docs = await renderChart('kubernetes', { major, valuesFiles: valuesFiles('kubernetes', f) });
    expect(issues(docs)).toEqual([]);
  });

  it.each(files('management-platform'))('management-platform %s (and its stages)', async (f) => {
    const platform = await renderPlatform({ major, valuesFiles: valuesFiles('management-platform', f) });
    const stages = await renderStages(platform, major);
    expect(issues([...platform, ...stages], undefined, PLATFORM_NAMESPACE)).toEqual([]);
  });
});
