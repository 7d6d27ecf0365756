// pkg/jsonmessage rendering checked against transcript 23's raw bytes (TTY) and the
// real CLI's piped output for the same stream (non-TTY).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { JsonMessageRenderer, progressString } from '../../src/cli/jsonmessage';
import type { JsonMessage } from '../../src/core/daemon/api';
// @ts-expect-error plain JS helper shared with the fixture generator
import { messagesFromTty } from '../fixtures/real-cli/pull-stream.mjs';

const raw = fs.readFileSync(path.join(__dirname, '../fixtures/transcripts/23-tty-pull-run-logs.txt'), 'utf8');
function section(cmd: string): string {
  const a = raw.indexOf(`$ docker pull ${cmd}\n`) + `$ docker pull ${cmd}\n`.length;
  const end = `docker.io/library/${cmd}\r\n`;
  return raw.slice(a, raw.indexOf(end, a));
}

function render(msgs: JsonMessage[], tty: boolean, width = 120): { out: string; error?: string } {
  let out = '';
  const r = new JsonMessageRenderer((s) => (out += s), tty, width);
  for (const m of msgs) {
    const err = r.display(m);
    if (err !== undefined) return { out, error: err };
  }
  return { out };
}

describe('TTY rendering', () => {
  it.each(['python:3.13', 'python:3.13-slim'])('docker pull %s reproduces the recorded bytes', (ref) => {
    const recorded = section(ref);
    const msgs = messagesFromTty(recorded) as JsonMessage[];
    expect(msgs.length).toBeGreaterThan(10);
    // the pseudo-terminal turned each LF into CR LF
    expect(render(msgs, true).out.replace(/\n/g, '\r\n')).toBe(recorded);
  });
  it('a message without id or progress resets the line map', () => {
    const out = render(
      [
        { status: 'Pulling fs layer', progressDetail: {}, id: 'aaaaaaaaaaaa' },
        { status: 'Digest: sha256:x' },
        { status: 'Pulling fs layer', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      ],
      true,
    ).out;
    expect(out).toBe(
      '\n\x1b[1A\x1b[2K\raaaaaaaaaaaa: Pulling fs layer \r\x1b[1BDigest: sha256:x\n\n\x1b[1A\x1b[2K\raaaaaaaaaaaa: Pulling fs layer \r\x1b[1B',
    );
  });
});

describe('non-TTY rendering', () => {
  it('drops progress frames and prints "id: status" with no trailing space', () => {
    const msgs = messagesFromTty(section('python:3.13')) as JsonMessage[];
    const cases = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../fixtures/real-cli/cases.json'), 'utf8'),
    ) as { cases: Array<{ name: string; stdout: string }> };
    const real = cases.cases.find((c) => c.name === 'pull python:3.13')!.stdout;
    expect(render(msgs, false).out + 'docker.io/library/python:3.13\n').toBe(real);
  });
  it('stops at an error message and returns its text', () => {
    const r = render(
      [
        { status: 'Pulling from library/x', id: '1' },
        { errorDetail: { message: 'unexpected EOF' }, error: 'unexpected EOF' },
        { status: 'never' },
      ],
      false,
    );
    expect(r).toEqual({ out: '1: Pulling from library/x\n', error: 'unexpected EOF' });
  });
});

describe('progress bar', () => {
  it('percentage/2 bars, HumanSize counts right-aligned in 8 columns', () => {
    expect(progressString({ current: 24770000, total: 49560000 }, 200)).toBe(
      '[========================>                          ]  24.77MB/49.56MB',
    );
    expect(progressString({ current: 320, total: 320 }, 120)).toBe(
      '[==================================================>]     320B/320B',
    );
    expect(progressString({ current: 36450, total: 1067000 }, 80)).toBe(' 36.45kB/1.067MB');
    expect(progressString({ current: 2000, total: 1000 }, 200)).toBe(
      '[==================================================>]      2kB',
    );
    expect(progressString({}, 200)).toBe('');
  });
});
