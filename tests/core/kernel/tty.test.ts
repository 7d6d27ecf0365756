import { describe, expect, it } from 'vitest';
import { Tty } from '../../../src/core/kernel/tty';
import { LineReader } from '../../../src/core/kernel/stream';

describe('Tty', () => {
  it('delivers typed lines, and Ctrl-D as one end-of-file after which reading goes on', async () => {
    const tty = new Tty();
    const r = new LineReader(tty.input);
    tty.type('echo hi\n');
    expect(await r.readLine()).toBe('echo hi');
    tty.eof();
    expect(await tty.input.read()).toBeNull();
    tty.type('again\n');
    expect(await tty.input.read()).toBe('again\n');
  });

  it('turns every LF into CR LF on output (ONLCR), and passes bytes as they are with OPOST off', () => {
    const tty = new Tty();
    const seen: string[] = [];
    tty.onOutput((s) => seen.push(s));
    tty.output.write('a\nb\r\n');
    // a container terminal's CR LF on a cooked terminal: CR CR LF, as `docker run -t` shows
    expect(seen).toEqual(['a\r\nb\r\r\n']);
    tty.opost = false;
    tty.output.write('c\r\nd\n');
    expect(seen.at(-1)).toBe('c\r\nd\n');
    tty.resize(120, 40);
    expect([tty.output.columns, tty.output.rows]).toEqual([120, 40]);
  });

  it('sends Ctrl-C to the innermost foreground program and drops type-ahead', async () => {
    const tty = new Tty();
    const got: string[] = [];
    const releaseShell = tty.pushForeground({ interrupt: () => got.push('shell') });
    const releaseCmd = tty.pushForeground({ interrupt: () => got.push('sleep') });
    tty.type('typed ahead\n');
    tty.interrupt();
    releaseCmd();
    tty.interrupt();
    releaseShell();
    tty.interrupt();
    expect(got).toEqual(['sleep', 'shell']);
    tty.type('next\n');
    expect(await tty.input.read()).toBe('next\n');
  });

  it('ends every pending read on hangup', async () => {
    const tty = new Tty();
    const p = tty.input.read();
    tty.input.hangup();
    expect(await p).toBeNull();
    expect(await tty.input.read()).toBeNull();
  });
});
