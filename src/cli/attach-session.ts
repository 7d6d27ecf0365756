// The hijacked-stream half of attach, `run`, `start -a` and `exec` (cli/command/container/
// hijack.go): the container's output to the terminal (demultiplexed, or raw with a TTY),
// the student's typing to the container's stdin, Ctrl-C, Ctrl-D and the detach keys.

import type { ApiRequest, EngineClient, HijackedConn } from '../core/daemon/api';
import { isConn, isStream } from '../core/daemon/api';
import { DaemonError } from './api-call';
import { CliError } from './command';
import type { CommandIO } from './io';

/** moby/term's default escape sequence: Ctrl-P Ctrl-Q. */
export const DEFAULT_DETACH_KEYS = '\x10\x11';

/** The terminal's interrupt (VINTR) and end-of-file (VEOF) characters, as a raw terminal sends them. */
export const VINTR = '\x03';
export const VEOF = '\x04';

/** term.ToBytes: "ctrl-p,ctrl-q" into bytes; undefined for an invalid sequence (the default is used). */
export function detachKeyBytes(keys: string): string | undefined {
  if (keys === '') return DEFAULT_DETACH_KEYS;
  let out = '';
  for (const raw of keys.split(',')) {
    const key = raw.trim();
    if (key.length > 1 && key.toLowerCase().startsWith('ctrl-')) {
      const c = key.slice(5).toLowerCase();
      if (c.length !== 1) return undefined;
      if (c >= 'a' && c <= 'z') out += String.fromCharCode(c.charCodeAt(0) - 96);
      else if ('@[\\]^_'.includes(c))
        out += String.fromCharCode('@[\\]^_'.indexOf(c) === 0 ? 0 : c.charCodeAt(0) - 64);
      else return undefined;
    } else if (key.length === 1) out += key;
    else return undefined;
  }
  return out;
}

/** A request answered with a hijacked connection; errors are the daemon's, as the client reports them. */
export async function callConn(client: EngineClient, req: ApiRequest): Promise<HijackedConn> {
  const res = await client.request(req);
  // 101 Switching Protocols (attach, exec start) or 200 (logs) carry the stream
  if (!isConn(res) && (res.status < 200 || res.status >= 400)) {
    const b = 'body' in res ? (res.body as { message?: unknown } | null) : null;
    const msg =
      b && typeof b === 'object' && typeof b.message === 'string' ? b.message : `status ${res.status}`;
    throw new DaemonError(res.status, msg);
  }
  if (!isConn(res))
    throw new CliError(isStream(res) ? 'unexpected stream response' : 'expected a hijacked connection', 1);
  return res.conn;
}

export interface StreamOptions {
  conn: HijackedConn;
  io: CommandIO;
  /** The container (or exec) has a TTY: output is copied raw and the terminal's keys pass through. */
  tty: boolean;
  /** Forward the terminal's input to the process's stdin. */
  stdin: boolean;
  /** Where output goes: with a TTY or without stderr attached the stream may be dropped. */
  stdout: boolean;
  stderr: boolean;
  /** The detach sequence's bytes (TTY sessions with stdin only, as in hijack.go). */
  detachKeys?: string;
  /** Ctrl-C without a TTY: sig-proxy forwards SIGINT (run, attach, start -a); absent, the client dies of it. */
  onInterrupt?: () => void;
}

export type StreamEnd = 'done' | 'detached' | 'interrupted';

/**
 * hijackedIOStreamer.stream: resolves when the output ends (the process exited or the
 * daemon closed the stream), when the student types the detach keys, or when Ctrl-C kills
 * a client that does not forward it.
 */
export function streamSession(opts: StreamOptions): Promise<StreamEnd> {
  const { conn, io, tty } = opts;
  return new Promise<StreamEnd>((resolve) => {
    let ended = false;
    const cleanups: Array<() => void> = [];
    const finish = (how: StreamEnd) => {
      if (ended) return;
      ended = true;
      for (const c of cleanups) c();
      if (how !== 'done') conn.cancel();
      resolve(how);
    };

    // output: raw with a TTY (everything is the terminal's stdout), stdcopy frames otherwise
    void (async () => {
      for await (const f of conn) {
        if (ended) break;
        if (tty || f.stream === 'stdout') {
          if (opts.stdout || tty) io.stdout.write(f.data);
        } else if (opts.stderr) io.stderr.write(f.data);
      }
      finish('done');
    })();

    const rawInput = tty && opts.stdin;
    // hijack.go setupInput: only a TTY session with stdin makes the client's terminal raw
    if (rawInput && io.rawTerminal) cleanups.push(io.rawTerminal());
    if (io.interrupt)
      cleanups.push(
        io.interrupt.onInterrupt(() => {
          // the terminal is the container's: ^C is a byte its line discipline turns into SIGINT
          if (rawInput) conn.write(VINTR);
          else if (opts.onInterrupt) opts.onInterrupt();
          else finish('interrupted');
        }),
      );
    if (rawInput && io.onDetach)
      cleanups.push(io.onDetach(opts.detachKeys ?? DEFAULT_DETACH_KEYS, () => finish('detached')));

    if (!opts.stdin) return;
    // input: each line the student typed; Ctrl-D is EOF for a pipe, a VEOF byte for a terminal
    void (async () => {
      const read = io.readLine;
      let eofs = 0;
      for (;;) {
        const line = read ? await read() : null;
        if (ended) return;
        if (line !== null) {
          eofs = 0;
          conn.write(line + '\n');
          continue;
        }
        if (rawInput && io.isTTY) {
          // a terminal stays open after Ctrl-D; a reader with nothing more to give stops here
          if (!read || ++eofs > 1) return;
          conn.write(VEOF);
          continue;
        }
        conn.closeWrite();
        return;
      }
    })();
  });
}
