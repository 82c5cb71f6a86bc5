// Renders a ValidationReport for people (one line per problem) and for CI (JSON, JUnit XML).
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

/** An object as a JUnit test case: how the report names it and the template or file it came from. */
export interface JunitObject {
  object: string;
  source: string;
}

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 has no escape for most control characters
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?');
}

/**
 * JUnit XML for CI test reports (GitLab, Jenkins, GitHub test reporters): one test case per object
 * (class name = its template or file), failing with every problem found on it; problems on no
 * listed object get a test case of their own; `skipped` objects (--skip-kind) are reported skipped.
 */
export function reportJunit(r: ValidationReport, objects: readonly JunitObject[], skipped: readonly JunitObject[] = []): string {
  const key = (o: JunitObject) => `${o.source}\0${o.object}`;
  const cases = new Map<string, { o: JunitObject; issues: ValidationIssue[]; skipped?: boolean }>();
  for (const o of objects) if (!cases.has(key(o))) cases.set(key(o), { o, issues: [] });
  for (const e of r.errors) {
    const k = key({ object: e.object, source: e.source });
    if (!cases.has(k)) cases.set(k, { o: { object: e.object, source: e.source }, issues: [] });
    cases.get(k)!.issues.push(e);
  }
  for (const o of skipped) if (!cases.has(key(o))) cases.set(key(o), { o, issues: [], skipped: true });
  const all = [...cases.values()];
  const failures = all.filter((c) => c.issues.length).length;
  const skips = all.filter((c) => c.skipped).length;
  const counts = `tests="${all.length}" failures="${failures}" errors="0" skipped="${skips}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="matryoshka validate" ${counts}>`, `  <testsuite name="matryoshka validate" ${counts}>`];
  for (const c of all) {
    const head = `    <testcase classname="${xml(c.o.source)}" name="${xml(c.o.object)}"`;
    if (c.skipped) lines.push(`${head}>`, '      <skipped message="--skip-kind"/>', '    </testcase>');
    else if (!c.issues.length) lines.push(`${head}/>`);
    else {
      const first = c.issues[0]!;
      const rules = [...new Set(c.issues.map((e) => e.rule))].join(' ');
      lines.push(`${head}>`, `      <failure message="${xml(`${first.path}: ${first.message}`)}" type="${xml(rules)}">${xml(c.issues.map((e) => formatIssue(e)).join('\n'))}</failure>`, '    </testcase>');
    }
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n');
}
