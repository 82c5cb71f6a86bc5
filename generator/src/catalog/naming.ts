// Names of the objects a catalog produces, shared by the schema text and the generated templates.

/** Name of a shared chart source: the source key itself, in the dedicated shared-sources namespace. */
export function sharedSourceName(source: string): string {
  return source;
}

/** Prefix of every named template a catalog generates, e.g. `catalog.addons`. */
export function templatePrefix(valuesKey: string): string {
  return `catalog.${valuesKey}`;
}
