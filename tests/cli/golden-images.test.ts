// Transcript 04 (docker images and its options) against createWorld(). The recording's
// daemon also held environment images (busybox, two <none> images) and stand-ins of a
// few MB; we pull the same names, recreate a "<none>" row by moving a tag through the
// Engine API, and compare rows as normalised sets (creation dates come from the real
// images here, so the newest-first order differs).
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createWorld } from '../../src/core/world';
import type { World } from '../../src/core/world';
import { dockerIn } from './world-driver';
import { normalize, parseTranscript, shellWords } from './normalize';
import type { TranscriptStep } from './normalize';

const t = parseTranscript(
  fs.readFileSync(path.join(__dirname, '../fixtures/transcripts/04-images-list.txt'), 'utf8'),
);
const step = (cmd: string): TranscriptStep => {
  const s = t.find((x) => x.command === cmd);
  if (!s) throw new Error(`no step ${cmd}`);
  return s;
};

/** Rows the recording shows only because of its environment. */
const ENVIRONMENT = /^(busybox |<none> )/;

const norm = (l: string) => normalize(l, { sizes: true });

let world: World;
let untaggedNginx: string;

async function docker(command: string) {
  return dockerIn(world, shellWords(command).slice(1));
}

beforeAll(async () => {
  world = createWorld();
  for (const ref of [
    'hello-world',
    'postgres:16',
    'nginx',
    'python:3.13-alpine',
    'python:3.13-slim',
    'python:3.13',
    'python',
  ]) {
    expect((await docker(`docker pull ${ref}`)).code).toBe(0);
  }
  // the recording's "nginx <none>": an nginx image whose tag moved on, so only its digest is left
  const before = await docker('docker images -q --no-trunc nginx');
  untaggedNginx = before.io.out.trim();
  const res = await world.engine.request({
    method: 'POST',
    path: '/images/python:3.13-slim/tag',
    query: { repo: 'nginx', tag: 'latest' },
  });
  expect(res.status).toBe(201);
}, 60_000);

function rowsOf(out: string): string[] {
  return out.trimEnd().split('\n').slice(1).map(norm).sort();
}

function wantRows(s: TranscriptStep, keepEnvironment = false): string[] {
  return s.output
    .trimEnd()
    .split('\n')
    .slice(1)
    .filter((l) => keepEnvironment || !ENVIRONMENT.test(l))
    .map(norm)
    .sort();
}

describe('transcript 04: docker images', () => {
  it('docker images and docker images -a: header and one row per repository:tag', async () => {
    for (const cmd of ['docker images', 'docker images -a']) {
      const s = step(cmd);
      const r = await docker(cmd);
      expect(r.code).toBe(0);
      expect(normalize(r.io.out.split('\n')[0])).toBe(normalize(s.output.split('\n')[0]));
      // here the moved tag leaves "nginx <none>" and nginx:latest points at the slim python image
      expect(rowsOf(r.io.out)).toEqual(wantRows(s, false));
    }
  });

  it.each([
    'docker image ls python',
    'docker images python:3.13',
    'docker images --digests python',
    'docker images --no-trunc hello-world',
  ])('%s', async (cmd) => {
    const s = step(cmd);
    const r = await docker(cmd);
    expect(r.code).toBe(s.exit);
    expect(r.io.err).toBe('');
    const [head] = r.io.out.split('\n');
    expect(normalize(head)).toBe(normalize(s.output.split('\n')[0]));
    expect(rowsOf(r.io.out)).toEqual(wantRows(s));
  });

  it('-q prints one image ID per row, repeated for a second tag', async () => {
    const all = await docker('docker images -q');
    const want = step('docker images -q')
      .output.trimEnd()
      .split('\n')
      .filter((id) => !['9dd29f3bbc78', '3a106d58834b'].includes(id)); // the environment's <none> and busybox
    const got = all.io.out.trimEnd().split('\n');
    expect(got.map(norm).sort()).toEqual(want.map(norm).sort());
    const python = await docker('docker images -q python');
    const ids = python.io.out.trimEnd().split('\n');
    expect(ids.map(norm)).toEqual(step('docker images -q python').output.trimEnd().split('\n').map(norm));
    // python:3.13 and python:latest are one image
    expect(new Set(ids).size).toBe(ids.length - 1);
  });

  it('--filter dangling=true shows images without a tag, with their repository when a digest is left', async () => {
    const s = step('docker images --filter dangling=true');
    const r = await docker('docker images --filter dangling=true');
    expect(normalize(r.io.out.split('\n')[0])).toBe(normalize(s.output.split('\n')[0]));
    const rows = rowsOf(r.io.out);
    expect(rows).toEqual(wantRows(s, true).filter((l) => l.startsWith('nginx')));
    expect(r.io.out).toContain(untaggedNginx.slice(7, 19));
  });

  it("--format '{{.Repository}}:{{.Tag}} {{.Size}}'", async () => {
    const cmd = "docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}'";
    const s = step(cmd);
    const r = await docker(cmd);
    expect(r.io.out.trimEnd().split('\n').map(norm).sort()).toEqual(
      s.output
        .trimEnd()
        .split('\n')
        .filter((l) => !/^(busybox|<none>)/.test(l))
        .map(norm)
        .sort(),
    );
  });

  it('a repository that is not there: just the header', async () => {
    const s = step('docker images doesnotexist');
    const r = await docker('docker images doesnotexist');
    expect(r.io.all).toBe(s.output);
    expect(r.code).toBe(0);
  });
});
