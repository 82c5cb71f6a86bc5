// Presence: every key the chart's values.yaml writes must still be there when Helm validates.
//
// The schema is the only home of a default: values.yaml is generated from it and the templates read
// `.Values.a.b` without restating the default as a fallback. What could take a defaulted key away is
// the user: Helm coalesces a `null` (`--set a.b=null`, `a: {b: null}` in a values file) by deleting
// the key, and validates afterwards. The presence schema, added to the root's `allOf`, makes such a
// deletion a schema error that names the key instead of a template reading nothing.
//
// It mirrors the defaults document: at each mapping of values.yaml every key is required. Keys the
// user chooses (a map's entries, matched by additionalProperties or patternProperties — node groups,
// tenants, label maps) are not: deleting such an entry (`nodeGroups: {workers: null}`) stays possible,
// so nothing below an entry is required either. Lists and scalars are leaves.
import { childSchema, deref } from './defaults.ts';
import type { JsonSchema } from './types.ts';
import { isObject } from './walk.ts';

const PRESENCE_COMMENT = 'presence: every key values.yaml writes is required (generated from the defaults)';

/** The presence rules for `defaults` (a mapping of the defaults document) under `node`, or undefined when there are none. */
function presenceOf(root: JsonSchema, node: JsonSchema, defaults: Record<string, unknown>): JsonSchema | undefined {
  const declared = deref(root, node).properties ?? {};
  const required: string[] = [];
  const properties: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in declared)) continue; // a map entry the user may delete
    required.push(key);
    const child = childSchema(root, node, key);
    if (child && isObject(value)) {
      const nested = presenceOf(root, child, value);
      if (nested) properties[key] = nested;
    }
  }
  if (!required.length) return undefined;
  return Object.keys(properties).length ? { required, properties } : { required };
}

/** The presence schema of a bundled chart schema and its defaults document (undefined: nothing to require). */
export function presenceSchema(root: JsonSchema, defaults: Record<string, unknown>): JsonSchema | undefined {
  const rules = presenceOf(root, root, defaults);
  return rules && { $comment: PRESENCE_COMMENT, ...rules };
}

/** The bundled schema with its presence rules appended to the root's allOf. */
export function withPresence(root: JsonSchema, defaults: Record<string, unknown>): JsonSchema {
  const presence = presenceSchema(root, defaults);
  if (!presence) return root;
  return { ...root, allOf: [...(root.allOf ?? []), presence] };
}
