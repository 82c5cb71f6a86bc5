// Compiles one `x-kubernetes-validations` entry once per process (cached by its text): parse, check
// that every function it calls exists in our environment, tell transition rules (`oldSelf`) apart,
// and plan the program. Nothing here throws: a rule we cannot run becomes `unsupported` with a reason.
import { type CelEnv, type CelResult, celEnv, parse, plan } from '@bufbuild/cel';
import { K8S_FUNCS } from './k8s-library.ts';

type Expr = ReturnType<typeof parse>['expr'];

/** One entry of `x-kubernetes-validations`, as the CRD has it. */
export interface CelRuleSpec {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
  optionalOldSelf?: boolean;
}

export type Program = (bindings: { self: unknown }) => CelResult;

/** What a rule compiles to. Shared by every rule with the same text (the message is read from each rule itself). */
export type CompiledRule =
  | { kind: 'program'; program: Program; message?: Program; fieldPath: FieldPathSeg[] | undefined }
  /** refers to `oldSelf`: only evaluated on update, skipped (as on create) and counted */
  | { kind: 'transition' }
  | { kind: 'unsupported'; reason: string };

export type FieldPathSeg = { prop: string } | { index: number };

// calls the planner implements itself (operators that short-circuit, indexing), not in the resolver
const BUILTIN_CALLS = new Set(['_&&_', '_||_', '_?_:_', '_[_]', '@not_strictly_false']);

let env: CelEnv | undefined;
function celEnvironment(): CelEnv {
  return (env ??= celEnv({ funcs: K8S_FUNCS }));
}

/** Function names an expression calls, and whether it reads `oldSelf`. */
function scan(e: Expr | undefined, out: { calls: Set<string>; oldSelf: boolean }): void {
  if (!e) return;
  const k = e.exprKind;
  switch (k.case) {
    case 'identExpr':
      if (k.value.name === 'oldSelf') out.oldSelf = true;
      break;
    case 'selectExpr':
      scan(k.value.operand, out);
      break;
    case 'callExpr':
      out.calls.add(k.value.function);
      scan(k.value.target, out);
      for (const a of k.value.args) scan(a, out);
      break;
    case 'listExpr':
      for (const x of k.value.elements) scan(x, out);
      break;
    case 'structExpr':
      for (const en of k.value.entries) {
        if (en.keyKind.case === 'mapKey') scan(en.keyKind.value, out);
        scan(en.value, out);
      }
      break;
    case 'comprehensionExpr': {
      const c = k.value;
      for (const x of [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]) scan(x, out);
      break;
    }
    default:
      break;
  }
}

type Planned = { program: Program; oldSelf: boolean } | { error: string };

const planned = new Map<string, Planned>();

/** Parse + check + plan an expression (cached by text). */
function planExpression(text: string): Planned {
  let hit = planned.get(text);
  if (hit) return hit;
  try {
    const parsed = parse(text);
    const found = { calls: new Set<string>(), oldSelf: false };
    scan(parsed.expr, found);
    const e = celEnvironment();
    const unknown = [...found.calls].filter((f) => !BUILTIN_CALLS.has(f) && !e.funcs.find(f));
    hit = unknown.length
      ? { error: `unsupported function${unknown.length > 1 ? 's' : ''} ${unknown.sort().join(', ')}` }
      : { program: plan(e, parsed) as Program, oldSelf: found.oldSelf };
  } catch (err) {
    hit = { error: `cannot parse: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}` };
  }
  planned.set(text, hit);
  return hit;
}

/** `.spec.foo['bar.baz'][0]` → segments; undefined when not a field path we can follow. */
export function parseFieldPath(fp: string): FieldPathSeg[] | undefined {
  const out: FieldPathSeg[] = [];
  let s = fp.trim();
  while (s) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(s))) out.push({ prop: m[1]! });
    else if ((m = /^\['((?:[^'\\]|\\.)*)'\]/.exec(s)) || (m = /^\["((?:[^"\\]|\\.)*)"\]/.exec(s))) out.push({ prop: m[1]!.replace(/\\(.)/g, '$1') });
    else if ((m = /^\[(\d+)\]/.exec(s))) out.push({ index: Number(m[1]) });
    else return undefined;
    s = s.slice(m[0].length);
  }
  return out;
}

const compiled = new Map<string, CompiledRule>();
const bySpec = new WeakMap<CelRuleSpec, CompiledRule>();

/** The compiled form of one validation rule (cached by schema node, and by rule, messageExpression, fieldPath and optionalOldSelf). */
export function compileRule(spec: CelRuleSpec): CompiledRule {
  let c = bySpec.get(spec);
  if (!c) bySpec.set(spec, (c = compileText(spec)));
  return c;
}

function compileText(spec: CelRuleSpec): CompiledRule {
  const key = `${spec.rule}\0${spec.messageExpression ?? ''}\0${spec.fieldPath ?? ''}\0${spec.optionalOldSelf ? 1 : 0}`;
  let hit = compiled.get(key);
  if (hit) return hit;
  if (typeof spec.rule !== 'string' || !spec.rule.trim()) {
    hit = { kind: 'unsupported', reason: 'the rule is empty' };
  } else {
    const p = planExpression(spec.rule);
    if ('error' in p) hit = { kind: 'unsupported', reason: p.error };
    else if (p.oldSelf && !spec.optionalOldSelf) hit = { kind: 'transition' };
    else if (p.oldSelf) {
      // the API server evaluates these on create too, with oldSelf = optional.none(): no optional types here
      hit = { kind: 'unsupported', reason: 'optionalOldSelf transition rules need optional values, which are not supported' };
    } else {
      let message: Program | undefined;
      if (typeof spec.messageExpression === 'string' && spec.messageExpression.trim()) {
        const m = planExpression(spec.messageExpression);
        // a broken messageExpression falls back to the message, as in the API server
        if ('program' in m && !m.oldSelf) message = m.program;
      }
      hit = { kind: 'program', program: p.program, message, fieldPath: typeof spec.fieldPath === 'string' ? parseFieldPath(spec.fieldPath) : undefined };
    }
  }
  compiled.set(key, hit);
  return hit;
}
