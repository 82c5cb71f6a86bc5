// Finds the Go-template actions of a chart template that write text into the manifest, and tells
// which of them write a value without a typed or quoted form. The quoting discipline of the charts:
// every action that prints something ends in a function whose output is YAML data whatever the
// input (quote, a JSON/int conversion, a hash), or is a block helper indented into place; anything
// else could turn a hostile value into YAML structure.

export interface TemplateAction {
  line: number;
  text: string;
  /** manifest text on the same line before the action (other actions removed): where the output lands */
  before: string;
}

/** Last commands of a pipeline that always print one YAML scalar or flow collection. */
// (not toJson: it leaves U+0085 raw, which YAML reads as a line break; the charts' `<chart>.json` helper escapes it)
const SAFE_LAST = /^((quote|squote|int|int64|float64|sha256sum|b64enc|len)\b|include "[\w.-]*\.json"(\s|$))/;
/** Block output: `toYaml …` or a block helper, put in place by nindent/indent. */
const SAFE_BLOCK = /^n?indent\s+\d+$/;
/** Actions that print nothing. */
const SILENT = /^(\/\*|if\b|else\b|end\b|range\b|with\b|define\b|block\b|break\b|continue\b|\$[\w]*\s*:?=|fail\b|required\b.*\|\s*fail|_\s*:=)/;

/** Every `{{ … }}` action in a template, with its line (comments and trim markers removed). */
export function templateActions(source: string): TemplateAction[] {
  const out: TemplateAction[] = [];
  const re = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    const head = source.slice(0, m.index);
    const line = head.split('\n').length;
    const before = head.slice(head.lastIndexOf('\n') + 1).replace(/\{\{[\s\S]*?\}\}/g, '');
    out.push({ line, text: m[1]!.trim(), before });
  }
  return out;
}

/** The top-level commands of a pipeline (split on `|` outside parentheses and strings). */
export function pipelineCommands(pipeline: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < pipeline.length; i++) {
    const c = pipeline[i]!;
    if (quote) {
      cur += c;
      if (c === '\\') cur += pipeline[++i] ?? '';
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur.trim());
  return parts.filter(Boolean);
}

/** Whether an action prints a value in a form that stays data. */
export function isSafeOutput(action: string): boolean {
  if (action.startsWith('/*') || SILENT.test(action)) return true;
  // a literal string or number prints itself
  if (/^("([^"\\]|\\.)*"|`[^`]*`|-?\d+)$/.test(action)) return true;
  const cmds = pipelineCommands(action);
  const last = cmds[cmds.length - 1] ?? '';
  if (SAFE_LAST.test(last)) return true;
  if (SAFE_BLOCK.test(last)) return true;
  // `include "x" ctx | nindent n` is covered above; a bare printf/ternary of literals is not data-safe in general
  return false;
}

/**
 * Printing actions of a template that write into a YAML line (manifest text before them on the line:
 * `key: {{ … }}`, `- {{ … }}`, `--flag={{ … }}`) without a safe form. An action alone on its line
 * emits a whole block or is a helper's return value, which its caller must put in a safe form.
 */
export function unsafeOutputs(source: string): TemplateAction[] {
  return templateActions(source).filter((a) => a.before.trim() !== '' && !isSafeOutput(a.text));
}
