// The Kubernetes CEL extension functions that the pinned CRD rules use, on top of what @bufbuild/cel
// provides (the standard library, the macros has/all/exists/exists_one/filter/map, and the `strings`
// extension that Kubernetes also enables). Kubernetes registers more libraries (lists, regex, urls,
// quantity, format, …); only the functions rules in kube-schemas/ call are implemented here. A rule
// that calls anything else is reported as "could not evaluate" ([cel-unsupported]), never passed.
//
// Upstream: kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/cel/library/ip.go (isIP) and
// cidr.go (isCIDR): Go's netip.ParseAddr / netip.ParsePrefix, rejecting zones and IPv4-mapped IPv6
// addresses. The parsers below follow Go's net/netip grammar (no leading zeros in IPv4 octets, at most
// one `::`, an embedded IPv4 only in the last 32 bits, prefix bits without sign or leading zero).
import { CelScalar, type CelFunc, celFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

interface ParsedAddr {
  bytes: number[];
  is6: boolean;
  zone: string;
}

/** Four IPv4 octets from dotted decimal, or undefined (Go's parseIPv4Fields). */
function parseIPv4Octets(s: string): number[] | undefined {
  const fields = s.split('.');
  if (fields.length !== 4) return undefined;
  const out: number[] = [];
  for (const f of fields) {
    if (!/^[0-9]{1,3}$/.test(f) || (f.length > 1 && f[0] === '0')) return undefined;
    const v = Number(f);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

function parseIPv6(input: string): ParsedAddr | undefined {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return undefined;
  }
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return { bytes: ip, is6: true, zone };
  }
  let i = 0;
  while (i < 16) {
    const m = /^[0-9a-fA-F]*/.exec(s)![0];
    if (m.length === 0) return undefined;
    if (s[m.length] === '.') {
      // trailing embedded IPv4: only in the last 32 bits (or after a ::)
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseIPv4Octets(s);
      if (!v4) return undefined;
      ip.splice(i, 4, ...v4);
      i += 4;
      s = '';
      break;
    }
    if (m.length > 4) return undefined;
    const acc = parseInt(m, 16);
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(m.length);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    for (let j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined; // the :: must stand for at least one group
  }
  return { bytes: ip, is6: true, zone };
}

/** Go's netip.ParseAddr. */
export function parseAddr(s: string): ParsedAddr | undefined {
  for (const c of s) {
    if (c === '.') {
      const v4 = parseIPv4Octets(s);
      return v4 ? { bytes: v4, is6: false, zone: '' } : undefined;
    }
    if (c === ':') return parseIPv6(s);
    if (c === '%') return undefined;
  }
  return undefined;
}

function is4In6(a: ParsedAddr): boolean {
  return a.is6 && a.bytes.slice(0, 10).every((b) => b === 0) && a.bytes[10] === 0xff && a.bytes[11] === 0xff;
}

/** Kubernetes `isIP(string)`: netip.ParseAddr without zone and not IPv4-mapped IPv6. */
export function isIP(s: string): boolean {
  const a = parseAddr(s);
  return a !== undefined && a.zone === '' && !is4In6(a);
}

/** Kubernetes `isCIDR(string)`: netip.ParsePrefix, not IPv4-mapped IPv6 (host bits may be set). */
export function isCIDR(s: string): boolean {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return false;
  const a = parseAddr(s.slice(0, slash));
  if (!a || a.zone !== '') return false;
  const bits = s.slice(slash + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(bits)) return false;
  if (Number(bits) > (a.is6 ? 128 : 32)) return false;
  return !is4In6(a);
}

/** Functions added to the CEL environment (the strings extension plus the Kubernetes IP/CIDR checks). */
export const K8S_FUNCS: CelFunc[] = [
  ...strings,
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s) => isIP(s)),
  celFunc('isCIDR', [CelScalar.STRING], CelScalar.BOOL, (s) => isCIDR(s)),
];
