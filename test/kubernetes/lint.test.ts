// `helm lint --strict` of the tenant chart, with the defaults and with every scenario.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmLint } from '../../generator/src/helm/run.ts';
import { chartsDir } from '../../generator/src/paths.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { scenarioDir, scenarioFiles } from '../support/scenarios.ts';

describe.each(HELM_MAJORS)('helm lint --strict under Helm %i', (major) => {
  it('passes with the default values', async () => {
    const r = await helmLint(join(chartsDir, 'kubernetes'), { major, strict: true });
    expect(r.output).toMatch(/0 chart\(s\) failed/);
    expect(r.ok, r.output).toBe(true);
  });

  it('passes with every scenario', async () => {
    const valuesFiles = scenarioFiles('kubernetes').map((s) => join(scenarioDir('kubernetes'), s));
    for (const f of valuesFiles) {
      const r = await helmLint(join(chartsDir, 'kubernetes'), { major, strict: true, valuesFiles: [f] });
      expect(r.ok, `${f}\n${r.output}`).toBe(true);
    }
  });
});
