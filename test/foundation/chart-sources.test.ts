// Every chart is schema-first: a source under schemas/<chart>/ from which `npm run generate` writes the
// chart's values.schema.json, values.yaml, README.md and values type.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSources } from '../../generator/src/generate/charts.ts';
import { generateAll } from '../../generator/src/generate/outputs.ts';
import { listCharts } from '../../generator/src/package/build.ts';
import { repoRoot } from '../../generator/src/paths.ts';

describe('chart sources', () => {
  it('every chart under charts/ has a values schema source and a README template', () => {
    expect(chartSources().map((c) => c.name)).toEqual(listCharts());
    for (const c of chartSources()) expect(existsSync(c.readmeTemplate), c.readmeTemplate).toBe(true);
  });

  it('generate writes values.schema.json, values.yaml, README.md and the values type of each', async () => {
    const paths = new Set((await generateAll()).map((f) => f.path));
    for (const chart of listCharts()) {
      for (const p of [`charts/${chart}/values.schema.json`, `charts/${chart}/values.yaml`, `charts/${chart}/README.md`, `generator/src/types/${chart}-values.ts`]) {
        expect(paths.has(p), p).toBe(true);
        expect(existsSync(join(repoRoot, p)), p).toBe(true);
      }
    }
  });
});
