// GNU sed's compile.c: a script (its -e pieces and -f files, one program) to
// commands with addresses, blocks and labels, and its syntax errors in GNU's
// words with the piece and character they were found at.
import { parseReplacement, RegexError, translateRegex, type ReplacePart } from './sed-regex';
import {
  endOfCommand,
  filename,
  label,
  matchSlash,
  readText,
  Reader,
  SedSyntaxError,
  type ScriptPiece,
} from './sed-reader';

export { SedSyntaxError, type ScriptPiece };

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 'regex'; re: SedRegex | null }
  | { kind: 'step'; first: number; step: number }
  /** addr2 only: +N lines, or up to the next multiple of N. */
  | { kind: 'plus'; n: number }
  | { kind: 'mult'; n: number }
  /** 0,/re/: the range may end on line 1. */
  | { kind: 'zero' };

/** A compiled regex; null in an address or `s` means "the last regex used". */
export interface SedRegex {
  source: string;
  flags: string;
  groups: number;
}

export interface SubstCmd {
  re: SedRegex | null;
  parts: ReplacePart[];
  maxGroup: number;
  global: boolean;
  print: number;
  nth: number;
  wfile?: string;
}

export interface Command {
  a1?: Address;
  a2?: Address;
  bang: boolean;
  name: string;
  /** a/i/c text (with its newline), labels, file names. */
  text?: string;
  int?: number;
  subst?: SubstCmd;
  y?: Map<string, string>;
  /** `{`: index of its `}`; b/t/T: index of the label's command (commands.length = end of script). */
  jump?: number;
  /** Range state, one per command (GNU keeps it in the command too). */
  active?: boolean;
  endLine?: number;
}

/** compile_regex: regcomp's errors, then the RHS's references (`s`), then GNU dfa's own check. */
function compileRegex(r: Reader, src: string, flags: string, rhsGroup = 0): SedRegex | null {
  if (src === '') return null;
  const t = translateRegex(src, r.extended);
  if (t instanceof RegexError) r.fail(t.message);
  const js = (flags.includes('M') ? 'm' : 's') + (flags.includes('I') ? 'i' : '');
  try {
    new RegExp(t.source, js);
  } catch {
    r.fail('Invalid regular expression');
  }
  if (rhsGroup > t.groups) r.fail(`invalid reference \\${rhsGroup} on \`s' command's RHS`);
  // dfaerror is sed's panic: no expression or position, exit 4
  if (t.colonSyntax && r.gnu) throw new SedSyntaxError('character class syntax is [[:space:]], not [:space:]', 4);
  return { source: t.source, flags: js, groups: t.groups };
}

function address(r: Reader, c: string | undefined, second: boolean): Address | undefined {
  if (c === undefined) return undefined;
  if (c === '/' || c === '\\') {
    const delim = c === '\\' ? r.getc() : '/';
    if (delim === undefined) r.fail('unterminated address regex');
    const src = matchSlash(r, delim, true);
    if (src === undefined) r.fail('unterminated address regex');
    let flags = '';
    let f = r.getc();
    for (; f === 'I' || f === 'M'; f = r.getc()) flags += f;
    r.unget(f);
    return { kind: 'regex', re: compileRegex(r, src, flags) };
  }
  if (/\d/.test(c)) {
    const n = r.int(c);
    const next = r.nonblank();
    if (next === '~' && !second) {
      const d = r.nonblank();
      const step = d !== undefined && /\d/.test(d) ? r.int(d) : (r.unget(d), 0);
      return { kind: 'step', first: n, step };
    }
    r.unget(next);
    return { kind: 'line', n };
  }
  if ((c === '+' || c === '~') && second) {
    const d = r.getc();
    if (d === undefined || !/\d/.test(d)) r.fail('expected newer version of sed');
    const n = r.int(d);
    return c === '+' ? { kind: 'plus', n } : { kind: 'mult', n };
  }
  if (c === '$') return { kind: 'last' };
  return undefined;
}

function substitute(r: Reader): SubstCmd {
  const delim = r.getc();
  if (delim === undefined || delim === '\n' || delim === '\\') r.fail("unterminated `s' command");
  const src = matchSlash(r, delim, true);
  if (src === undefined) r.fail("unterminated `s' command");
  const rhs = matchSlash(r, delim, false);
  if (rhs === undefined) r.fail("unterminated `s' command");
  // setup_replacement runs before the flags are read
  const rep = parseReplacement(rhs);
  if (rep instanceof RegexError) r.fail(rep.message);
  const cmd: SubstCmd = { re: null, parts: [], maxGroup: 0, global: false, print: 0, nth: 1 };
  let flags = '';
  let numbered = false;
  for (;;) {
    const c = r.getc();
    if (c === 'i' || c === 'I') flags += 'I';
    else if (c === 'm' || c === 'M') flags += 'M';
    else if (c === 'p') {
      if (cmd.print) r.fail("multiple `p' options to `s' command");
      cmd.print = 1;
    } else if (c === 'g') {
      if (cmd.global) r.fail("multiple `g' options to `s' command");
      cmd.global = true;
    } else if (c !== undefined && /\d/.test(c)) {
      if (numbered) r.fail("multiple number options to `s' command");
      cmd.nth = r.int(c);
      numbered = true;
      if (cmd.nth === 0) r.fail("number option to `s' command may not be zero");
    } else if (c === 'w') {
      cmd.wfile = filename(r);
      break;
    } else if (c === 'e') r.fail('the e flag of `s\' is not simulated');
    else if (c === '#' || c === '}') {
      r.unget(c);
      break;
    } else if (c === undefined || c === '\n' || c === ';') break;
    else if (c !== ' ' && c !== '\t') r.fail("unknown option to `s'");
  }
  cmd.re = compileRegex(r, src, flags, rep.maxGroup);
  cmd.parts = rep.parts;
  cmd.maxGroup = rep.maxGroup;
  return cmd;
}

