// Derives and re-checks flag tables from upstream Go source in a git repository (a clone or mirror;
// nothing is built or downloaded). Not part of the CLI: a maintainer's tool.
//
//   npx tsx generator/src/validate/contracts/flags/derive.ts extract <git-dir> <ref> <file>...
//       flag registrations with a literal name in the files (pflag and Go flag APIs), bool or value
//   npx tsx generator/src/validate/contracts/flags/derive.ts walk <git-dir> <ref> <module-dir> <main-package-dir>
//       the packages linked into the binary (imports followed through the module and vendor/ for
//       linux/amd64 with CGO_ENABLED=0) and the flags they register at package init
//   npx tsx generator/src/validate/contracts/flags/derive.ts check <image-repository> <owner/repo>=<git-dir>...
//       compares every group of the table with the literal registrations of its file at its ref
//
// Registrations whose name is not a literal (a constant, a helper's parameter) are listed by
// `extract` as `?` for a human to resolve; the tables record the resolved names.
import { execFileSync } from 'node:child_process';
import { FLAG_TABLES } from './index.ts';

type Git = (...args: string[]) => string | undefined;

function gitAt(gitDir: string): Git {
  return (...args) => {
    try {
      return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
  };
}

const TYPES =
  'Bool|String|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|IP|IPMask|IPNet|Count|BytesHex|BytesBase64|StringSlice|StringArray|StringToString|StringToInt|StringToInt64|IntSlice|Int32Slice|Int64Slice|UintSlice|BoolSlice|DurationSlice|IPSlice|Float32Slice|Float64Slice|Func|BoolFunc|TextVar';
const CALL = new RegExp(`\\b([A-Za-z_][\\w.]*)\\.(?:(${TYPES})(Var)?(P)?|(Var)(P)?)\\(`, 'g');
const NOT_FLAGSETS = /^(strings|strconv|fmt|time|json|os|errors|sort|bytes|reflect|math|filepath|path|regexp|sets|atomic|sync|utf8|klog|utilnet|net|url|http|rand|buf)$/;

/** Top-level arguments of the call whose `(` ends at `start`. */
function callArgs(text: string, start: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let quote: string | undefined;
  for (let i = start; i < text.length && out.length < 3; i++) {
    const c = text[i]!;
    if (quote) {
      cur += c;
      if (c === '\\' && quote !== '`') cur += text[++i] ?? '';
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === '`') {
      quote = c;
      cur += c;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) {
      if (depth === 0) {
        out.push(cur.trim());
        break;
      }
      depth--;
    }
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  return out;
}

export interface Registration {
  file: string;
  line: number;
  /** the literal name, or `?` with the expression */
  name: string;
  bool: boolean;
}

export function extract(source: string, file: string): Registration[] {
  const out: Registration[] = [];
  // whole-line comments (commented-out registrations) do not count; line numbers stay
  const text = source.replace(/^[ \t]*\/\/.*$/gm, '');
  for (const m of text.matchAll(CALL)) {
    if (NOT_FLAGSETS.test(m[1]!.split('.').pop()!)) continue;
    const type = m[2] ?? 'Var';
    const isVar = !!(m[3] || m[5]) || type === 'TextVar';
    const args = callArgs(text, m.index! + m[0].length);
    const nameArg = (isVar ? args[1] : args[0]) ?? '';
    const literal = /^"([^"]*)"$/.exec(nameArg)?.[1];
    out.push({ file, line: text.slice(0, m.index).split('\n').length, name: literal ?? `? ${nameArg}`, bool: type === 'Bool' || type === 'BoolFunc' });
  }
  return out;
}

const OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const ARCH = new Set(['386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm']);
const tagTrue = (t: string) => t === 'linux' || t === 'amd64' || t === 'unix' || t === 'gc' || /^go1\.\d+$/.test(t);

function buildExpr(expr: string): boolean {
  const toks = expr.match(/!|&&|\|\||\(|\)|[\w.]+/g) ?? [];
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (toks[i] === '||') {
      i++;
      v = and() || v;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (toks[i] === '&&') {
      i++;
      v = not() && v;
    }
    return v;
  };
  const not = (): boolean => {
    if (toks[i] === '!') {
      i++;
      return !not();
    }
    if (toks[i] === '(') {
      i++;
      const v = or();
      i++;
      return v;
    }
    return tagTrue(toks[i++] ?? '');
  };
  return or();
}

function fileBuilds(name: string, text: string): boolean {
  const parts = name.replace(/\.go$/, '').split('_');
  const last = parts.at(-1)!;
  const prev = parts.at(-2);
  if (parts.length > 1 && ARCH.has(last)) {
    if (last !== 'amd64' || (parts.length > 2 && prev && OS.has(prev) && prev !== 'linux')) return false;
  } else if (parts.length > 1 && OS.has(last) && last !== 'linux') return false;
  const constraint = /^\/\/go:build (.+)$/m.exec(text);
  if (constraint && constraint.index < text.indexOf('\npackage ')) return buildExpr(constraint[1]!);
  return !/^import\s+"C"|^\s+"C"$/m.test(text); // cgo is off
}

