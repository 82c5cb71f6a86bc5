// Small helpers for untyped JSON-like data (parsed YAML, rendered objects, schemas): the object test,
// the value at a path, and JSON pointers (RFC 6901). One home for what every module needs.

/** A mapping: an object that is neither null nor a list. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as a mapping, or undefined when it is not one. */
export function record(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) ? v : undefined;
}

/** One step of a path: a key of a mapping, or an index of a list (a number or a string of digits). */
export type PathSegment = string | number;

/**
 * The value at a path, `undefined` when any step is missing: a key steps into a mapping, an index
 * into a list; anything else (a scalar, a key on a list) ends the walk.
 */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = typeof seg === 'number' || /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    else if (isObject(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** `spec.rules[0].verbs` → `['spec', 'rules', 0, 'verbs']` (keys holding `.` or `[` are not supported). */
export function dottedPath(path: string): PathSegment[] {
  return path.split(/\.|(?=\[)/).map((part) => {
    const index = /^\[(\d+)\]$/.exec(part);
    return index ? Number(index[1]) : part;
  });
}

/** A key as one JSON-pointer segment: `~` → `~0`, `/` → `~1`. */
export function escapePointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One JSON-pointer segment as the key it stands for: `~1` → `/`, `~0` → `~`. */
export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/spec/a~1b/0` → `['spec', 'a/b', '0']`; the empty pointer (the whole document) → `[]`. */
export function pointerSegments(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescapePointerSegment);
}

/** The value a JSON pointer (`/nodeGroups/workers`, without `#`) points at, `undefined` when any step is missing. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  return valueAt(root, pointerSegments(pointer));
}
