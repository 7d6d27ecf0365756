// The container commands against what the real docker CLI did with the same daemon answers
// (tests/fixtures/real-cli/containers-cases.json, made by containers-generate.mjs): the same
// bytes on stdout and stderr, the same exit code, the same requests and request bodies.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runDocker } from '../../src/cli/docker';
import { buildLayer, OverlayMount } from '../../src/core/fs';
import type { FileSystem } from '../../src/core/userland/types';
import { captureIO } from './engine-replay';
import { ContainerReplayClient } from './containers-replay';
import type { RecordedExchange } from './containers-replay';

interface Case {
  name: string;
  args: string[];
  tty?: boolean;
  cols?: number;
  stdin?: string;
  env?: Record<string, string>;
  files?: Record<string, string>;
  stdout: string;
  stderr: string;
  exit: number | null;
  now: number;
  exchanges: RecordedExchange[];
}

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/real-cli/containers-cases.json'), 'utf8'),
) as { cases: Case[] };

/** Commands the real client runs in parallel goroutines: their requests' order is not fixed. */
const PARALLEL = new Set(['stop', 'kill', 'rm', 'pause', 'unpause']);

function hostFs(files: Record<string, string>): FileSystem {
  const spec = Object.fromEntries(Object.entries(files).map(([f, t]) => [`/work/${f}`, t]));
  return new OverlayMount([buildLayer({ '/work': { dir: true }, ...spec })]).as({
    cwd: '/work',
  }) as FileSystem;
}

describe('container commands against recorded real-CLI behaviour', () => {
  it.each(fixture.cases.filter((c) => c.exit !== null).map((c) => [c.name, c] as const))(
    '%s',
    async (_n, c) => {
      const client = new ContainerReplayClient(c.exchanges);
      const io = captureIO({
        now: c.now,
        stdin: c.stdin,
        tty: c.tty,
        columns: c.tty ? (c.cols ?? 120) : 200,
      });
      // the recordings' pseudo-terminal was 40 rows high
      if (c.tty) io.rows = 40;
      // the recordings' client talked to the scripted daemon's socket
      io.env = { DOCKER_HOST: 'unix:///tmp/stevedore-fake-docker-containers.sock', ...(c.env ?? {}) };
      io.hostFs = hostFs(c.files ?? {});
      const code = await runDocker(c.args, io, client);
      if (c.tty) {
        // the pseudo-terminal merged both streams and turned LF into CR LF
        expect(io.all.replace(/\n/g, '\r\n')).toBe(c.stdout);
      } else {
        expect(io.out).toBe(c.stdout);
        expect(io.err).toBe(c.stderr);
      }
      expect(code).toBe(c.exit);
      const want = c.exchanges.map((e) => e.req);
      if (PARALLEL.has(c.args[0])) {
        const key = (r: { path: string }) => r.path;
        expect([...client.requests].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
          [...want].sort((a, b) => key(a).localeCompare(key(b))),
        );
      } else expect(client.requests).toEqual(want);
      // what reached the process's stdin is what the real client sent
      const hijacked = c.exchanges.filter((e) => e.res?.frames);
      hijacked.forEach((e, i) => expect(client.conns[i]?.written ?? '').toBe(e.res?.stdin ?? ''));
    },
  );
});
