// Test helpers: a small catalog whose images share layers the way real ones
// do, and a way to read a progress stream to its end on a VirtualClock.
import type { VirtualClock } from '../../../src/core/clock';
import type { ApiResponse, ApiStream, JsonMessage } from '../../../src/core/daemon/api';
import { isStream } from '../../../src/core/daemon/api';
import type { CatalogRepo } from '../../../src/core/image/catalog';
import { df, lazy, type Recipe } from '../../../src/core/image/catalog/recipe';
import { TreeBuilder, at } from '../../../src/core/image/catalog/tree';
import type { Registry } from '../../../src/core/image/registry';

const microtasks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/**
 * Read a stream to its end, moving simulated time whenever it waits.
 * `onMessage` may return true to stop reading (the stream is then cancelled).
 */
export async function drain(
  stream: ApiStream<JsonMessage>,
  clock: VirtualClock,
  onMessage?: (m: JsonMessage, all: JsonMessage[]) => boolean | void,
): Promise<JsonMessage[]> {
  const out: JsonMessage[] = [];
  let done = false;
  let stop = false;
  const reader = (async () => {
    for await (const m of stream) {
      out.push(m);
      if (onMessage?.(m, out)) {
        stop = true;
        stream.cancel();
        break;
      }
    }
    done = true;
  })();
  while (!done) {
    await microtasks();
    if (done || stop) break;
    if (!clock.runNext()) {
      // the reader may still be working through buffered messages
      for (let i = 0; i < 10_000 && !done && clock.nextDue() === undefined; i++) await Promise.resolve();
      if (!done && clock.nextDue() === undefined) throw new Error('stream stalled with no timer pending');
    }
  }
  await reader;
  return out;
}

export async function drainResponse(r: ApiResponse, clock: VirtualClock): Promise<JsonMessage[]> {
  if (!isStream(r)) throw new Error(`expected a stream, got ${r.status} ${JSON.stringify(r.body)}`);
  return drain(r.stream, clock);
}

/** Non-TTY rendering: progress lines dropped, `id: status` otherwise. */
export function plainLines(msgs: JsonMessage[]): string[] {
  return msgs.filter((m) => !m.progress).map((m) => (m.id ? `${m.id}: ${m.status}` : `${m.status}`));
}

function tree(salt: string, files: Record<string, string>) {
  return lazy(() => {
    const t = new TreeBuilder(salt, at('2026-01-01T00:00:00Z'));
    for (const [p, c] of Object.entries(files)) t.file(p, c);
    return t.build();
  });
}

function blobLayer(salt: string, size: number) {
  return lazy(() => new TreeBuilder(salt, at('2026-01-01T00:00:00Z')).blob(`/data/${salt}`, size).build());
}

const T = '2026-01-01T00:00:00Z';

/** Five repositories over two bases: a and b share `base1`; c is on `base2`; d extends a. */
export function smallCatalog(): CatalogRepo[] {
  const base1: Recipe = {
    name: 'base1',
    steps: [
      { created: T, createdBy: 'base1', layer: tree('base1', { '/etc/os-release': 'ONE\n' }) },
      df.cmd(T, ['sh']),
    ],
  };
  const base2: Recipe = {
    name: 'base2',
    steps: [{ created: T, createdBy: 'base2', layer: tree('base2', { '/etc/os-release': 'TWO\n' }) }],
  };
  const a: Recipe = {
    name: 'a',
    base: base1,
    steps: [df.run('2026-01-02T00:00:00Z', 'make a', blobLayer('a', 3_000_000)), df.label(T, { app: 'a' })],
  };
  const b: Recipe = {
    name: 'b',
    base: base1,
    steps: [
      df.run('2026-01-03T00:00:00Z', 'make b', blobLayer('b', 5_000_000)),
      df.run('2026-01-03T00:00:00Z', 'make b2', blobLayer('b2', 1_000)),
    ],
  };
  const c: Recipe = {
    name: 'c',
    base: base2,
    steps: [df.run('2026-01-04T00:00:00Z', 'make c', blobLayer('c', 2_000_000))],
  };
  const d: Recipe = {
    name: 'd',
    base: a,
    steps: [df.run('2026-01-05T00:00:00Z', 'make d', blobLayer('d', 4_000_000))],
  };
  const repo = (path: string, tags: [Recipe, string[]][]): CatalogRepo => {
    const m = new Map<string, Recipe>();
    for (const [r, ts] of tags) for (const t of ts) m.set(t, r);
    return { domain: 'docker.io', path, tags: m };
  };
  return [
    repo('library/a', [[a, ['latest', '1']]]),
    repo('library/b', [[b, ['latest']]]),
    repo('library/c', [[c, ['latest']]]),
    repo('library/d', [[d, ['latest']]]),
    repo('library/base', [
      [base1, ['one']],
      [base2, ['two']],
    ]),
  ];
}

export function resolveOrThrow(registry: Registry, name: string) {
  const [repo, tag] = name.split(':');
  const r = registry.resolve({ domain: 'docker.io', path: `library/${repo}`, tag: tag ?? 'latest' });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
