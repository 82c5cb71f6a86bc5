// Structural difference of two JSON-like values, as the list of paths that differ
// (`spec.template.spec.version`, `spec.rules[0].verbs`).
import { isObject } from '../util/json.ts';

export function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [path || '.'];
    return a.flatMap((x, i) => changedPaths(x, b[i], `${path}[${i}]`));
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [path || '.'];
}
