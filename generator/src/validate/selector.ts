// Kubernetes LabelSelector semantics (matchLabels AND matchExpressions; an empty selector matches everything).

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, unknown> | null | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) if (String(l[k]) !== String(v) || !(k in l)) return false;
  for (const e of selector?.matchExpressions ?? []) {
    const has = e.key in l;
    const values = (e.values ?? []).map(String);
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(String(l[e.key]))) return false;
        break;
      case 'NotIn':
        if (has && values.includes(String(l[e.key]))) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `a=b,c in (d)` for messages. */
export function describeSelector(selector: LabelSelector | null | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) parts.push(`${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(',')})` : ''}`);
  return parts.length ? parts.join(',') : '<empty>';
}
