// The interactive interpreter on a terminal: 3.13's banner and magenta
// prompts, values echoed with repr, multi-line blocks, tracebacks from
// <python-input-N> with their source, exit() and Ctrl-D, Ctrl-C; the basic
// REPL for TERM=dumb. A TTY merges stdout and stderr into one stream.
import { describe, expect, it } from 'vitest';
import { Pipe } from '../../../../src/core/kernel/stream';
import { SIGINT } from '../../../../src/core/kernel/signals';
import { pythonPrograms } from '../../../../src/core/userland/python';
import { completeness } from '../../../../src/core/userland/python';
import { flush, Machine } from '../harness';
import { pythonImage } from './image';

const P1 = '\x1b[1;35m>>> \x1b[0m';
const P2 = '\x1b[1;35m... \x1b[0m';
const BANNER =
  'Python 3.13.5 (main, Jun 10 2025, 23:12:46) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.\n';

async function session(lines: string[], env: Record<string, string> = { TERM: 'xterm' }) {
  const m = new Machine({ files: pythonImage(), programs: pythonPrograms(), container: true });
  const tty = new Pipe();
  const input = new Pipe();
  const proc = m.spawn(['python3'], { tty: true, env, stdin: input }, tty, tty);
  for (const l of lines) {
    await m.drive(proc, 10);
    if (l === '\x04') input.close();
    else if (l === '\x03') m.kernel.signal(proc, SIGINT);
    else input.write(l + '\n');
  }
  await m.drive(proc, 10);
  input.close();
  await m.drive(proc);
  const status = await proc.exited;
  return { out: tty.drain(), code: status.code };
}

describe('the REPL (PyREPL on a terminal)', () => {
  it('runs the session of transcript 23: print, an expression, exit()', async () => {
    const r = await session(["print('hi')", '6*7', 'exit()']);
    expect(r.out).toBe(`${BANNER}${P1}hi\n${P1}42\n${P1}`);
    expect(r.code).toBe(0);
  });

  it('continues blocks with ... until a blank line, keeps names, shows _', async () => {
    const r = await session([
      'x = [1,',
      '2]',
      'for i in x:',
      '    print(i * 10)',
      '',
      'x',
      '_',
      'None',
      "'a' * 3",
    ]);
    expect(r.out).toBe(
      `${BANNER}${P1}${P2}${P1}${P2}${P2}10\n20\n${P1}[1, 2]\n${P1}[1, 2]\n${P1}${P1}'aaa'\n${P1}\n`,
    );
  });

  it('prints coloured tracebacks naming <python-input-N> with the source line', async () => {
    const r = await session(['1', '1/0', 'undefined_name']);
    expect(r.out).toBe(
      `${BANNER}${P1}1\n${P1}Traceback (most recent call last):\n` +
        '  File \x1b[35m"<python-input-1>"\x1b[0m, line \x1b[35m1\x1b[0m, in \x1b[35m<module>\x1b[0m\n' +
        '    \x1b[31m1\x1b[0m\x1b[1;31m/\x1b[0m\x1b[31m0\x1b[0m\n' +
        '    \x1b[31m~\x1b[0m\x1b[1;31m^\x1b[0m\x1b[31m~\x1b[0m\n' +
        '\x1b[1;35mZeroDivisionError\x1b[0m: \x1b[35mdivision by zero\x1b[0m\n' +
        `${P1}Traceback (most recent call last):\n` +
        '  File \x1b[35m"<python-input-2>"\x1b[0m, line \x1b[35m1\x1b[0m, in \x1b[35m<module>\x1b[0m\n' +
        '    undefined_name\n' +
        "\x1b[1;35mNameError\x1b[0m: \x1b[35mname 'undefined_name' is not defined\x1b[0m\n" +
        `${P1}\n`,
    );
  });

  it('exits on Ctrl-D with a newline, and on a bare exit', async () => {
    expect((await session(['x = 1', '\x04'])).out).toBe(`${BANNER}${P1}${P1}\n`);
    const bare = await session(['exit']);
    expect(bare.out).toBe(`${BANNER}${P1}`);
    expect(bare.code).toBe(0);
  });

  it('Ctrl-C at the prompt prints KeyboardInterrupt and goes on', async () => {
    const r = await session(['\x03', '2+2', 'exit()']);
    expect(r.out).toBe(`${BANNER}${P1}\nKeyboardInterrupt\n${P1}4\n${P1}`);
  });

  it('exit(3) sets the status', async () => {
    expect((await session(['exit(3)'])).code).toBe(3);
  });

  it('falls back to the basic REPL with TERM=dumb: plain prompts, <stdin> frames without source', async () => {
    const r = await session(['1/0', 'exit()'], { TERM: 'dumb' });
    expect(r.out).toBe(
      `${BANNER}>>> Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nZeroDivisionError: division by zero\n>>> `,
    );
  });

  it('without a TTY and with stdin at EOF, python3 exits 0 silently (transcript 06)', async () => {
    const m = new Machine({ files: pythonImage(), programs: pythonPrograms() });
    const r = await m.run(['python3']);
    expect(r).toMatchObject({ stdout: '', stderr: '', code: 0 });
    const piped = await m.run(['python3'], { stdin: 'print("from stdin")\n' });
    expect(piped.stdout).toBe('from stdin\n');
  });
});

describe('completeness of REPL input', () => {
  it('asks for more inside brackets, blocks and triple quotes', () => {
    expect(completeness('x = (1,')).toBe('more');
    expect(completeness('if x:')).toBe('more');
    expect(completeness('if x:\n    y = 1')).toBe('more');
    expect(completeness('if x:\n    y = 1\n')).toBe('complete');
    expect(completeness('s = """abc')).toBe('more');
    expect(completeness('x = 1')).toBe('complete');
    expect(completeness('x = )')).toBe('complete');
  });
});

void flush;
