// File descriptors of a shell and what redirections open: files through the
// process's view of the filesystem, and the few devices a shell script
// relies on (/dev/null, /dev/zero, /dev/stdout, /dev/stderr, /dev/fd/N),
// which behave like devices whether or not the image has a /dev.
import { joinPath, normalizePath } from '../../fs/path';
import { ERRNO_MESSAGES, FsError, type Errno } from '../../fs/types';
import { EMPTY, NULL_SINK, type Readable, type Writable } from '../../kernel/stream';
import type { FileSystem } from '../types';
import type { Flavour } from './flavour';

export interface OpenFd {
  r?: Readable;
  w?: Writable;
}

/** A shell's descriptors 0-9. Copied for subshells and for commands with redirections. */
export class FdTable {
  constructor(private readonly fds = new Map<number, OpenFd>()) {}

  static of(stdin: Readable, stdout: Writable, stderr: Writable): FdTable {
    return new FdTable(
      new Map<number, OpenFd>([
        [0, { r: stdin }],
        [1, { w: stdout }],
        [2, { w: stderr }],
      ]),
    );
  }

  clone(): FdTable {
    return new FdTable(new Map(this.fds));
  }

  get(n: number): OpenFd | undefined {
    return this.fds.get(n);
  }

  set(n: number, fd: OpenFd | undefined): void {
    if (fd) this.fds.set(n, fd);
    else this.fds.delete(n);
  }

  reader(n: number): Readable {
    return this.fds.get(n)?.r ?? EMPTY;
  }

  writer(n: number): Writable {
    return this.fds.get(n)?.w ?? CLOSED;
  }
}

/** A closed descriptor: writes fail (EBADF). */
const CLOSED: Writable = { write: () => false, close: () => undefined };

/** Writes append to the file as they come (the file was created or truncated at open). */
class FileWriter implements Writable {
  constructor(
    private readonly fs: FileSystem,
    private readonly path: string,
  ) {}
  write(chunk: string): boolean {
    return this.fs.appendFile(this.path, chunk) === undefined;
  }
  close(): void {}
}

/** Text read once, handed out in chunks. */
export class TextReader implements Readable {
  private pos = 0;
  constructor(private readonly text: string) {}
  read(): Promise<string | null> {
    if (this.pos >= this.text.length) return Promise.resolve(null);
    const chunk = this.text.slice(this.pos, this.pos + 65536);
    this.pos += chunk.length;
    return Promise.resolve(chunk);
  }
}

const ZEROS = '\0'.repeat(65536);
/** /dev/zero: never ends. */
const ZERO: Readable = { read: () => Promise.resolve(ZEROS) };

export type RedirFailure = { errno: Errno | 'EBADF'; path: string; create: boolean };

/** Open `path` for a redirection: '<' read, '>' truncate, '>>' append, '<>' read-write. */
export function openPath(fs: FileSystem, cwd: string, path: string, how: '<' | '>' | '>>' | '<>', fds: FdTable): OpenFd | RedirFailure {
  const abs = normalizePath(path.startsWith('/') ? path : joinPath(cwd, path));
  const create = how !== '<';
  const dev = device(abs, fds);
  if (dev) return dev;
  // the view carries the cwd of the open, so relative names keep meaning what they meant
  if (how === '<') {
    const text = fs.readFile(path);
    if (text instanceof FsError) return { errno: text.code, path, create };
    return { r: new TextReader(text) };
  }
  const err = how === '>' ? fs.writeFile(path, '') : fs.appendFile(path, '');
  if (err) return { errno: err.code, path, create };
  const w = new FileWriter(fs, path);
  if (how === '<>') {
    const text = fs.readFile(path);
    return { r: new TextReader(text instanceof FsError ? '' : text), w };
  }
  return { w };
}

function device(abs: string, fds: FdTable): OpenFd | undefined {
  switch (abs) {
    case '/dev/null':
      return { r: EMPTY, w: NULL_SINK };
    case '/dev/zero':
      return { r: ZERO, w: NULL_SINK };
    case '/dev/stdin':
      return fds.get(0) ?? { r: EMPTY };
    case '/dev/stdout':
      return fds.get(1) ?? { w: CLOSED };
    case '/dev/stderr':
      return fds.get(2) ?? { w: CLOSED };
  }
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d)$/.exec(abs);
  return m ? fds.get(Number(m[1])) : undefined;
}

/** The diagnostic for a failed redirection, worded by each shell. */
export function redirMessage(f: Flavour, e: RedirFailure): string {
  const missing = e.errno === 'ENOENT' || e.errno === 'ENOTDIR';
  const strerror = e.errno === 'EBADF' ? 'Bad file descriptor' : ERRNO_MESSAGES[e.errno];
  switch (f.name) {
    case 'bash':
      return `${e.path}: ${strerror}`;
    case 'ash':
      return e.create ? `can't create ${e.path}: ${missing ? 'nonexistent directory' : strerror}` : `can't open ${e.path}: ${missing ? 'no such file' : strerror}`;
    case 'dash':
      return e.create ? `cannot create ${e.path}: ${missing ? 'Directory nonexistent' : strerror}` : `cannot open ${e.path}: ${missing ? 'No such file' : strerror}`;
  }
}

/**
 * Buffered input shared by everything in the shell that reads one stream
 * (the command reader, `read`), so a line taken by one is not lost to the other.
 */
export class InputBuffer {
  private buf = '';
  private filling?: Promise<boolean>;
  constructor(private readonly src: Readable) {}

  /**
   * Wait for more input; every waiter shares one read, so a chunk is appended
   * once. End of input is not remembered: a terminal's Ctrl-D ends one read,
   * and the next read waits for more typing.
   */
  private fill(): Promise<boolean> {
    this.filling ??= this.src.read().then((c) => {
      this.filling = undefined;
      if (c === null) return false;
      this.buf += c;
      return true;
    });
    return this.filling;
  }

  /**
   * A line without its delimiter (nl false at end of input without one), or
   * null at end of input. A cancelled read takes nothing: the line stays for
   * the next reader.
   */
  async readLine(delim = '\n', token?: { cancelled: boolean }): Promise<{ line: string; nl: boolean } | null> {
    for (;;) {
      if (token?.cancelled) return null;
      const i = this.buf.indexOf(delim);
      if (i >= 0) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        return { line, nl: true };
      }
      const more = await this.fill();
      if (token?.cancelled) return null;
      if (!more) {
        if (this.buf === '') return null;
        const line = this.buf;
        this.buf = '';
        return { line, nl: false };
      }
    }
  }

  async readChars(n: number, token?: { cancelled: boolean }): Promise<string | null> {
    while (this.buf.length < n && !token?.cancelled) if (!(await this.fill())) break;
    if (token?.cancelled || this.buf === '') return null;
    const s = this.buf.slice(0, n);
    this.buf = this.buf.slice(n);
    return s;
  }

  /** Forget a partial line (Ctrl-C at an interactive prompt). */
  discard(): void {
    this.buf = '';
  }
}

const inputs = new WeakMap<Readable, InputBuffer>();

export function inputOf(r: Readable): InputBuffer {
  let b = inputs.get(r);
  if (!b) inputs.set(r, (b = new InputBuffer(r)));
  return b;
}
