// A ustar stream of archive members as `docker cp CONTAINER:PATH -` writes it
// to stdout: 512-byte headers (PAX records for long names), data padded to
// 512 bytes, two zero blocks at the end — as a binary string (one char a byte).

import type { ArchiveEntry } from '../core/daemon/containers-archive';
import { contentBytes } from '../core/fs/content';

const enc = new TextEncoder();

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function field(bytes: Uint8Array, off: number, text: string, len: number): void {
  const b = enc.encode(text).slice(0, len);
  bytes.set(b, off);
}

/** go-archive's fillGo18FileTypeBits: the mode keeps the file's type (c_ISREG, c_ISDIR, c_ISLNK). */
const TYPE_BITS: Record<ArchiveEntry['type'], number> = { file: 0o100000, dir: 0o40000, symlink: 0o120000 };

/**
 * One 512-byte header. A member's (templateV7Plus) carries its mode with type bits, owner,
 * time, names and zero device numbers; a PAX record file's (writeRawFile, no entry) only its
 * name, size and type, every number zero.
 */
function header(name: string, e: ArchiveEntry | undefined, typeflag: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  field(h, 0, name, 100);
  field(h, 100, octal(e ? (e.mode & 0o7777) | TYPE_BITS[e.type] : 0, 8), 8);
  field(h, 108, octal(e?.uid ?? 0, 8), 8);
  field(h, 116, octal(e?.gid ?? 0, 8), 8);
  field(h, 124, octal(size, 12), 12);
  field(h, 136, octal(e ? Math.floor(e.mtime / 1000) : 0, 12), 12);
  field(h, 148, '        ', 8);
  field(h, 156, typeflag, 1);
  field(h, 157, e?.linkname ?? '', 100);
  field(h, 257, 'ustar\0', 6);
  field(h, 263, '00', 2);
  if (e) {
    field(h, 265, e.uname ?? '', 32);
    field(h, 297, e.gname ?? '', 32);
    field(h, 329, octal(0, 8), 8);
    field(h, 337, octal(0, 8), 8);
  }
  let sum = 0;
  for (const b of h) sum += b;
  field(h, 148, sum.toString(8).padStart(6, '0') + '\0 ', 8);
  return h;
}

function pax(records: Array<[string, string]>): Uint8Array {
  let body = '';
  for (const [k, v] of records) {
    const rest = ` ${k}=${v}\n`;
    let n = rest.length + String(rest.length).length;
    if (String(n).length !== String(rest.length).length) n = rest.length + String(n).length;
    body += `${n}${rest}`;
  }
  return enc.encode(body);
}

const pad = (n: number) => new Uint8Array((512 - (n % 512)) % 512);

export function tarBytes(entries: readonly ArchiveEntry[]): string {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const name = e.type === 'dir' ? `${e.name}/` : e.name;
    const records: Array<[string, string]> = [];
    if (name.length > 100) records.push(['path', name]);
    if ((e.linkname ?? '').length > 100) records.push(['linkpath', e.linkname ?? '']);
    if (records.length) {
      const body = pax(records);
      parts.push(
        header(paxName(name).slice(0, 100), undefined, 'x', body.length),
        body,
        pad(body.length),
      );
    }
    const data = e.type === 'file' && e.content !== undefined ? contentBytes(e.content) : new Uint8Array(0);
    parts.push(
      header(name.slice(0, 100), e, e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0', data.length),
    );
    if (data.length) parts.push(data, pad(data.length));
  }
  parts.push(new Uint8Array(1024));
  let out = '';
  for (const p of parts)
    for (let i = 0; i < p.length; i += 8192) out += String.fromCharCode(...p.subarray(i, i + 8192));
  return out;
}

/** writePAXHeader's path.Join(dir, "PaxHeaders.0", file) of the member's path.Split. */
function paxName(p: string): string {
  const i = p.lastIndexOf('/');
  const parts = [p.slice(0, i + 1), 'PaxHeaders.0', p.slice(i + 1)].flatMap((x) => x.split('/'));
  return parts.filter((x) => x !== '').join('/');
}
