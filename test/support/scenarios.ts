// The scenario values files of a chart (test/scenarios/<chart>/*.yaml), found by glob so that a new
// scenario file is tested by every suite that renders scenarios, without a list to keep.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../generator/src/paths.ts';

export const scenarioDir = (chart: string) => join(repoRoot, 'test', 'scenarios', chart);

/** File names of the chart's scenarios, sorted. */
export function scenarioFiles(chart: string): string[] {
  return readdirSync(scenarioDir(chart))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}
