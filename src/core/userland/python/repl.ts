// The interactive interpreter: 3.13's PyREPL as a terminal shows it (magenta
// prompts, <python-input-N> frames with their source, bare `exit`), or the
// basic REPL (3.12, TERM=dumb, PYTHON_BASIC_REPL). Line editing itself is the
// terminal's: this reads whole lines.
import { colors } from './colors';
import type { PyTextIO, TextOut } from './io';
import type { Interp } from './interp';
import { parse, PySyntaxError } from './parser';
import { formatSyntaxError } from './syntax-error';
import { PyRaise, type PyModule } from './values';
import { KeyboardInterrupt } from './types';

export interface ReplOptions {
  modern: boolean;
  colorize: boolean;
  banner: string;
  stdout: TextOut;
  stderr: TextOut;
  stdin: PyTextIO;
  main: PyModule;
  /** Runs a parsed input; returns an exit code when the program asked to exit (SystemExit). */
  run(it: Interp, src: string, filename: string, showSource: boolean): Promise<number | undefined>;
}

type Completeness = 'complete' | 'more';

const COMPOUND = /^(if|while|for|def|class|try|with|async|@|match)\b/;

/** Whether the REPL needs more lines before it can run what was typed. */
export function completeness(src: string): Completeness {
  try {
    parse(src + '\n', '<stdin>');
  } catch (e) {
    if (!(e instanceof PySyntaxError)) throw e;
    const lines = src.split('\n');
    const eof =
      e.msg.includes('was never closed') ||
      e.msg.startsWith('unterminated triple-quoted') ||
      (e.kind === 'IndentationError' &&
        e.msg.startsWith('expected an indented block') &&
        e.lineno >= lines.length);
    if (eof) return 'more';
    if (lines.length > 1 && lines[lines.length - 1].trim() !== '') return 'more';
    return 'complete';
  }
  const lines = src.split('\n');
  if (COMPOUND.test(lines[0].trimStart()) && lines[lines.length - 1].trim() !== '') return 'more';
  return 'complete';
}

export async function repl(it: Interp, o: ReplOptions): Promise<number> {
  const c = colors(o.colorize);
  const ps1 = o.colorize ? `${c.boldMagenta}>>> ${c.reset}` : '>>> ';
  const ps2 = o.colorize ? `${c.boldMagenta}... ${c.reset}` : '... ';
  o.stderr.write(o.banner);
  let n = 0;
  for (;;) {
    const lines: string[] = [];
    let prompt = ps1;
    let eof = false;
    try {
      for (;;) {
        o.stderr.flush();
        o.stdout.write(prompt);
        o.stdout.flush();
        const line = await it.drive(o.stdin.readline());
        if (line === '') {
          eof = true;
          break;
        }
        lines.push(line.replace(/\n$/, ''));
        const src = lines.join('\n');
        if (lines.length === 1 && src.trim() === '') {
          lines.length = 0;
          continue;
        }
        if (completeness(src) === 'more') {
          prompt = ps2;
          continue;
        }
        break;
      }
    } catch (e) {
      if (e instanceof PyRaise && e.exc.cls === KeyboardInterrupt) {
        o.stdout.write('\nKeyboardInterrupt\n');
        o.stdout.flush();
        continue;
      }
      throw e;
    }
    if (eof) {
      o.stdout.write('\n');
      return 0;
    }
    const src = lines.join('\n').replace(/\n\s*$/, '');
    if (o.modern && (src.trim() === 'exit' || src.trim() === 'quit') && !o.main.dict.has(src.trim()))
      return 0;
    const filename = o.modern ? `<python-input-${n}>` : '<stdin>';
    const code = await o.run(it, src + '\n', filename, o.modern);
    n++;
    if (code !== undefined) return code;
  }
}

export { formatSyntaxError };
