// How a chart's values come together before Helm checks them against values.schema.json:
// Flux merges a HelmRelease's valuesFrom and spec.values (mergeFluxValues), then Helm coalesces the
// result over the chart's values.yaml (coalesceValues). Pure functions on plain JSON-like data.

import { isObject } from '../util/json.ts';

type Values = Record<string, unknown>;

/**
 * Helm's coalesce (pkg/chartutil/coalesce.go, the same in Helm 3 and 4): user values win; maps
 * merge key by key; a user `null` deletes the key the defaults have (and stays null where the
 * defaults have none); lists and scalars replace. Neither input is modified.
 */
export function coalesceValues(user: unknown, defaults: unknown): unknown {
  if (!isObject(user) || !isObject(defaults)) return user === undefined ? structuredClone(defaults) : structuredClone(user);
  const out: Values = {};
  for (const [key, value] of Object.entries(user)) {
    if (value === null && key in defaults) continue;
    out[key] = key in defaults ? coalesceValues(value, defaults[key]) : structuredClone(value);
  }
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in user)) out[key] = structuredClone(value);
  }
  return out;
}

/** Flux's MergeMaps (helm-controller): `over` wins; maps merge, anything else (null too) replaces. */
export function mergeFluxValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isObject(value) && isObject(current) ? mergeFluxValues(current, value) : value;
  }
  return out;
}
