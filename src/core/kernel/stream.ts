// Byte streams between processes, terminals and the daemon's log: a pipe with
// a buffer, blocking reads (as promises), EOF on close, and EPIPE for writes
// after the reader has gone.

export interface Readable {
  /** The next chunk, or null at end of file. */
  read(): Promise<string | null>;
}

export interface Writable {
  /** False when nobody will ever read it (EPIPE). */
  write(chunk: string): boolean;
  close(): void;
}

export class Pipe implements Readable, Writable {
  private chunks: string[] = [];
  private readers: Array<(chunk: string | null) => void> = [];
  private closed = false;
  private readerGone = false;
  private listeners = new Set<(chunk: string) => void>();

  /** Bytes written in all (block/net I/O accounting reads it). */
  written = 0;

  write(chunk: string): boolean {
    if (this.closed || this.readerGone) return false;
    if (chunk === '') return true;
    this.written += chunk.length;
    for (const l of this.listeners) l(chunk);
    const r = this.readers.shift();
    if (r) r(chunk);
    else this.chunks.push(chunk);
    return true;
  }

  read(): Promise<string | null> {
    const c = this.chunks.shift();
    if (c !== undefined) return Promise.resolve(c);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.readers.push(resolve));
  }

  /** Everything buffered now, without waiting. */
  drain(): string {
    const s = this.chunks.join('');
    this.chunks = [];
    return s;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const r of this.readers.splice(0)) r(null);
  }

  /** The reading end is closed: further writes fail with EPIPE. */
  closeReader(): void {
    this.readerGone = true;
    this.chunks = [];
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Observe every chunk written (the daemon's log copier, a terminal). */
  onData(fn: (chunk: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

/** A stream that is always at end of file (stdin of `docker run` without -i). */
export const EMPTY: Readable = { read: () => Promise.resolve(null) };

/** A sink that discards everything (/dev/null). */
export const NULL_SINK: Writable = { write: () => true, close: () => undefined };

/** Read a whole stream as text. */
export async function readAll(r: Readable): Promise<string> {
  let out = '';
  for (;;) {
    const c = await r.read();
    if (c === null) return out;
    out += c;
  }
}

/** Line reader over a stream: keeps the partial line between reads. */
export class LineReader {
  private buf = '';
  private eof = false;
  constructor(private readonly src: Readable) {}

  async readLine(): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        return line;
      }
      if (this.eof) {
        if (this.buf === '') return null;
        const line = this.buf;
        this.buf = '';
        return line;
      }
      const c = await this.src.read();
      if (c === null) this.eof = true;
      else this.buf += c;
    }
  }
}
