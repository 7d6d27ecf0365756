// Transcripts 02, 03 and 23 replayed against createWorld(). The recordings pulled
// stand-in images from a local mirror; Stevedore's registry serves the real images
// with their real layering, so layer ids, counts and sizes differ: we compare the
// normalised wording, each layer's own status sequence, line order and exit codes.
/* eslint-disable no-control-regex -- terminal escape sequences are what these tests are about */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createWorld } from '../../src/core/world';
import type { World } from '../../src/core/world';
import { dockerIn } from './world-driver';
import { normalize, parseTranscript, shellWords } from './normalize';
import type { TranscriptStep } from './normalize';

const fixtures = path.join(__dirname, '../fixtures/transcripts');
const steps = (f: string) => parseTranscript(fs.readFileSync(path.join(fixtures, f), 'utf8'));

/** A non-TTY pull output split into its header, per-layer status sequences and trailer. */
function pullShape(out: string) {
  const lines = out.trimEnd().split('\n');
  const layers = new Map<string, string[]>();
  const head: string[] = [];
  const tail: string[] = [];
  const completeOrder: string[] = [];
  for (const l of lines) {
    const m = /^([0-9a-f]{12}): (.*)$/.exec(l);
    if (m) {
      if (!layers.has(m[1])) layers.set(m[1], []);
      layers.get(m[1])!.push(m[2]);
      if (m[2] === 'Pull complete') completeOrder.push(m[1]);
    } else (layers.size ? tail : head).push(l);
  }
  return { head, tail, layers, order: [...layers.keys()], completeOrder };
}

// graphdriver store, non-TTY (reference §3.2-3.3): progress frames are dropped
const LAYER_SEQUENCE =
  /^(Already exists|Pulling fs layer(\|Waiting)?(\|Verifying Checksum)?\|Download complete\|Pull complete)$/;

function expectLayerSequences(shape: ReturnType<typeof pullShape>) {
  for (const [id, seq] of shape.layers) expect(seq.join('|'), id).toMatch(LAYER_SEQUENCE);
  // extraction is sequential in manifest order
  expect(shape.completeOrder).toEqual(
    shape.order.filter((id) => shape.layers.get(id)!.includes('Pull complete')),
  );
}

async function run(world: World, step: TranscriptStep | string) {
  const command = typeof step === 'string' ? step : step.command;
  const argv = shellWords(command);
  expect(argv[0]).toBe('docker');
  return dockerIn(world, argv.slice(1));
}

describe('transcript 02: pulls with shared layers', () => {
  const t = steps('02-pull-python-shared-layers.txt');

  it('pull python:3.13 from scratch, then again, then the default tag', async () => {
    const world = createWorld();
    // 1. explicit tag: every layer downloads; each layer's statuses follow Docker's order
    const first = await run(world, t[0]);
    const want = pullShape(t[0].output);
    const got = pullShape(first.io.out);
    expect(first.code).toBe(t[0].exit);
    expect(first.io.err).toBe('');
    expect(normalize(got.head.join('\n'))).toBe(normalize(want.head.join('\n')));
    expect(normalize(got.tail.join('\n'))).toBe(normalize(want.tail.join('\n')));
    expectLayerSequences(want);
    expectLayerSequences(got);
    // real python:3.13 and the stand-in both have a base plus six layers
    expect(got.layers.size).toBe(want.layers.size);
    for (const seq of got.layers.values()) expect(seq[0]).toBe('Pulling fs layer');

    // 3. the same tag again: nothing but the digest and "Image is up to date"
    const again = await run(world, t[2]);
    expect(normalize(again.io.all)).toBe(normalize(t[2].output));
    expect(again.code).toBe(0);

    // 4. no tag: "Using default tag: latest"; python:latest is the same manifest
    const latest = await run(world, t[3]);
    expect(normalize(latest.io.all)).toBe(normalize(t[3].output));
    expect(latest.io.out.split('\n')[2]).toBe(first.io.out.trimEnd().split('\n').at(-3));
  });

  it('a second image on a shared base says "Already exists" for the shared layers', async () => {
    // The recording's python:3.13-slim shared the stand-in debian base with python:3.13. The
    // real python:3.13-slim and nginx are both built on debian:bookworm-slim, so that pair
    // shows the same behaviour here (transcripts README, "Layer structure").
    const world = createWorld();
    expect((await run(world, 'docker pull python:3.13-slim')).code).toBe(0);
    const second = await run(world, 'docker pull nginx');
    const shape = pullShape(second.io.out);
    const want = pullShape(t[1].output);
    expectLayerSequences(shape);
    expect(shape.layers.get(shape.order[0])).toEqual(['Already exists']);
    expect(want.layers.get(want.order[0])).toEqual(['Already exists']);
    expect(shape.head).toEqual(['Using default tag: latest', 'latest: Pulling from library/nginx']);
    expect(normalize(shape.tail.join('\n'))).toBe(
      normalize(want.tail.join('\n'))
        .replace(/python:3\.13-slim/g, 'nginx:latest')
        .replace('docker.io/library/nginx:latest', 'docker.io/library/nginx:latest'),
    );
    expect(shape.tail).toEqual([
      expect.stringMatching(/^Digest: sha256:[0-9a-f]{64}$/),
      'Status: Downloaded newer image for nginx:latest',
      'docker.io/library/nginx:latest',
    ]);
  });

  it('docker images lists one row per tag, newest first', async () => {
    const world = createWorld();
    for (const s of t.slice(0, 4)) await run(world, s);
    const r = await run(world, t[4]);
    const lines = r.io.out.trimEnd().split('\n');
    const want = t[4].output.trimEnd().split('\n');
    expect(normalize(lines[0])).toBe(normalize(want[0]));
    // the transcript's environment images (hello-world, busybox, <none>) are not in a fresh world
    const rows = lines.slice(1).map((l) => l.split(/ {2,}/).slice(0, 2).join(':'));
    expect(rows.sort()).toEqual(['python:3.13', 'python:3.13-slim', 'python:latest']);
    const wantRows = want
      .filter((l) => l.startsWith('python '))
      .map((l) => normalize(l, { sizes: true }).replace(/<DURATION> ago/, ''));
    const gotRows = lines.slice(1).map((l) => normalize(l, { sizes: true }).replace(/<DURATION> ago/, ''));
    expect(gotRows.sort()).toEqual(wantRows.sort());
  });
});

