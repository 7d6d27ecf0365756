// The read-side commands (ps, inspect, top, stats, diff, commit, prune, volume,
// network, system, events, search, login) against what the real docker CLI did
// with the same daemon answers (tests/fixtures/real-cli/read-cases.json, made by
// `node generate.mjs read-commands.json read-cases.json`): same bytes, same exit
// codes, same requests.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runDocker } from '../../src/cli/docker';
import type { ApiRequest, ApiResponse, ApiStream, EngineClient } from '../../src/core/daemon/api';
import { VirtualClock, sleep } from '../../src/core/clock';
import { OverlayMount, isFsError } from '../../src/core/fs';
import type { FileSystem } from '../../src/core/userland/types';
import { tarSize, type ArchiveEntry } from '../../src/core/daemon/containers-archive';
import { captureIO } from './engine-replay';
import type { CapturedIO } from './engine-replay';

interface Exchange {
  req: { method: string; path: string; query: Record<string, string>; body?: unknown };
  res: { status: number; body?: unknown; jsonStream?: unknown[]; headers?: Record<string, string> };
}

interface Case {
  name: string;
  args: string[];
  tty?: boolean;
  stdin?: string;
  killAfter?: number;
  /** docker cp: the client's files before (under hostRoot) and after. */
  hostRoot?: string;
  hostFiles?: Array<{ path: string; dir?: boolean; text?: string; mode?: number }>;
  files?: Array<{ path: string; type: string; mode: number; text?: string; link?: string }>;
  /** How many Ctrl-C the recording pressed, 300 ms apart from killAfter on. */
  interrupts?: number;
  stdout: string;
  stderr: string;
  exit: number;
  now: number;
  exchanges: Exchange[];
}

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/real-cli/read-cases.json'), 'utf8'),
) as { client: string; cases: Case[] };

/** A document stream that stays open after its recorded documents when the daemon kept it open. */
function docs(items: unknown[], open: boolean): ApiStream<unknown> & { cancelled: boolean } {
  let cancelled = false;
  let wake: (() => void) | undefined;
  const s = {
    get cancelled() {
      return cancelled;
    },
    cancel() {
      cancelled = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (const m of items) {
        if (cancelled) return;
        yield m;
      }
      if (open && !cancelled) await new Promise<void>((r) => (wake = r));
    },
  };
  return s;
}

class Replay implements EngineClient {
  readonly requests: Exchange['req'][] = [];
  constructor(
    private readonly exchanges: Exchange[],
    private readonly open: boolean,
  ) {}

