// Container contracts: a container whose image has a flag table (contracts/flags/, derived from the
// upstream source at the image's tag) gets only flags that version registers. An unknown flag, a
// missing value or a help/version flag makes the binary exit at start: a crash loop, not a warning.
// Images are matched by repository and tag whatever registry or mirror serves them; a digest-only
// reference or a tag without a table is not judged.
import { type FlagTable, FLAG_TABLES, flagTableFor } from '../contracts/flags/index.ts';
import { checkArgs, invocation } from '../contracts/flags/check.ts';
import type { IndexedDoc } from '../types.ts';
import { type Report, type WiringRule, arr, get, record, str, wiringRule } from '../wiring.ts';
import { podSpecs } from './pod-refs.ts';

export const RULE = 'container-flags';

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : undefined);

function checkContainer(d: IndexedDoc, path: string, c: Record<string, unknown>, tables: readonly FlagTable[], report: Report): void {
  const image = str(c.image);
  const table = image ? flagTableFor(image, tables) : undefined;
  if (!table) return;
  const inv = invocation(table, strings(c.command), strings(c.args));
  if (inv.kind === 'not-the-binary') return;
  if (inv.kind === 'exec-arg') return report(d, `${path}.args[0]`, inv.message);
  const argv: string[] = [];
  const where: string[] = [];
  for (const part of inv.parts) {
    part.args.forEach((a, i) => {
      argv.push(a);
      where.push(`${path}.${part.field}[${part.offset + i}]`);
    });
  }
  for (const p of checkArgs(table, argv)) report(d, where[p.index] ?? path, p.message);
}

export function containerFlagsRule(tables: readonly FlagTable[] = FLAG_TABLES): WiringRule {
  const sources = [...new Set(tables.map((t) => `${t.image.repository}:${t.image.tag} (${t.source.repo}@${t.source.ref})`))];
  return wiringRule({
    id: RULE,
    description: `containers get only flags their image version registers (tables derived from the upstream flag registration code at the pinned tag, contracts/flags/: ${sources.join(', ')})`,
    check(ctx, report) {
      for (const [d, base] of podSpecs(ctx)) {
        for (const list of ['initContainers', 'containers']) {
          arr(get(d.object, `${base}.${list}`)).forEach((c, i) => {
            const container = record(c);
            if (container) checkContainer(d, `${base}.${list}[${i}]`, container, tables, report);
          });
        }
      }
    },
  });
}

export const containerFlags: WiringRule = containerFlagsRule();
