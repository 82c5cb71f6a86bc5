// CRD validation rules (CEL): every `x-kubernetes-validations` rule of the schema of each object's kind,
// evaluated as the API server does on create (defaults applied first, transition rules skipped). The
// rules are data: they come from the CRDs (kube-schemas/, converted from the pinned upstream CRDs, or a
// CRD in the input), so a new CRD version brings its rules with it. See ../cel/.
import { type CelFinding, type CelStats, celFindings, emptyStats } from '../cel/evaluate.ts';
import type { IndexedDoc, ValidationIssue } from '../types.ts';
import type { WiringContext, WiringRule } from '../wiring.ts';

interface CelRun {
  findings: { doc: IndexedDoc; finding: CelFinding }[];
  stats: CelStats;
}

// both rules below read one evaluation per validation run
const runs = new WeakMap<WiringContext, CelRun>();

function evaluate(ctx: WiringContext): CelRun {
  let run = runs.get(ctx);
  if (!run) {
    run = { findings: [], stats: emptyStats() };
    for (const doc of ctx.docs) {
      const source = ctx.schemaOf(doc);
      if (!source) continue;
      for (const finding of celFindings(doc.object, source, run.stats)) run.findings.push({ doc, finding });
    }
    ctx.ruleStats.cel = { ...run.stats };
    runs.set(ctx, run);
  }
  return run;
}

function issues(ctx: WiringContext, rule: CelFinding['rule']): ValidationIssue[] {
  return evaluate(ctx)
    .findings.filter((f) => f.finding.rule === rule)
    .map(({ doc, finding }) => ctx.issue(doc, finding.path, rule, finding.message));
}

export const celRules: WiringRule = {
  id: 'cel',
  description:
    'CRD validation rules hold: every x-kubernetes-validations (CEL) rule of the CRDs in kube-schemas/ (or the --schemas dirs) and of CRDs in the input, with CRD defaults applied first as the API server does; transition rules (oldSelf) are skipped and counted (--format json: ruleStats.cel)',
  check: (ctx) => issues(ctx, 'cel'),
};

export const celUnsupported: WiringRule = {
  id: 'cel-unsupported',
  description:
    'a CRD validation rule that could not be evaluated (a CEL function outside the Kubernetes libraries implemented in generator/src/validate/cel/, or a parse error) is reported, never passed',
  check: (ctx) => issues(ctx, 'cel-unsupported'),
};
