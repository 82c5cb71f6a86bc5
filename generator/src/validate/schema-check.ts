// Validates one object against its strict JSON Schema and turns ajv's errors into readable issues.
import type { ErrorObject } from 'ajv';
import { pointerSegments, valueAtPointer } from '../util/json.ts';
import type { IndexedDoc, ValidationIssue } from './types.ts';
import { issue } from './issue.ts';

/** `/spec/ports/0/port` → `spec.ports[0].port` */
export function pointerToPath(pointer: string): string {
  if (!pointer) return '.';
  let out = '';
  for (const seg of pointerSegments(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `metadata.labels` + `app` → `metadata.labels.app`; keys that are not identifiers go in brackets. */
export function childPath(path: string, prop: string): string {
  const seg = /^[A-Za-z_$][\w$-]*$/.test(prop) ? prop : `[${JSON.stringify(prop)}]`;
  if (path === '.' || path === '') return seg;
  return seg.startsWith('[') ? `${path}${seg}` : `${path}.${seg}`;
}

function typeList(t: unknown): string[] {
  return (Array.isArray(t) ? t : [t]).map(String).filter((x) => x !== 'null');
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Collapse ajv's allErrors output into one message per problem: errors inside a failed
 * oneOf/anyOf become "must be string or integer", duplicates go, and unknown fields name the field.
 */
export function schemaIssues(doc: IndexedDoc, errors: readonly ErrorObject[]): ValidationIssue[] {
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  const push = (path: string, message: string) => {
    const k = `${path}\0${message}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(issue(doc, path, 'schema', message));
  };
  for (const e of errors) {
    // the core schemas cap every metadata.name at 63 (a generator artefact; Kubernetes allows 253 for
    // most kinds): the `names` rule applies the real per-kind limit instead
    if (e.keyword === 'maxLength' && e.instancePath === '/metadata/name') continue;
    // errors from inside a branch of a failed combinator are summarised by the combinator
    if (combinators.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`))) continue;
    const path = pointerToPath(e.instancePath);
    const value = valueAtPointer(doc.object, e.instancePath);
    switch (e.keyword) {
      case 'additionalProperties': {
        const prop = String((e.params as { additionalProperty: string }).additionalProperty);
        push(childPath(path, prop), `unknown field "${prop}"`);
        break;
      }
      case 'type':
        push(path, `must be ${typeList((e.params as { type: unknown }).type).join(' or ')}, got ${describeValue(value)}`);
        break;
      case 'required':
        push(path, `missing required field "${(e.params as { missingProperty: string }).missingProperty}"`);
        break;
      case 'enum':
        push(path, `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`);
        break;
      case 'oneOf':
      case 'anyOf': {
        const branches = (e.parentSchema as { oneOf?: unknown[]; anyOf?: unknown[] } | undefined)?.[e.keyword] ?? [];
        const types = [...new Set(branches.flatMap((b) => typeList((b as { type?: unknown }).type ?? [])))];
        if (types.length) {
          push(path, `must be ${types.join(' or ')}, got ${describeValue(value)}`);
        } else {
          push(path, `${e.message ?? 'is invalid'}`);
        }
        break;
      }
      default:
        push(path, `${e.message ?? 'is invalid'}${value !== undefined && typeof value !== 'object' ? `, got ${describeValue(value)}` : ''}`);
    }
  }
  return out;
}

/** Schema and wiring may both flag metadata (core schemas cap names at 63); keep the wiring rule's clearer message. */
export function dropShadowedSchemaIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const wiring = new Set(issues.filter((e) => e.rule !== 'schema').map((e) => `${e.source}\0${e.object}\0${e.path}`));
  return issues.filter((e) => e.rule !== 'schema' || !e.path.startsWith('metadata') || !wiring.has(`${e.source}\0${e.object}\0${e.path}`));
}
