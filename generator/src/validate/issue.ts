// Builds a ValidationIssue for an object, so every rule names objects the same way.
import type { IndexedDoc, ValidationIssue } from './types.ts';

export function objectName(d: Pick<IndexedDoc, 'object' | 'namespace' | 'name'>): string {
  return `${d.object.kind}/${d.namespace ? `${d.namespace}/` : ''}${d.name || '<unnamed>'}`;
}

export function issue(doc: IndexedDoc, path: string, rule: string, message: string): ValidationIssue {
  return {
    object: objectName(doc),
    apiVersion: doc.object.apiVersion,
    kind: doc.object.kind,
    ...(doc.namespace ? { namespace: doc.namespace } : {}),
    ...(doc.name ? { name: doc.name } : {}),
    source: doc.source,
    ...(doc.file ? { file: doc.file } : {}),
    path,
    rule,
    message,
  };
}
