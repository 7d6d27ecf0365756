// A container's output as the daemon handles it: the json-file log (one
// entry per line with its stream and time; lines a process has not finished
// wait for their newline), the terminal's output processing for TTY
// containers (ONLCR: "\n" becomes "\r\n", both streams are the one pty), the
// clients attached to it, and the hijacked connections they read from.
import type { Clock } from '../clock';
import type { HijackedConn, OutputFrame } from './api';
import { MessageStream } from './engine';
import type { Writable } from '../kernel/stream';

export type StreamName = 'stdout' | 'stderr';

export interface LogEntry {
  stream: StreamName;
  /** ms since the epoch. */
  time: number;
  /** The line with its "\n" ("\r\n" from a TTY); the last one of a stream may be partial. */
  line: string;
}

/** A line longer than this is logged in pieces, as the log copier's buffer does. */
const MAX_LINE = 16 * 1024;
/** What one container's log may hold in memory; older lines are dropped first. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;

export class ContainerLog {
  readonly entries: LogEntry[] = [];
  private bytes = 0;
  private partial: Record<StreamName, string> = { stdout: '', stderr: '' };
  private readonly followers = new Set<(e: LogEntry) => void>();

  constructor(
    private readonly clock: Clock,
    /** `--log-driver none` keeps nothing. */
    readonly readable: boolean,
  ) {}

  append(stream: StreamName, chunk: string): void {
    if (!this.readable) return;
    let buf = this.partial[stream] + chunk;
    for (;;) {
      const nl = buf.indexOf('\n');
      if (nl < 0 || nl >= MAX_LINE) break;
      this.push(stream, buf.slice(0, nl + 1));
      buf = buf.slice(nl + 1);
    }
    while (buf.length >= MAX_LINE) {
      this.push(stream, buf.slice(0, MAX_LINE));
      buf = buf.slice(MAX_LINE);
    }
    this.partial[stream] = buf;
  }

  /** The process ended: what it left without a newline is logged as it is. */
  flush(): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s] !== '') this.push(s, this.partial[s]);
      this.partial[s] = '';
    }
  }

  private push(stream: StreamName, line: string): void {
    const e: LogEntry = { stream, time: this.clock.now(), line };
    this.entries.push(e);
    this.bytes += line.length;
    while (this.bytes > MAX_LOG_BYTES && this.entries.length > 1)
      this.bytes -= this.entries.shift()!.line.length;
    for (const f of [...this.followers]) f(e);
  }

  /** New entries from now on; returns the unsubscribe function. */
  follow(fn: (e: LogEntry) => void): () => void {
    this.followers.add(fn);
    return () => this.followers.delete(fn);
  }
}

/** Go's time.RFC3339Nano with a fixed nine-digit fraction (jsonmessage.RFC3339NanoFixed): `docker logs -t`. */
export function rfc3339NanoFixed(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

/** time.RFC3339Nano (trailing zeros of the fraction dropped): inspect's times. */
export function rfc3339Nano(ms: number): string {
  if (ms === 0) return '0001-01-01T00:00:00Z';
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? '.' + frac : ''}Z`;
}

/** Everyone attached to a container's output right now. */
export class AttachHub {
  private readonly clients = new Set<(f: OutputFrame) => void>();

  add(fn: (f: OutputFrame) => void): () => void {
    this.clients.add(fn);
    return () => this.clients.delete(fn);
  }

  send(f: OutputFrame): void {
    for (const c of [...this.clients]) c(f);
  }

  get size(): number {
    return this.clients.size;
  }
}

/**
 * The write end a container's processes hold for stdout or stderr: every
 * chunk goes to the log and to attached clients at once.
 */
export class ContainerOutput implements Writable {
  constructor(
    private readonly stream: StreamName,
    private readonly tty: boolean,
    private readonly log: ContainerLog,
    private readonly hub: AttachHub,
    /** Bytes written, for the network/IO counters. */
    private readonly count?: (n: number) => void,
  ) {}

  write(chunk: string): boolean {
    if (chunk === '') return true;
    const data = this.tty ? chunk.replace(/\n/g, '\r\n') : chunk;
    const stream = this.tty ? 'stdout' : this.stream;
    this.count?.(data.length);
    this.log.append(stream, data);
    this.hub.send({ stream, data });
    return true;
  }

  /** One process closing its descriptor does not close the container's stream. */
  close(): void {}
}

/** A hijacked connection: frames from the daemon, bytes back to a process's stdin. */
export class FrameConn implements HijackedConn {
  // composition, not inheritance: engine.ts (MessageStream's home) imports the routes that import this file
  private readonly s = new MessageStream<OutputFrame>();
  private writer: ((data: string) => void) | undefined;
  private closer: (() => void) | undefined;

  constructor(readonly tty: boolean) {}

  push(f: OutputFrame): void {
    this.s.push(f);
  }

  end(): void {
    this.s.end();
  }

  get isEnded(): boolean {
    return this.s.isEnded;
  }

  /** Run when the client hangs up (detach, Ctrl-C on `logs -f`). */
  onCancel(handler: () => void): void {
    this.s.onCancel(handler);
  }

  cancel(): void {
    this.s.cancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<OutputFrame> {
    return this.s[Symbol.asyncIterator]();
  }

  /** Where the client's bytes go (attach/exec with stdin). */
  onInput(write: (data: string) => void, closeWrite: () => void): void {
    this.writer = write;
    this.closer = closeWrite;
  }

  write(data: string): void {
    if (!this.isEnded) this.writer?.(data);
  }

  closeWrite(): void {
    const c = this.closer;
    this.closer = undefined;
    this.writer = undefined;
    c?.();
  }
}
