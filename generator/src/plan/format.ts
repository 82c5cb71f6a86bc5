// A plan for people (what an operator reads before `helm upgrade`) and for machines (JSON).
import type { Styler } from '../validate/report.ts';
import { type Plan, planHasChanges } from './plan.ts';

const plain: Styler = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s, green: (s) => s };

export function formatPlan(p: Plan, s: Styler = plain): string {
  const lines: string[] = [];
  if (!planHasChanges(p)) {
    lines.push(`${s.green('No changes.')} ${p.unchanged} object(s) render identically; nothing is replaced and no node group rolls.`);
    return lines.join('\n');
  }
  if (p.added.length) {
    lines.push(s.bold('Objects to add:'));
    for (const a of p.added) lines.push(`  ${s.green('+')} ${a.ref}`);
  }
  if (p.removed.length) {
    lines.push(s.bold('Objects to remove:'));
    for (const r of p.removed) lines.push(`  ${s.red('-')} ${r.ref}${r.kept ? s.dim('  (kept: helm.sh/resource-policy=keep; Cluster API deletes it with the cluster)') : ''}`);
  }
  if (p.changed.length) {
    lines.push(s.bold('Objects to change:'));
    for (const c of p.changed) {
      const paths = c.paths ?? [];
      const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? `, … (${paths.length - 5} more)` : '');
      lines.push(`  ${s.yellow('~')} ${c.ref}  ${s.dim(shown)}`);
    }
  }
  if (p.replaced.length) {
    lines.push(s.bold('Immutable templates replaced (new name, old one kept until its machines are gone):'));
    for (const r of p.replaced) lines.push(`  ${s.yellow('±')} ${r.kind}/${r.namespace}/${r.from} → ${r.to}${r.machineDeployment ? s.dim(`  (node group ${r.machineDeployment})`) : ''}`);
  }
  if (p.immutableUpdates.length) {
    lines.push(s.red('Immutable templates changed in place (the API server rejects this; their name must change with their content):'));
    for (const c of p.immutableUpdates) lines.push(`  ${s.red('✗')} ${c.ref}  ${s.dim((c.paths ?? []).slice(0, 5).join(', '))}`);
  }
  if (p.rolling.length) {
    lines.push(s.bold('Node groups that will roll (every machine is replaced):'));
    for (const g of p.rolling) {
      lines.push(`  ${s.red('⟳')} ${g.group} ${s.dim(`(MachineDeployment/${g.namespace}/${g.name})`)}`);
      for (const r of g.reasons) lines.push(`      ${r}`);
    }
  } else {
    lines.push(s.green('No node group rolls.'));
  }
  lines.push(summary(p));
  return lines.join('\n');
}

export function summary(p: Plan): string {
  return `Plan: ${p.added.length} to add, ${p.changed.length} to change, ${p.removed.length} to remove, ${p.replaced.length} template(s) replaced, ${p.rolling.length} node group(s) roll.`;
}

export function planJson(p: Plan): string {
  return JSON.stringify({ changes: planHasChanges(p), ...p }, null, 2);
}
