// No two objects share (API group, kind, namespace, name): the second would overwrite the first.
import type { IndexedDoc } from '../types.ts';
import { wiringRule } from '../wiring.ts';

export const duplicates = wiringRule({
  id: 'duplicate',
  description: 'no duplicate (group, kind, namespace, name)',
  check(ctx, report) {
    const first = new Map<string, IndexedDoc>();
    for (const d of ctx.docs) {
      if (!d.name) continue;
      const key = `${d.group}\0${d.object.kind}\0${d.namespace}\0${d.name}`;
      const prev = first.get(key);
      if (!prev) first.set(key, d);
      else report(d, 'metadata.name', `duplicate object: ${d.object.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name} is also defined by ${prev.source} (document ${prev.index})`);
    }
  },
});
