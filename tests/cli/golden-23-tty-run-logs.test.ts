// Transcript 23 (the run and logs steps; its pulls are golden-pull's): commands on a
// 120x40 terminal. The recording's pseudo-terminal turned each LF the client wrote into
// CR LF (ONLCR), except in `-it` sessions, where the client puts it in raw mode; the
// container's own terminal already ends its lines in CR LF.
import { beforeAll, describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import type { TermOptions } from './containers-world';
import { STEP_GAP_MS, transcript, withImages } from './containers-golden';
import type { TimedStep } from './containers-golden';

const steps = transcript('23-tty-pull-run-logs.txt');
const step = (command: string): TimedStep => steps.find((s) => s.command === command)!;

/** The recording terminal's output processing: LF becomes CR LF (a CR LF becomes CR CR LF). */
const onlcr = (s: string) => s.replace(/\n/g, '\r\n');
/** The transcript file keeps the terminal's bytes, but parseTranscript split lines at LF. */
const recorded = (s: TimedStep) => s.output;
// eslint-disable-next-line no-control-regex
const sgr = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('transcript 23: run and logs on a terminal', () => {
  let laptop: Laptop;
  beforeAll(async () => {
    laptop = new Laptop();
    await withImages(laptop, ['python:3.13', 'python:3.13-slim']);
  }, 120_000);

  async function onTerminal(command: string, opts: TermOptions = {}) {
    await laptop.pause(STEP_GAP_MS);
    return laptop.docker(command, { tty: true, columns: 120, rows: 40, ...opts });
  }

  it('a plain run: the container has no TTY, the client terminal adds the CRs', async () => {
    const s = step(`docker run python:3.13 python3 -c "print('hello from a tty')"`);
    const r = await onTerminal(s.command);
    expect(onlcr(r.io.all)).toBe(recorded(s));
    expect(r.code).toBe(s.exit);
  });

  it('run -it: the Python REPL, typed lines echoed, CR LF from the container terminal', async () => {
    const s = step('docker run -it --rm python:3.13');
    const r = await onTerminal(s.command, {
      input: ["print('hi')", '6*7', 'exit()'],
      typeWhen: (io) => sgr(io.all).endsWith('>>> '),
    });
    // CPython 3.13's own REPL colours its prompt on a terminal (TERM=xterm); the stand-in did not
    expect(sgr(r.io.all)).toBe(recorded(s));
    expect(r.code).toBe(s.exit);
  });

  it("run -it bash: the real image's bash (the stand-in's was busybox ash with its banner)", async () => {
    const s = step('docker run -it --rm python:3.13 bash');
    const r = await onTerminal(s.command, {
      input: ['hostname', 'exit 3'],
      typeWhen: (io) => /# $/.test(io.all),
    });
    const id = /root@([0-9a-f]{12}):/.exec(r.io.all)?.[1];
    expect(id).toBeDefined();
    expect(r.io.all).toBe(`root@${id}:/# hostname\r\n${id}\r\nroot@${id}:/# exit 3\r\nexit\r\n`);
    expect(r.code).toBe(s.exit);
  });

  it('run -t: stderr joins stdout on the container terminal; the client terminal adds one more CR', async () => {
    const s = step("docker run -t --name ttylog python:3.13-slim sh -c 'echo to-stdout; echo to-stderr >&2'");
    const r = await onTerminal(s.command);
    expect(onlcr(r.io.all)).toBe(recorded(s));
    expect(r.io.err).toBe('');
    expect(r.code).toBe(s.exit);
  });

  it("logs of a -t container hold the container terminal's CR LF (read without a terminal)", async () => {
    const [plain, onTty] = steps.filter((s) => s.command === 'docker logs ttylog');
    await laptop.pause(STEP_GAP_MS);
    const r = await laptop.docker(plain.command);
    expect(r.io.out).toBe(plain.output);
    // `docker logs ttylog | od -c`: 22 bytes (0000026 octal), CR LF after each line
    expect(r.io.out).toBe('to-stdout\r\nto-stderr\r\n');
    expect(step('docker logs ttylog | od -c | head -5').output).toContain('0000026');
    const t = await onTerminal(onTty.command);
    expect(onlcr(t.io.all)).toBe(recorded(onTty));
    const rm = await onTerminal(step('docker rm ttylog').command);
    expect(onlcr(rm.io.all)).toBe('ttylog\r\n');
    expect(rm.code).toBe(0);
  });
});
