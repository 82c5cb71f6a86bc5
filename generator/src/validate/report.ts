// Renders a ValidationReport for people (one line per problem) and for CI (JSON).
import type { ValidationIssue, ValidationReport } from './types.ts';

export interface Styler {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  green(s: string): string;
}

const plain: Styler = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s, green: (s) => s };

/** `<Kind>/<ns>/<name> (<template>) <json path>: <message> [<rule>]` */
export function formatIssue(e: ValidationIssue, s: Styler = plain): string {
  return `${s.bold(e.object)} ${s.dim(`(${e.source})`)} ${e.path}: ${e.message} ${s.dim(`[${e.rule}]`)}`;
}

export function formatSummary(r: ValidationReport, s: Styler = plain): string {
  const allowed = r.allowListed.length ? `; allow-listed kinds without schema: ${r.allowListed.join(', ')}` : '';
  if (r.ok) return `${s.green('✓')} ${r.objects} object(s) valid${allowed}`;
  const objs = new Set(r.errors.map((e) => `${e.source}\0${e.object}`)).size;
  return `${s.red('✗')} ${r.errors.length} error(s) in ${objs} of ${r.objects} object(s)${allowed}`;
}

export function formatReport(r: ValidationReport, s: Styler = plain): string {
  return [...r.errors.map((e) => formatIssue(e, s)), formatSummary(r, s)].join('\n');
}

export function reportJson(r: ValidationReport): string {
  return JSON.stringify(r, null, 2);
}
