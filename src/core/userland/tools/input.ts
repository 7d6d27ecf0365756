// Where tools read from: files of the process's view, stdin ("-"), and the
// character devices every container has (/dev/null, /dev/zero, /dev/urandom),
// which are endless streams produced on the clock so that `tail /dev/zero`
// fills memory at a believable rate instead of freezing the page.
import { FsError } from '../../fs/types';
import { normalizePath } from '../../fs/path';
import type { Tool } from './tool';

export type Source =
  | { kind: 'text'; text: string; path: string }
  | { kind: 'zero' }
  | { kind: 'null' }
  | { kind: 'random' }
  | { kind: 'stdin' };

/** Bytes a device read hands over at once; at one chunk per ms that is ~1 GB/s. */
export const DEVICE_CHUNK = 1 << 20;
let zeroChunk: string | undefined;
/** One shared string for every /dev/zero chunk: a pipeline of zeros costs no real memory. */
export function zeroes(): string {
  return (zeroChunk ??= '\0'.repeat(DEVICE_CHUNK));
}

const DEVICES: Record<string, Source['kind']> = {
  '/dev/zero': 'zero',
  '/dev/full': 'zero',
  '/dev/null': 'null',
  '/dev/random': 'random',
  '/dev/urandom': 'random',
  '/dev/stdin': 'stdin',
  '/dev/fd/0': 'stdin',
  '/proc/self/fd/0': 'stdin',
};

/** The device a path names, if any (devtmpfs is mounted in every container and on the host). */
export function deviceOf(t: Tool, path: string): Source['kind'] | undefined {
  const p = normalizePath(t.abs(path));
  if (DEVICES[p]) return DEVICES[p];
  const real = t.fs.realpath(path);
  return typeof real === 'string' ? DEVICES[real] : undefined;
}

/** open(2) for reading: "-" is stdin; directories fail with EISDIR as read(2) does. */
export function openInput(t: Tool, path: string): Source | FsError {
  if (path === '-') return { kind: 'stdin' };
  const dev = deviceOf(t, path);
  if (dev === 'zero' || dev === 'null' || dev === 'random' || dev === 'stdin') return { kind: dev };
  const text = t.fs.readFile(path);
  if (text instanceof FsError) return text;
  return { kind: 'text', text, path };
}

/** The chunks a source yields until EOF (devices never end; the clock paces them). */
export async function* chunks(t: Tool, src: Source): AsyncGenerator<string> {
  switch (src.kind) {
    case 'text':
      if (src.text !== '') yield src.text;
      return;
    case 'null':
      return;
    case 'stdin':
      for (;;) {
        const c = await t.ctx.read();
        if (c === null) return;
        yield c;
      }
    case 'zero':
      for (;;) {
        await t.ctx.sleep(1);
        yield zeroes();
      }
    case 'random': {
      let x = (t.ctx.proc.pid * 2654435761) >>> 0 || 1;
      for (;;) {
        await t.ctx.sleep(1);
        const codes = new Array<number>(65536);
        for (let i = 0; i < codes.length; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          codes[i] = x & 0xff;
        }
        let s = '';
        for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode(...codes.slice(i, i + 8192));
        yield s;
      }
    }
  }
}

/** Read a whole source (for tools that need all of it: sort, wc of stdin). Charges memory as it grows. */
export async function readWhole(t: Tool, src: Source, charge = false): Promise<string> {
  if (src.kind === 'text') return src.text;
  const parts: string[] = [];
  for await (const c of chunks(t, src)) {
    if (charge) t.charge(c.length);
    parts.push(c);
  }
  return parts.join('');
}

/** Lines of a text, each with its newline (the last one may lack it). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Write a file a tool was told to create (tee, cp), devices included. */
export function writeOutput(t: Tool, path: string, content: string, append: boolean): FsError | undefined {
  const dev = deviceOf(t, path);
  if (dev === 'null' || dev === 'zero' || dev === 'random') return undefined;
  const p = normalizePath(t.abs(path));
  if (p === '/dev/stdout' || p === '/proc/self/fd/1') {
    t.out(content);
    return undefined;
  }
  if (p === '/dev/stderr' || p === '/proc/self/fd/2') {
    t.err(content);
    return undefined;
  }
  return append ? t.fs.appendFile(path, content) : t.fs.writeFile(path, content);
}
