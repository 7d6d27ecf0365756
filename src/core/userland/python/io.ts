// Python's text streams: sys.stdout/stderr with CPython's buffering (line
// buffered on a terminal, 8 KiB blocks otherwise, none with -u or
// PYTHONUNBUFFERED), sys.stdin lines, and files from open() over the
// process's filesystem view with errno-exact OSErrors.
import type { Writable } from '../../kernel/stream';
import { contentText } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { FileSystem } from '../types';
import { builtinArgs } from './calls';
import { asBigInt, isInt, typeName } from './objects';
import { toArray, type Next } from './protocols';
import { str } from './repr';
import { BrokenPipeError, ERRNO, OSError, osErr, pyErr, TypeError, ValueError } from './types';
import { None, PyBuiltin, PyClass, PyList, PyObject, type Gen, type PyValue, type Rt } from './values';
import { objectType } from './types';

export type Buffering = 'line' | 'block' | 'none';

const BLOCK = 8192;

/** The byte side of a text stream: a buffer in front of a pipe or terminal. */
export class TextOut {
  private buf = '';
  constructor(
    private readonly sink: Writable,
    public mode: Buffering,
  ) {}

  write(s: string): void {
    this.buf += s;
    if (this.mode === 'none' || (this.mode === 'line' && s.includes('\n')) || this.buf.length >= BLOCK)
      this.flush();
  }

  /** Write the buffer out; a reader that has gone away makes it BrokenPipeError (CPython ignores SIGPIPE). */
  flush(): void {
    if (this.buf === '') return;
    const b = this.buf;
    this.buf = '';
    if (!this.sink.write(b)) throw osErr(BrokenPipeError, 32, 'Broken pipe');
  }

  /** What a SIGKILL would lose. */
  get pending(): string {
    return this.buf;
  }
}

/**
 * Bytes read from stdin, consumed only by the interpreter's own steps: a read
 * interrupted by a signal leaves what arrives meanwhile for the next read.
 */
export class InputBuffer {
  private buf = '';
  private eof = false;
  private inflight: Promise<void> | undefined;
  constructor(private readonly read: () => Promise<string | null>) {}

  /** The next line with its newline, '' at end of file, undefined when more input is needed. */
  takeLine(): string | undefined {
    const nl = this.buf.indexOf('\n');
    if (nl >= 0) {
      const line = this.buf.slice(0, nl + 1);
      this.buf = this.buf.slice(nl + 1);
      return line;
    }
    if (!this.eof) return undefined;
    const rest = this.buf;
    this.buf = '';
    return rest;
  }

  takeAll(): string | undefined {
    if (!this.eof) return undefined;
    const rest = this.buf;
    this.buf = '';
    return rest;
  }

  /** Wait for more input (one read shared by whoever waits). */
  fill(): Promise<void> {
    this.inflight ??= this.read().then((c) => {
      this.inflight = undefined;
      if (c === null) this.eof = true;
      else this.buf += c;
    });
    return this.inflight;
  }
}

export const ioTextWrapper = new PyClass('TextIOWrapper', [objectType], '_io', true);

/** A text stream object: sys.stdout/stderr/stdin or a file from open(). */
export class PyTextIO extends PyObject {
  closed = false;
  constructor(
    readonly name: string,
    readonly mode: string,
    readonly out?: TextOut,
    readonly input?: InputBuffer,
    readonly tty = false,
    readonly fileno = -1,
  ) {
    super();
  }
  get cls(): PyClass {
    return ioTextWrapper;
  }
  checkOpen(): void {
    if (this.closed) throw pyErr(ValueError, 'I/O operation on closed file.');
  }
  pyIterate(): Next {
    return () => this.nextLine();
  }

  private *nextLine(): Gen<IteratorResult<PyValue>> {
    const line = yield* this.readline();
    return line === '' ? { done: true, value: undefined } : { done: false, value: line };
  }
  *readline(): Gen<string> {
    this.checkOpen();
    if (!this.input) throw unsupportedOp('not readable');
    for (;;) {
      const line = this.input.takeLine();
      if (line !== undefined) return line;
      yield this.input.fill();
    }
  }

  *readAll(): Gen<string> {
    this.checkOpen();
    if (!this.input) throw unsupportedOp('not readable');
    for (;;) {
      const all = this.input.takeAll();
      if (all !== undefined) return all;
      yield this.input.fill();
    }
  }
}

function unsupportedOp(msg: string) {
  return pyErr(BUILTIN_UNSUPPORTED(), msg);
}
let unsupportedCls: PyClass | undefined;
function BUILTIN_UNSUPPORTED(): PyClass {
  unsupportedCls ??= new PyClass('UnsupportedOperation', [OSError, ValueError], 'io', false);
  return unsupportedCls;
}

