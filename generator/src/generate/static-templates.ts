// Hand-written template files that `generate` copies into charts as they are (generator/templates/…),
// under a header naming their source so that they read, and are checked, as generated files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, templatesDir } from '../paths.ts';
import { relativeLabel } from '../schema/bundle.ts';
import type { ChartSource } from './charts.ts';
import type { GeneratedFile } from './outputs.ts';
import type { Producer } from './producers.ts';
import { generatedHeader } from './generated-mark.ts';

/** The helper library (`lib.*`) every chart gets. */
export const CHART_LIB_DIR = join(templatesDir, 'chart-lib');

/** The text of a static template file, `file` an absolute path below generator/templates/. */
export function staticTemplate(file: string): string {
  const source = relativeLabel(repoRoot, file);
  return `{{- /* ${generatedHeader(source)} */ -}}\n${readFileSync(file, 'utf8')}`;
}

/** `file` copied to charts/<chart>/templates/<name>. */
export function staticTemplateFile(chart: ChartSource, file: string, name: string): GeneratedFile {
  return { path: relativeLabel(repoRoot, join(chart.chartDir, 'templates', name)), content: staticTemplate(file) };
}

/** Copies generator/templates/chart-lib/_lib.tpl into every chart. */
export const chartLibProducer: Producer = {
  name: 'chart-lib',
  files: (chart) => [staticTemplateFile(chart, join(CHART_LIB_DIR, '_lib.tpl'), '_lib.tpl')],
};
