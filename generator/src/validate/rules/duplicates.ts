// No two objects share (API group, kind, namespace, name): the second would overwrite the first.
import type { IndexedDoc, ValidationIssue } from '../types.ts';
import type { WiringRule } from '../wiring.ts';

export const duplicates: WiringRule = {
  id: 'duplicate',
  description: 'no duplicate (group, kind, namespace, name)',
  check(ctx) {
    const out: ValidationIssue[] = [];
    const first = new Map<string, IndexedDoc>();
    for (const d of ctx.docs) {
      if (!d.name) continue;
      const key = `${d.group}\0${d.object.kind}\0${d.namespace}\0${d.name}`;
      const prev = first.get(key);
      if (!prev) first.set(key, d);
      else out.push(ctx.issue(d, 'metadata.name', 'duplicate', `duplicate object: ${d.object.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name} is also defined by ${prev.source} (document ${prev.index})`));
    }
    return out;
  },
};
