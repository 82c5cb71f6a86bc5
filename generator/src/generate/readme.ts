// A chart's README.md from its Handlebars template (schemas/<chart>/README.md.hbs) and the parameter rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '../paths.ts';
import type { ParameterRow } from '../schema/parameters.ts';

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'");

export function renderReadme(template: string, context: { header: string; rows: ParameterRow[]; chart: unknown; [k: string]: unknown }): string {
  const hb = Handlebars.create();
  hb.registerPartial('parameters', readFileSync(join(templatesDir, 'parameters.md.hbs'), 'utf8'));
  const rows = context.rows.map((r) => ({
    key: r.key,
    type: r.type,
    default: r.default.replace(/`/g, "'").replace(/\|/g, '\\|'),
    description: escapeCell(r.description),
  }));
  const body = hb.compile(template, { noEscape: true, strict: true })({ ...context, rows });
  return `<!-- ${context.header} -->\n${body.trimEnd()}\n`;
}
