// Kinds validated without a schema on purpose. An entry is `Kind` (any group), `group/Kind`,
// or `group/version/Kind` (`v1/Kind` for core); a file lists one per line, `#` comments allowed.

export function parseAllowList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').replace(/^\s*-\s+/, '').trim())
    .filter(Boolean);
}

export function isAllowListed(entries: readonly string[], apiVersion: string, kind: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return entries.some((e) => {
    const i = e.lastIndexOf('/');
    if (i < 0) return e === kind;
    if (e.slice(i + 1) !== kind) return false;
    const scope = e.slice(0, i);
    return scope === group || scope === apiVersion;
  });
}

/** How reports name a kind: `group/Kind`, or `Kind` for the core group. */
export function kindLabel(apiVersion: string, kind: string): string {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return group ? `${group}/${kind}` : kind;
}