describe('transcript 03: pulls that fail', () => {
  const t = steps('03-pull-errors.txt');

  it('an unknown Docker Hub repository is "pull access denied" (the recording used a local registry)', async () => {
    // A private registry answers MANIFEST_UNKNOWN (recorded); Docker Hub answers DENIED (reference §3.4).
    const r = await run(createWorld(), 'docker pull doesnotexist');
    expect(r.io.out).toBe('Using default tag: latest\n');
    expect(r.io.err).toBe(
      "Error response from daemon: pull access denied for doesnotexist, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
    );
    expect(r.code).toBe(t[0].exit);
  });

  it('an unknown tag is "manifest unknown"', async () => {
    const r = await run(createWorld(), 'docker pull python:9.99');
    expect(r.io.all).toBe(t[1].output.replace('127.0.0.1:5000/library/python:9.99', 'python:9.99'));
    expect(r.code).toBe(t[1].exit);
  });

  it.each(
    steps('03-pull-errors.txt')
      .filter((s) => /^docker (pull|images) /.test(s.command) && !s.command.includes('127.0.0.1'))
      .map((s) => [s.command, s] as const),
  )('%s', async (_c, step) => {
    const r = await run(createWorld(), step);
    expect(r.io.all).toBe(step.output);
    expect(r.code).toBe(step.exit);
  });

  it('a listing filtered by a repository that is not there prints only the header', async () => {
    const step = t.find((s) => s.command.startsWith('docker images '))!;
    const r = await run(createWorld(), step);
    expect(r.io.all).toBe(step.output);
    expect(r.code).toBe(0);
  });
});

/** A minimal terminal: enough of CR, LF, ESC[nA/B and ESC[2K to see the final screen. */
function screen(bytes: string): string[] {
  const rows: string[] = [''];
  let y = 0;
  let x = 0;
  const re = /\x1b\[(\d*)([ABK])|\r|\n|[^\x1b\r\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(bytes))) {
    const s = m[0];
    if (s === '\r') x = 0;
    else if (s === '\n') {
      y++;
      x = 0;
      while (rows.length <= y) rows.push('');
    } else if (m[2] === 'A') y = Math.max(0, y - Number(m[1] || 1));
    else if (m[2] === 'B') {
      y += Number(m[1] || 1);
      while (rows.length <= y) rows.push('');
    } else if (m[2] === 'K') rows[y] = '';
    else {
      rows[y] = rows[y].slice(0, x) + s + rows[y].slice(x + s.length);
      x += s.length;
    }
  }
  return rows.map((r) => r.trimEnd());
}

describe('transcript 23: a pull on a terminal', () => {
  const raw = fs.readFileSync(path.join(fixtures, '23-tty-pull-run-logs.txt'), 'utf8');
  const recorded = raw
    .slice(raw.indexOf('$ docker pull python:3.13\n') + 26, raw.indexOf('[exit 0]'))
    .replace(/\r\n/g, '\n');

  it('redraws each layer in place and leaves the same final screen as the recording', async () => {
    const world = createWorld();
    const r = await dockerIn(world, ['pull', 'python:3.13'], { tty: true, columns: 120 });
    expect(r.code).toBe(0);
    const ours = screen(r.io.all).filter((l) => l !== '');
    const theirs = screen(recorded).filter((l) => l !== '');
    expect(ours.map((l) => normalize(l))).toEqual(theirs.map((l) => normalize(l)));
    // progress frames were drawn with the trailing space and carriage return of jsonmessage
    expect(r.io.all).toMatch(/\x1b\[2K\r[0-9a-f]{12}: Downloading \[=*>? *\] +\S+\/\S+\r\x1b\[\d+B/);
    expect(r.io.all).toMatch(/\x1b\[\d+A\x1b\[2K\r[0-9a-f]{12}: Pull complete \r\x1b\[\d+B/);
  });
});

describe('Ctrl-C during a pull', () => {
  it('cancels the stream, prints nothing more and exits 130 (128 + SIGINT)', async () => {
    const world = createWorld();
    const r = await dockerIn(world, ['pull', 'python:3.13'], {
      interruptWhen: (io) => io.out.includes('Verifying Checksum'),
    });
    expect(r.code).toBe(130);
    expect(r.io.err).toBe('');
    expect(r.io.out).not.toContain('docker.io/library/python:3.13');
    expect(r.io.out).not.toContain('Status:');
    // the daemon abandoned the pull: no image was tagged
    const images = await dockerIn(world, ['images', '-q', 'python']);
    expect(images.io.out).toBe('');
  });
});