/** Package-level and init() registrations on the standard flag.CommandLine / pflag.CommandLine of every linked package. */
export function walk(git: Git, ref: string, moduleDir: string, main: string): { packages: number; registrations: Registration[] } {
  const pre = moduleDir === '.' || moduleDir === '' ? '' : `${moduleDir}/`;
  const modPath = /^module\s+(\S+)/m.exec(git('show', `${ref}:${pre}go.mod`) ?? '')?.[1];
  if (!modPath) throw new Error(`no go.mod at ${ref}:${pre}go.mod`);
  const dirOf = (imp: string) => {
    if (imp === modPath || imp.startsWith(`${modPath}/`)) return `${pre}${imp.slice(modPath.length + 1)}`.replace(/\/$/, '');
    const v = `${pre}vendor/${imp}`;
    return git('cat-file', '-t', `${ref}:${v}`)?.trim() === 'tree' ? v : undefined;
  };
  const seen = new Map<string, { path: string; text: string }[]>();
  const queue = [main.replace(/\/$/, '')];
  while (queue.length) {
    const dir = queue.pop()!;
    if (seen.has(dir)) continue;
    const files: { path: string; text: string }[] = [];
    seen.set(dir, files);
    for (const f of (git('ls-tree', '--name-only', `${ref}:${dir}`) ?? '').split('\n').filter((x) => x.endsWith('.go') && !x.endsWith('_test.go'))) {
      const text = git('show', `${ref}:${dir}/${f}`) ?? '';
      if (!fileBuilds(f, text)) continue;
      files.push({ path: `${dir}/${f}`, text });
      const imports = [...(/^import\s*\(([\s\S]*?)^\)/m.exec(text)?.[1]?.matchAll(/"([^"]+)"/g) ?? [])].map((m) => m[1]!);
      for (const m of text.matchAll(/^import\s+(?:[\w.]+\s+)?"([^"]+)"/gm)) imports.push(m[1]!);
      for (const imp of imports) {
        const d = dirOf(imp);
        if (d && !seen.has(d)) queue.push(d);
      }
    }
  }
  const registrations: Registration[] = [];
  for (const files of seen.values()) {
    for (const { path, text } of files) {
      const aliases = [...text.matchAll(/^\s*(?:import\s+)?(\w+)?\s*"(flag|github\.com\/spf13\/pflag)"\s*$/gm)].map((m) => m[1] ?? (m[2] === 'flag' ? 'flag' : 'pflag'));
      if (!aliases.length) continue;
      // gofmt puts top-level declarations at column 0: a registration outside any func, or in init(), runs at package init
      let fn: string | undefined;
      const keep: string[] = [];
      for (const line of text.split('\n')) {
        const f = /^func\s+(?:\([^)]*\)\s*)?(\w+)/.exec(line);
        if (f) fn = f[1];
        keep.push(fn === undefined || fn === 'init' ? line : '');
        if (/^}/.test(line)) fn = undefined;
      }
      const initText = keep.join('\n');
      for (const r of extract(initText, path)) if (aliases.some((a) => new RegExp(`\\b${a}\\.(CommandLine\\.)?\\w+\\(`).test(initText.split('\n')[r.line - 1] ?? ''))) registrations.push(r);
    }
  }
  return { packages: seen.size, registrations };
}

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'extract' && rest.length >= 3) {
    const [gitDir, ref, ...files] = rest as [string, string, ...string[]];
    const git = gitAt(gitDir);
    for (const f of files) for (const r of extract(git('show', `${ref}:${f}`) ?? '', f)) console.log(`${r.file}:${r.line}\t${r.bool ? 'bool' : 'value'}\t${r.name}`);
    return 0;
  }
  if (cmd === 'walk' && rest.length === 4) {
    const [gitDir, ref, moduleDir, pkg] = rest as [string, string, string, string];
    const { packages, registrations } = walk(gitAt(gitDir), ref, moduleDir, pkg);
    console.log(`${packages} packages linked`);
    for (const r of registrations) console.log(`${r.file}:${r.line}\t${r.bool ? 'bool' : 'value'}\t${r.name}`);
    return 0;
  }
  if (cmd === 'check' && rest.length >= 2) {
    const [repository, ...dirs] = rest as [string, ...string[]];
    const gitDirs = Object.fromEntries(dirs.map((d) => d.split('=', 2) as [string, string]));
    let bad = 0;
    for (const table of FLAG_TABLES.filter((t) => t.image.repository === repository)) {
      for (const g of table.groups) {
        const repo = g.repo ?? table.source.repo;
        const ref = g.ref ?? table.source.commit ?? table.source.ref;
        const dir = gitDirs[repo];
        if (!dir) {
          console.log(`skip ${repo}@${ref} ${g.file}: no git dir given`);
          continue;
        }
        const found = extract(gitAt(dir)('show', `${ref}:${g.file}`) ?? '', g.file).filter((r) => !r.name.startsWith('?'));
        const listed = new Map([...(g.bool ?? []).map((n): [string, boolean] => [n, true]), ...(g.value ?? []).map((n): [string, boolean] => [n, false])]);
        for (const r of found) if (!listed.has(r.name) && !g.absent?.includes(r.name)) console.log(`${repo}@${ref} ${r.file}:${r.line}: ${r.name} registered, not in the table`);
        for (const r of found) if (listed.has(r.name) && listed.get(r.name) !== r.bool) console.log(`${repo}@${ref} ${r.file}:${r.line}: ${r.name} is ${r.bool ? 'bool' : 'a value flag'} upstream`);
        for (const [n] of listed) if (!found.some((r) => r.name === n)) console.log(`${repo}@${ref} ${g.file}: ${n} listed, no literal registration (check by hand)`);
        bad += found.filter((r) => !listed.has(r.name) && !g.absent?.includes(r.name)).length;
      }
    }
    return bad ? 1 : 0;
  }
  console.error('usage: derive.ts extract <git-dir> <ref> <file>... | walk <git-dir> <ref> <module-dir> <main-package-dir> | check <image-repository> <owner/repo>=<git-dir>...');
  return 2;
}

if (process.argv[1] && /derive\.ts$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