/** A file opened by open(): read eagerly, written back on flush/close. */
export class PyFile extends PyTextIO {
  private data = '';
  pos = 0;
  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    mode: string,
    readonly binary: boolean,
  ) {
    super(path, mode, undefined, undefined, false, 3);
  }

  open(): void {
    const m = this.mode;
    if (m.includes('r')) {
      const c = this.fs.readContent(this.path);
      if (c instanceof FsError) throw fsErr(c, this.path);
      this.data = contentText(c);
      if (m.includes('+')) this.checkWritable();
    } else if (m.includes('w')) {
      const r = this.fs.writeFile(this.path, '');
      if (r instanceof FsError) throw fsErr(r, this.path);
    } else if (m.includes('a')) {
      const c = this.fs.readContent(this.path);
      if (!(c instanceof FsError)) this.data = contentText(c);
      const r = this.fs.appendFile(this.path, '');
      if (r instanceof FsError) throw fsErr(r, this.path);
      this.pos = this.data.length;
    } else if (m.includes('x')) {
      if (this.fs.exists(this.path)) throw osErr(ERRNO.EEXIST[1], 17, 'File exists', this.path);
      const r = this.fs.writeFile(this.path, '');
      if (r instanceof FsError) throw fsErr(r, this.path);
    }
  }

  private checkWritable(): void {
    const r = this.fs.access(this.path, 2);
    if (r instanceof FsError) throw fsErr(r, this.path);
  }

  get writable(): boolean {
    return /[wax+]/.test(this.mode);
  }

  read(n?: number): string {
    this.checkOpen();
    if (!this.mode.includes('r') && !this.mode.includes('+')) throw unsupportedOp('not readable');
    const end = n === undefined || n < 0 ? this.data.length : Math.min(this.data.length, this.pos + n);
    const s = this.data.slice(this.pos, end);
    this.pos = end;
    return s;
  }

  // eslint-disable-next-line require-yield -- a file's lines are in memory; the signature is the stream's
  override *readline(): Gen<string> {
    this.checkOpen();
    const nl = this.data.indexOf('\n', this.pos);
    const end = nl < 0 ? this.data.length : nl + 1;
    const s = this.data.slice(this.pos, end);
    this.pos = end;
    return s;
  }

  write(s: string): number {
    this.checkOpen();
    if (!this.writable) throw unsupportedOp('not writable');
    if (this.mode.includes('a')) {
      this.data += s;
      this.pos = this.data.length;
    } else {
      this.data = this.data.slice(0, this.pos) + s + this.data.slice(this.pos + s.length);
      this.pos += s.length;
    }
    return s.length;
  }

  flush(): void {
    if (this.closed || !this.writable) return;
    const r = this.fs.writeFile(this.path, this.data);
    if (r instanceof FsError) throw fsErr(r, this.path);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}

export function fsErr(e: FsError, path: string) {
  const [errno, cls] = ERRNO[e.code] ?? [5, OSError];
  return osErr(cls, errno, e.message, path);
}

function self(args: PyValue[]): PyTextIO {
  const s = args[0];
  if (!(s instanceof PyTextIO))
    throw pyErr(
      TypeError,
      `descriptor requires a '_io.TextIOWrapper' object but received a '${typeName(s ?? None)}'`,
    );
  return s;
}

function method(
  name: string,
  fn: (rt: Rt, f: PyTextIO, args: PyValue[], kw: Map<string, PyValue>) => PyValue | Gen<PyValue>,
): void {
  ioTextWrapper.dict.set(
    name,
    new PyBuiltin(name, (rt, args, kw) => fn(rt, self(args), args.slice(1), kw), 'TextIOWrapper'),
  );
}

method('write', (_rt, f, args) => {
  const [s] = builtinArgs('write', ['s'], args, undefined);
  if (typeof s !== 'string') throw pyErr(TypeError, `write() argument must be str, not ${typeName(s!)}`);
  f.checkOpen();
  if (f instanceof PyFile) return BigInt(f.write(s));
  if (!f.out) throw unsupportedOp('not writable');
  f.out.write(s);
  return BigInt([...s].length);
});
method('flush', (_rt, f) => {
  if (f instanceof PyFile) f.flush();
  else f.out?.flush();
  return None;
});
method('read', function* (_rt, f, args) {
  const [n] = builtinArgs('read', ['size?'], args, undefined);
  const size = n === undefined || n === None ? undefined : Number(asBigInt(n as bigint));
  if (f instanceof PyFile) return f.read(size);
  return yield* f.readAll();
});
method('readline', (_rt, f) => f.readline());
method('readlines', function* (_rt, f) {
  const out: PyValue[] = [];
  for (;;) {
    const l = yield* f.readline();
    if (l === '') return new PyList(out);
    out.push(l);
  }
});
method('writelines', function* (rt, f, args) {
  for (const x of yield* toArray(rt, args[0])) {
    const s = yield* str(rt, x);
    if (f instanceof PyFile) f.write(s);
    else f.out?.write(s);
  }
  return None;
});
method('close', (_rt, f) => {
  if (f instanceof PyFile) f.close();
  else f.closed = true;
  return None;
});
method('isatty', (_rt, f) => f.tty);
method('fileno', (_rt, f) => BigInt(f.fileno));
method('readable', (_rt, f) => !!f.input || (f instanceof PyFile && /[r+]/.test(f.mode)));
method('writable', (_rt, f) => !!f.out || (f instanceof PyFile && f.writable));
method('__enter__', (_rt, f) => {
  f.checkOpen();
  return f;
});
method('__exit__', (_rt, f) => {
  if (f instanceof PyFile) f.close();
  return None;
});
method('seek', (_rt, f, args) => {
  if (f instanceof PyFile && isInt(args[0])) f.pos = Number(asBigInt(args[0]));
  return args[0] ?? 0n;
});
