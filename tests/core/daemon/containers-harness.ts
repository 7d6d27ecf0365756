// Helpers for the container tests: a world with images pulled once per file
// (restored from the store's snapshot for each test), Engine API calls, and
// driving the virtual clock so container processes run while a test waits.
import type { VirtualClock } from '../../../src/core/clock';
import {
  isConn,
  isStream,
  type ApiResponse,
  type HijackedConn,
  type OutputFrame,
} from '../../../src/core/daemon/api';
import type { ImageStoreState } from '../../../src/core/image/store';
import { createWorld, type World } from '../../../src/core/world';
import { drainResponse } from '../image/helpers';

/** 2026-11-27 21:21:03 UTC, the moment of the recorded transcripts. */
export const T0 = Date.UTC(2026, 10, 27, 21, 21, 3);

const snapshots = new Map<string, ImageStoreState>();

/** A world holding `images` (pulled once per process, then restored). */
export async function worldWith(images: string[], seed = 7): Promise<World> {
  const key = images.join(' ');
  let snap = snapshots.get(key);
  if (!snap) {
    const w = createWorld({ seed: 99 });
    for (const img of images) {
      const [fromImage, tag = 'latest'] = img.split(':');
      await drainResponse(
        await w.engine.request({ method: 'POST', path: '/images/create', query: { fromImage, tag } }),
        w.clock as VirtualClock,
      );
    }
    snap = JSON.parse(JSON.stringify(w.snapshot().images)) as ImageStoreState;
    snapshots.set(key, snap);
  }
  return createWorld({ seed, now: T0, images: snap });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inspect bodies are read field by field in tests
type Inspect = Record<string, any>;

export const clockOf = (w: World) => w.clock as VirtualClock;

const turn = () => new Promise<void>((r) => setTimeout(r, 0));

/** Let promises settle, firing due timers, until nothing is pending or `ms` of simulated time passed. */
export async function settle(w: World, ms = 0): Promise<void> {
  const clock = clockOf(w);
  const end = clock.now() + ms;
  for (let i = 0; i < 100_000; i++) {
    await turn();
    const due = clock.nextDue();
    if (due === undefined || due > end) break;
    clock.runNext();
  }
  if (clock.now() < end) clock.advance(end - clock.now());
  await turn();
}

/** Wait for a promise while simulated time runs (at most `maxMs`). */
export async function drive<T>(w: World, p: Promise<T>, maxMs = 3_600_000): Promise<T> {
  const clock = clockOf(w);
  let done = false;
  let value: T | undefined;
  let error: unknown;
  p.then(
    (v) => ((done = true), (value = v)),
    (e) => ((done = true), (error = e)),
  );
  const end = clock.now() + maxMs;
  for (let i = 0; i < 1_000_000 && !done; i++) {
    await turn();
    if (done) break;
    const due = clock.nextDue();
    if (due === undefined) {
      await turn();
      if (done || clockOf(w).nextDue() === undefined) break;
      continue;
    }
    if (due > end) break;
    clock.runNext();
  }
  await turn();
  if (!done) throw new Error('drive: the promise did not settle');
  if (error !== undefined) throw error;
  return value as T;
}

export async function api(
  w: World,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  query: Record<string, string> = {},
  body?: unknown,
): Promise<ApiResponse> {
  return drive(w, w.engine.request({ method, path: `/v1.51${path}`, query, body }));
}

export function json(r: ApiResponse): unknown {
  if (isStream(r) || isConn(r)) throw new Error(`expected a JSON body, got a stream (status ${r.status})`);
  return r.body;
}

export function conn(r: ApiResponse): HijackedConn {
  if (!isConn(r))
    throw new Error(`expected a connection, got ${r.status} ${JSON.stringify('body' in r ? r.body : '')}`);
  return r.conn;
}

/** Read a connection to its end (simulated time runs meanwhile). */
export async function readAll(w: World, c: HijackedConn, maxMs?: number): Promise<OutputFrame[]> {
  const frames: OutputFrame[] = [];
  await drive(
    w,
    (async () => {
      for await (const f of c) frames.push(f);
    })(),
    maxMs,
  );
  return frames;
}

export const text = (frames: OutputFrame[], stream?: 'stdout' | 'stderr') =>
  frames
    .filter((f) => !stream || f.stream === stream)
    .map((f) => f.data)
    .join('');

/** docker create: returns the ID, throws on an error answer. */
export async function create(w: World, body: Record<string, unknown>, name = ''): Promise<string> {
  const r = await api(w, 'POST', '/containers/create', name ? { name } : {}, body);
  if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(json(r))}`);
  return (json(r) as { Id: string }).Id;
}

/** docker run -d: create and start. */
export async function runDetached(w: World, body: Record<string, unknown>, name = ''): Promise<string> {
  const id = await create(w, body, name);
  const r = await api(w, 'POST', `/containers/${id}/start`);
  if (r.status !== 204) throw new Error(`start: ${r.status} ${JSON.stringify(json(r))}`);
  return id;
}

/** docker run (attached): attach, wait for next-exit, start, read everything; the exit code. */
export async function runAttached(
  w: World,
  body: Record<string, unknown>,
  name = '',
): Promise<{ id: string; code: number; out: string; err: string }> {
  const id = await create(w, body, name);
  const c = conn(await api(w, 'POST', `/containers/${id}/attach`, { stream: '1', stdout: '1', stderr: '1' }));
  const wait = w.engine.request({
    method: 'POST',
    path: `/containers/${id}/wait`,
    query: { condition: 'next-exit' },
  });
  const s = await api(w, 'POST', `/containers/${id}/start`);
  if (s.status !== 204) throw new Error(`start: ${s.status} ${JSON.stringify(json(s))}`);
  const frames = await readAll(w, c);
  const code = (json(await drive(w, wait)) as { StatusCode: number }).StatusCode;
  return { id, code, out: text(frames, 'stdout'), err: text(frames, 'stderr') };
}

export async function inspect(w: World, id: string): Promise<Inspect> {
  const r = await api(w, 'GET', `/containers/${id}/json`);
  if (r.status !== 200) throw new Error(`inspect: ${r.status} ${JSON.stringify(json(r))}`);
  return json(r) as Inspect;
}

/** docker exec (attached): create, start, read, then the exit code from the exec's inspect. */
export async function exec(
  w: World,
  id: string,
  cmd: string[],
  opts: Record<string, unknown> = {},
): Promise<{ code: number; out: string; err: string; status: number }> {
  const r = await api(
    w,
    'POST',
    `/containers/${id}/exec`,
    {},
    { AttachStdout: true, AttachStderr: true, Cmd: cmd, ...opts },
  );
  if (r.status !== 201)
    return { code: -1, out: '', err: (json(r) as { message: string }).message, status: r.status };
  const execId = (json(r) as { Id: string }).Id;
  const c = conn(
    await api(w, 'POST', `/exec/${execId}/start`, {}, { Detach: false, Tty: opts.Tty === true }),
  );
  const frames = await readAll(w, c);
  const info = json(await api(w, 'GET', `/exec/${execId}/json`)) as { ExitCode: number };
  return { code: info.ExitCode, out: text(frames, 'stdout'), err: text(frames, 'stderr'), status: 201 };
}

export const events = (w: World, type = 'container') =>
  w.events
    .all()
    .filter((e) => e.Type === type)
    .map((e) => e.Action);