function transliterate(r: Reader): Map<string, string> {
  const delim = r.getc();
  if (delim === undefined || delim === '\n' || delim === '\\') r.fail("unterminated `y' command");
  const a = matchSlash(r, delim, false);
  if (a === undefined) r.fail("unterminated `y' command");
  const b = matchSlash(r, delim, false);
  if (b === undefined) r.fail("unterminated `y' command");
  const unescape = (s: string) => s.replace(/\\(.)/gs, (_m, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
  const from = [...unescape(a)];
  const to = [...unescape(b)];
  if (from.length !== to.length) r.fail("strings for `y' command are different lengths");
  endOfCommand(r);
  return new Map(from.map((ch, i) => [ch, to[i]]));
}

export interface Program {
  commands: Command[];
  /** `#n` on the script's first line: as -n. */
  quiet: boolean;
}

/** Compile the pieces into one program; throws SedSyntaxError (the caller prints `sed: …`). */
export function compileScript(pieces: ScriptPiece[], extended: boolean, gnu = true): Program {
  const commands: Command[] = [];
  const blocks: number[] = [];
  const quiet = /^#n(\n|$)/.test(pieces[0]?.text ?? '');
  const r: Reader = new Reader(pieces, extended, gnu);
  {
    for (;;) {
      let c = r.getc();
      while (c !== undefined && (c === ';' || /\s/.test(c))) c = r.getc();
      if (c === undefined) break;
      const cmd: Command = { bang: false, name: '' };
      cmd.a1 = address(r, c, false);
      if (cmd.a1) {
        if (cmd.a1.kind === 'line' && cmd.a1.n === 0) {
          c = r.nonblank();
          if (c !== ',') r.fail('invalid usage of line address 0');
          r.unget(c);
        }
        c = r.nonblank();
        if (c === ',') {
          cmd.a2 = address(r, r.nonblank(), true);
          if (!cmd.a2) r.fail("unexpected `,'");
          if (cmd.a1.kind === 'line' && cmd.a1.n === 0) {
            if (cmd.a2.kind !== 'regex') r.fail('invalid usage of line address 0');
            cmd.a1 = { kind: 'zero' };
          }
          c = r.nonblank();
        }
      }
      if (c === '!') {
        cmd.bang = true;
        c = r.nonblank();
        if (c === '!') r.fail("multiple `!'s");
        while (c !== undefined && /\s/.test(c)) c = r.getc();
      }
      if (c === undefined) r.fail('missing command');
      cmd.name = c;
      const oneAddress = () => {
        if (cmd.a2) r.fail('command only uses one address');
      };
      switch (c) {
        case '#':
          if (cmd.a1) r.fail("comments don't accept any addresses");
          while (c !== undefined && c !== '\n') c = r.getc();
          continue;
        case '{':
          blocks.push(commands.length);
          break;
        case '}': {
          const open = blocks.pop();
          if (open === undefined) r.fail("unexpected `}'");
          if (cmd.a1) r.fail("`}' doesn't want any addresses");
          commands[open].jump = commands.length;
          endOfCommand(r);
          break;
        }
        case 'a':
        case 'i':
        case 'c':
          cmd.text = readText(r);
          break;
        case ':':
          if (cmd.a1) r.fail(': doesn\'t want any addresses');
          cmd.text = label(r);
          if (cmd.text === '') r.fail('":" lacks a label');
          break;
        case 'b':
        case 't':
        case 'T':
          cmd.text = label(r);
          break;
        case 'q':
        case 'Q': {
          oneAddress();
          const d = r.nonblank();
          if (d !== undefined && /\d/.test(d)) cmd.int = r.int(d);
          else r.unget(d);
          endOfCommand(r);
          break;
        }
        case 'l':
        case 'L': {
          const d = r.nonblank();
          if (d !== undefined && /\d/.test(d)) cmd.int = r.int(d);
          else r.unget(d);
          endOfCommand(r);
          break;
        }
        case '=': case 'd': case 'D': case 'F': case 'g': case 'G': case 'h': case 'H':
        case 'n': case 'N': case 'p': case 'P': case 'z': case 'x':
          endOfCommand(r);
          break;
        case 'r': case 'R': case 'w': case 'W':
          cmd.text = filename(r);
          break;
        case 's':
          cmd.subst = substitute(r);
          break;
        case 'y':
          cmd.y = transliterate(r);
          break;
        case 'e':
        case 'v':
          r.fail(`the \`${c}' command is not simulated`);
          break;
        default:
          r.fail(`unknown command: \`${c}'`);
      }
      commands.push(cmd);
    }
  }
  if (blocks.length) r.fail("unmatched `{'", 0);
  const labels = new Map<string, number>();
  commands.forEach((cmd, i) => {
    if (cmd.name === ':') labels.set(cmd.text ?? '', i);
  });
  for (const cmd of commands) {
    if (!'btT'.includes(cmd.name)) continue;
    if (cmd.text === '') cmd.jump = commands.length;
    else {
      const to = labels.get(cmd.text ?? '');
      if (to === undefined) throw new SedSyntaxError(`can't find label for jump to \`${cmd.text}'`);
      cmd.jump = to;
    }
  }
  return { commands, quiet };
}
