import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import { buildLayer, OverlayMount, type LayerSpec } from '../../src/core/fs';
import { NetNamespace, NetworkStack } from '../../src/core/kernel/network';
import { Kernel } from '../../src/core/kernel/process';
import { Pipe } from '../../src/core/kernel/stream';
import { Tty } from '../../src/core/kernel/tty';
import { seededRandom } from '../../src/core/random';
import { ProgramTable, type Sys } from '../../src/core/userland/types';
import { nanoProgram } from '../../src/cli/runner/nano';
import {
  bufferText,
  openBuffer,
  pressKey,
  renderScreen,
  splitKeys,
  written,
} from '../../src/cli/runner/nano-editor';

const keys = (s: ReturnType<typeof openBuffer>, data: string) => {
  const reqs = [];
  for (const k of splitKeys(data)) reqs.push(pressKey(s, k));
  return reqs.filter(Boolean);
};

describe('nano editor state', () => {
  it('splits raw input into keys, escape sequences whole', () => {
    expect(splitKeys('ab\x1b[A\x1b[3~\x1bOH\x0f€')).toEqual([
      'a',
      'b',
      '\x1b[A',
      '\x1b[3~',
      '\x1bOH',
      '\x0f',
      '€',
    ]);
  });

  it('types, breaks lines, moves with arrows, deletes, and writes with a final newline', () => {
    const s = openBuffer('notes.txt', 'first\nsecond\n', 'Read 2 lines');
    keys(s, 'X\x1b[B\x1b[F!\r\x7f\x7fnew');
    expect(s.lines).toEqual(['Xfirst', 'secondnew']);
    expect(s.modified).toBe(true);
    expect(bufferText(s)).toBe('Xfirst\nsecondnew\n');
  });

  it('Ctrl-K cuts consecutive lines together, Ctrl-U pastes them above the cursor line', () => {
    const s = openBuffer('f', 'a\nb\nc\nd\n', '');
    keys(s, '\x0b\x0b\x1b[B');
    expect(s.lines).toEqual(['c', 'd']);
    keys(s, '\x15');
    expect(s.lines).toEqual(['c', 'a', 'b', 'd']);
    expect(s.cy).toBe(3);
  });

  it('Ctrl-O asks for the file name; Enter requests the write; the status line reports it', () => {
    const s = openBuffer('', undefined, 'New File');
    expect(keys(s, 'hi\x0f')).toEqual([]);
    expect(s.mode).toBe('filename');
    expect(keys(s, 'out.txt\r')).toEqual([{ kind: 'write', path: 'out.txt' }]);
    expect(written(s, 'out.txt', undefined)).toBeUndefined();
    expect(s).toMatchObject({ mode: 'edit', filename: 'out.txt', modified: false, message: 'Wrote 1 line' });
  });

  it('Ctrl-X on a modified buffer asks; N leaves without saving, Y saves then leaves, ^C cancels', () => {
    const s = openBuffer('f', 'x\n', '');
    keys(s, 'y');
    expect(keys(s, '\x18')).toEqual([]);
    expect(s.mode).toBe('save-on-exit');
    keys(s, '\x03');
    expect(s).toMatchObject({ mode: 'edit', message: 'Cancelled' });
    keys(s, '\x18');
    expect(keys(s, 'n')).toEqual([{ kind: 'exit' }]);
    const t = openBuffer('f', 'x\n', '');
    keys(t, 'z\x18y');
    expect(keys(t, '\r')).toEqual([{ kind: 'write', path: 'f' }]);
    expect(written(t, 'f', undefined)).toEqual({ kind: 'exit' });
    expect(openBuffer('f', 'x', '') && keys(openBuffer('f', 'x', ''), '\x18')).toEqual([{ kind: 'exit' }]);
  });

  it('draws the title bar, the text, the status and the shortcuts in the window', () => {
    const s = openBuffer('notes.txt', 'hello\n', 'Read 1 line');
    const screen = renderScreen(s, 40, 8);
    // the file name centred in the inverse-video title bar
    expect(screen).toContain(`\x1b[1;1H\x1b[7m  GNU nano 7.2 notes.txt${' '.repeat(16)}\x1b[0m`);
    expect(screen).toContain('\x1b[2;1Hhello\x1b[K');
    expect(screen).toContain('[ Read 1 line ]');
    expect(screen).toContain('\x1b[7m^X\x1b[0m Exit');
    expect(screen.endsWith('\x1b[2;1H\x1b[?25h')).toBe(true);
  });

  it('scrolls to keep the cursor line in view', () => {
    const s = openBuffer('f', Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n'), '');
    keys(s, '\x1b[B'.repeat(20));
    const screen = renderScreen(s, 40, 10);
    expect(s.top).toBe(15);
    expect(screen).toContain('\x1b[2;1Hl15\x1b[K');
    expect(screen).toContain('\x1b[7;1H'); // the cursor row: 20 - 15 + 2
  });
});

describe('nano as a program on a terminal', () => {
  function setup(files: LayerSpec) {
    const clock = new VirtualClock(0);
    const kernel = new Kernel<Sys>(clock);
    const fs = new OverlayMount([buildLayer({ '/home/s': { dir: true, uid: 1000, gid: 1000 }, ...files })], {
      clock,
    });
    const sys: Sys = {
      fs,
      uts: { hostname: 'laptop' },
      net: new NetNamespace('h'),
      network: new NetworkStack(seededRandom(1)),
      host: { kernelRelease: '', kernelVersion: '', machine: 'x86_64', memTotal: 1, cpus: 1, bootTime: 0 },
      programs: new ProgramTable().register(nanoProgram),
    };
    const tty = new Tty({ columns: 60, rows: 12 });
    let screen = '';
    tty.onOutput((s) => (screen += s));
    return { kernel, fs, sys, tty, screen: () => screen };
  }
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('edits in raw mode on the alternate screen, writes as the user, and restores the terminal', async () => {
    const m = setup({ '/home/s/todo.txt': { content: 'milk\n', uid: 1000, gid: 1000 } });
    const proc = m.kernel.spawn({
      program: nanoProgram.run,
      argv: ['nano', 'todo.txt'],
      ns: m.sys,
      cwd: '/home/s',
      uid: 1000,
      gid: 1000,
      stdin: m.tty.input,
      stdout: m.tty.output,
      stderr: m.tty.output,
      tty: true,
    });
    if (proc === 'EAGAIN') throw new Error('fork');
    await flush();
    expect(m.tty.raw).toBe(true);
    expect(m.screen()).toContain('\x1b[?1049h');
    expect(m.screen()).toContain('[ Read 1 line ]');
    m.tty.type('\x1b[Feggs\r');
    m.tty.type('bread\x18');
    await flush();
    expect(m.screen()).toContain('Save modified buffer?');
    m.tty.type('y');
    await flush();
    expect(m.screen()).toContain('File Name to Write: todo.txt');
    m.tty.type('\r');
    expect(await proc.exited).toEqual({ code: 0 });
    expect(m.fs.readFile('/home/s/todo.txt')).toBe('milkeggs\nbread\n');
    expect(m.tty.raw).toBe(false);
    expect(m.screen().endsWith('\x1b[?1049l\x1b[23;0;0t')).toBe(true);
  });

  it('says so when it cannot write, and keeps the buffer', async () => {
    const m = setup({ '/etc/motd': 'hi\n' });
    const proc = m.kernel.spawn({
      program: nanoProgram.run,
      argv: ['nano', '/etc/motd'],
      ns: m.sys,
      cwd: '/home/s',
      uid: 1000,
      gid: 1000,
      stdin: m.tty.input,
      stdout: m.tty.output,
      stderr: m.tty.output,
      tty: true,
    });
    if (proc === 'EAGAIN') throw new Error('fork');
    await flush();
    m.tty.type('x\x0f\r');
    await flush();
    expect(m.screen()).toContain('[ Error writing /etc/motd: Permission denied ]');
    m.tty.type('\x18n');
    expect(await proc.exited).toEqual({ code: 0 });
    expect(m.fs.readFile('/etc/motd')).toBe('hi\n');
  });

  it('refuses to run without a terminal', async () => {
    const m = setup({});
    const out = new Pipe();
    const proc = m.kernel.spawn({
      program: nanoProgram.run,
      argv: ['nano', 'x'],
      ns: m.sys,
      stdin: new Pipe(),
      stdout: out,
      stderr: out,
    });
    if (proc === 'EAGAIN') throw new Error('fork');
    expect(await proc.exited).toEqual({ code: 1 });
    expect(out.drain()).toBe('Too many errors from stdin\n');
  });
});
