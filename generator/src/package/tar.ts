// Minimal tar (ustar + pax) reader and writer for chart archives: enough to read what `helm package`
// writes and write it back with fixed metadata. Regular files only; charts contain nothing else.
const BLOCK = 512;

export interface TarEntry {
  path: string;
  data: Buffer;
  /** seconds since epoch; set by readTar, ignored by writeTar (which takes one mtime for all) */
  mtime?: number;
}

function readString(buf: Buffer, offset: number, length: number): string {
  const slice = buf.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul === -1 ? length : nul).toString('utf8');
}

function readOctal(buf: Buffer, offset: number, length: number): number {
  const s = readString(buf, offset, length).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/** pax extended header records: "<len> key=value\n" */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const len = parseInt(data.subarray(pos, space).toString('ascii'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

export function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let pos = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  while (pos + BLOCK <= tar.length) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const data = tar.subarray(pos + BLOCK, pos + BLOCK + size);
    pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      pax = parsePax(data);
      continue;
    }
    if (type === 'g') continue;
    if (type === 'L') {
      longName = readString(data, 0, data.length);
      continue;
    }
    const name = readString(header, 0, 100);
    const prefix = readString(header, 345, 155);
    const path = pax.path ?? longName ?? (prefix ? `${prefix}/${name}` : name);
    pax = {};
    longName = undefined;
    if (type === '0' || type === '\0') entries.push({ path, data: Buffer.from(data), mtime: readOctal(header, 136, 12) });
    else if (type !== '5') throw new Error(`unsupported tar entry type "${type}" for ${path}`);
  }
  return entries;
}

function writeOctal(buf: Buffer, value: number, offset: number, length: number) {
  buf.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

function header(path: string, size: number, mtime: number, type: '0' | 'x'): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(Buffer.byteLength(path) <= 100 ? path : path.slice(0, 99), 0, 100, 'utf8');
  writeOctal(h, 0o644, 100, 8);
  writeOctal(h, 0, 108, 8); // uid
  writeOctal(h, 0, 116, 8); // gid
  writeOctal(h, size, 124, 12);
  writeOctal(h, mtime, 136, 12);
  h.write('        ', 148, 8, 'ascii'); // checksum placeholder
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

function pad(data: Buffer): Buffer[] {
  const rest = data.length % BLOCK;
  return rest ? [data, Buffer.alloc(BLOCK - rest)] : [data];
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** Writes entries in the given order, every entry with mode 0644, uid/gid 0 and the given mtime. */
export function writeTar(entries: TarEntry[], mtime: number): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (Buffer.byteLength(e.path) > 100) {
      const pax = Buffer.from(paxRecord('path', e.path), 'utf8');
      parts.push(header('PaxHeader', pax.length, mtime, 'x'), ...pad(pax));
    }
    parts.push(header(e.path, e.data.length, mtime, '0'), ...pad(e.data));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
