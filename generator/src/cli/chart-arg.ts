// Checks a --chart argument before helm sees it: a bare word that is neither a chart of this
// repository nor an existing path is a typo, and helm's own answer ("repo foo not found") does
// not say which charts there are.
import { existsSync } from 'node:fs';
import { listCharts } from '../package/build.ts';
import { UsageError } from './command.ts';

export function checkChartArg(chart: string | undefined, option = '--chart'): void {
  if (chart === undefined) return;
  const known = listCharts();
  if (known.includes(chart) || chart.includes('/') || chart.endsWith('.tgz') || existsSync(chart)) return;
  throw new UsageError(`${option} "${chart}" is not a chart of this repository (${known.join(', ')}), a chart folder, a .tgz, repo/chart or oci://…`);
}