  async request(req: ApiRequest): Promise<ApiResponse> {
    const query = Object.fromEntries(
      Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    // the recording client (28.2.2) asks for stats by 12-character ID; 28.5.2 uses the full ID
    const path = req.path.replace(
      /^\/containers\/([0-9a-f]{12})[0-9a-f]{52}\/stats$/,
      '/containers/$1/stats',
    );
    // a tar body is recorded by its size: ours travels as members, weighed as the tar they make
    const body =
      req.method === 'PUT' && req.body && typeof req.body === 'object' && 'entries' in req.body
        ? { bytes: tarSize((req.body as { entries: ArchiveEntry[] }).entries) }
        : req.body;
    const r = { method: req.method, path, query, ...(body !== undefined ? { body } : {}) };
    this.requests.push(r);
    const key = (q: Record<string, string>) => JSON.stringify(Object.entries(q).sort());
    const hit = this.exchanges.find(
      (e) => e.req.method === r.method && e.req.path === r.path && key(e.req.query) === key(query),
    );
    if (!hit)
      return {
        status: 404,
        body: { message: `no recorded answer for ${r.method} ${r.path} ${JSON.stringify(query)}` },
      };
    if (hit.res.jsonStream)
      return { status: hit.res.status, json: docs(hit.res.jsonStream, this.open) } as ApiResponse;
    return {
      status: hit.res.status,
      body: hit.res.body,
      ...(hit.res.headers ? { headers: hit.res.headers } : {}),
    };
  }
}

/** Client facts differ: the recording client is 28.2.2 (API 1.50), Stevedore's is 28.5.2 (API 1.51). */
function clientFacts(text: string): string {
  return text
    .replace(/Version:(\s+)28\.2\.2/g, 'Version:$128.5.2')
    .replace(/API version:(\s+)1\.50(\r?\n)/g, 'API version:$11.51$2')
    .replace(/go1\.24\.3/g, 'go1.24.9')
    .replace(/e6534b4/g, 'ecc6942')
    .replace(/Fri May 30 12:07:14 2025/g, 'Wed Nov  5 10:32:31 2025');
}

/**
 * `docker info`'s client section: the recording client is a static binary with no
 * platform name and no CLI plugins; Stevedore's is docker-ce with buildx and compose.
 */
function ourClientSection(text: string): string {
  return text
    .replace(/^Client: Docker Engine - Community(\r?\n)/, 'Client:$1')
    .replace(/ Plugins:\n(?: {2}\S.*\n(?: {4}.*\n)*)+(?=\nServer:)/, '');
}

/** The client machine's files, shared by the cases in recorded order (login stores, logout erases). */
const clientFiles = new OverlayMount([]);

/** A fresh client disk with the case's files (docker cp cases). */
function caseFiles(c: Case): OverlayMount {
  const fs = new OverlayMount([]);
  fs.mkdir(c.hostRoot!, { recursive: true });
  for (const f of c.hostFiles ?? []) {
    fs.mkdir(f.path.slice(0, f.path.lastIndexOf('/')), { recursive: true });
    if (f.dir) fs.mkdir(f.path, { recursive: true });
    else fs.writeFile(f.path, f.text ?? '', { mode: f.mode ?? 0o644 });
  }
  return fs;
}

/** The tree under `root` as generate.mjs lists it. */
function listTree(fs: FileSystem, root: string): Case['files'] {
  const out: NonNullable<Case['files']> = [];
  const walk = (p: string, rel: string) => {
    const st = fs.lstat(p);
    if (isFsError(st)) return;
    if (st.kind === 'symlink')
      out.push({ path: rel, type: 'symlink', mode: 0o777, link: fs.readlink(p) as string });
    else if (st.kind === 'dir') {
      out.push({ path: rel, type: 'dir', mode: st.mode });
      const names = fs.readdir(p);
      if (!isFsError(names))
        for (const n of [...names].sort()) walk(`${p}/${n}`, rel === '.' ? n : `${rel}/${n}`);
    } else out.push({ path: rel, type: 'file', mode: st.mode, text: fs.readFile(p) as string });
  };
  walk(root, '.');
  return out;
}

/** Frames of a live stats screen (\x1b[H starts each), for comparing how many redraws happened. */
const frames = (s: string) => s.split('\x1b[H').filter((f) => f !== '');

async function run(c: Case): Promise<{ io: CapturedIO; code: number; client: Replay; ticks: number }> {
  const client = new Replay(c.exchanges, c.killAfter !== undefined);
  const io = captureIO({ tty: c.tty, columns: c.tty ? 120 : 200, now: c.now, stdin: c.stdin });
  io.env = { HOME: '/root', DOCKER_CONFIG: '/tmp/stevedore-fake-docker-config' };
  io.hostFs = c.hostRoot ? caseFiles(c) : clientFiles;
  let ticks = 0;
  const listeners = new Set<() => void>();
  let interrupted = false;
  io.interrupt = {
    get interrupted() {
      return interrupted;
    },
    onInterrupt(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  // the client's clock: timers fire in order once everything else is idle; Ctrl-C when the recording pressed it
  const clock = new VirtualClock(c.now);
  io.sleep = (ms) => sleep(clock, ms);
  let done = false;
  let code = -1;
  const p = runDocker(c.args, io, client).then((x) => {
    done = true;
    code = x;
  });
  const presses =
    c.killAfter === undefined
      ? []
      : Array.from({ length: c.interrupts ?? 1 }, (_, i) => c.now + c.killAfter! + i * 300);
  while (!done) {
    for (let i = 0; i < 20 && !done; i++) await new Promise((r) => setImmediate(r));
    if (done) break;
    const due = clock.nextDue();
    // a key press at the same moment as a timer comes first, as it did in the recording
    if (presses.length > 0 && (due === undefined || presses[0] <= due)) {
      presses.shift();
      interrupted = true;
      for (const l of [...listeners]) l();
      continue;
    }
    if (due === undefined) throw new Error(`docker ${c.args.join(' ')} waits on nothing`);
    clock.runNext();
    ticks = clock.now() - c.now;
  }
  await p;
  return { io, code, client, ticks };
}

const LIVE = new Set(['stats web (tty, live)', 'stats (tty, live, all)']);

describe('read-side commands against the real docker CLI', () => {
  it.each(fixture.cases.filter((c) => !LIVE.has(c.name)).map((c) => [c.name, c] as const))(
    '%s',
    async (_n, c) => {
      const { io, code, client } = await run(c);
      // a TTY case: the pseudo-terminal merged the streams, made LF into CR LF and echoed ^C
      if (c.tty)
        expect(ourClientSection(io.all.replace(/\n/g, '\r\n'))).toBe(
          clientFacts(c.stdout.replace(/\^C$/, '')),
        );
      else {
        expect(ourClientSection(io.out)).toBe(clientFacts(c.stdout));
        expect(io.err).toBe(clientFacts(c.stderr));
      }
      expect(code).toBe(c.exit);
      // the client's files after docker cp (the root's own mode is the test machine's umask)
      if (c.files) expect(listTree(io.hostFs!, c.hostRoot!)!.slice(1)).toEqual(c.files.slice(1));
      const sorted = (rs: Exchange['req'][]) =>
        rs
          .map((r) => JSON.stringify({ ...r, query: Object.fromEntries(Object.entries(r.query).sort()) }))
          .sort();
      expect(sorted(client.requests)).toEqual(sorted(c.exchanges.map((e) => e.req)));
    },
  );

  it.each(fixture.cases.filter((c) => LIVE.has(c.name)).map((c) => [c.name, c] as const))(
    '%s',
    async (_n, c) => {
      const { io, code } = await run(c);
      const real = c.stdout.replace(/\r\n/g, '\n').replace(/\^C/g, '');
      // every frame the real CLI drew, byte for byte, in the same order, and how it ended
      expect(frames(io.all)).toEqual(frames(real));
      expect(io.all).toBe(real);
      expect(code).toBe(c.exit);
    },
  );
});
