// Test support: a copy of ./charts taken once per test file. Packaging and the "from ./charts"
// reference render both read the copy, so comparisons are never skewed by edits to the working
// tree while a suite runs.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartsDir } from '../../generator/src/paths.ts';

export interface ChartsSnapshot {
  dir: string;
  chartDir(chart: string): string;
  remove(): void;
}

export function snapshotCharts(): ChartsSnapshot {
  const root = mkdtempSync(join(tmpdir(), 'matryoshka-charts-'));
  const dir = join(root, 'charts');
  cpSync(chartsDir, dir, { recursive: true });
  return { dir, chartDir: (chart) => join(dir, chart), remove: () => rmSync(root, { recursive: true, force: true }) };
}
