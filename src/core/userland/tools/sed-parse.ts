// GNU sed's compile.c: a script (its -e pieces and -f files, one program) to
// commands with addresses, blocks and labels, and its syntax errors in GNU's
// words with the piece and character they were found at.
import { parseReplacement, RegexError, translateRegex, type ReplacePart } from './sed-regex';

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

export class SedSyntaxError {
  constructor(
    readonly message: string,
    /** GNU's exit status for it: 1 for bad_prog, 4 for a panic (which names no position). */
    readonly status = 1,
  ) {}
}

/** Where the script came from, for the error prefix. */
export interface ScriptPiece {
  text: string;
  /** `-e expression #N` or `file F`. */
  origin: { kind: 'expr'; n: number } | { kind: 'file'; name: string };
}

const SPACE = /[ \t\v\f\r]/;

/**
 * The -e pieces and -f files joined by newlines, as GNU reads them (an `a\\`
 * or a `{` may go on in the next piece); errors name the piece and the
 * character within it.
 */
class Reader {
  pos = 0;
  line = 1;
  readonly text: string;
  private readonly starts: number[] = [];
  constructor(
    readonly pieces: ScriptPiece[],
    readonly extended: boolean,
    /** GNU sed (false: BusyBox, whose musl regcomp has no dfa checks). */
    readonly gnu: boolean,
  ) {
    let at = 0;
    for (const p of pieces) {
      this.starts.push(at);
      at += p.text.length + 1;
    }
    this.text = pieces.map((p) => p.text).join('\n');
  }
  getc(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const c = this.text[this.pos++];
    if (c === '\n') this.line++;
    return c;
  }
  unget(c: string | undefined): void {
    if (c === undefined) return;
    this.pos--;
    if (c === '\n') this.line--;
  }
  nonblank(): string | undefined {
    let c: string | undefined;
    do c = this.getc();
    while (c !== undefined && SPACE.test(c));
    return c;
  }
  fail(msg: string, at = this.pos): never {
    let i = this.starts.length - 1;
    while (i > 0 && this.starts[i] >= Math.max(at, 1)) i--;
    const o = this.pieces[i].origin;
    const local = at === 0 ? 0 : at - this.starts[i];
    const line = this.text.slice(this.starts[i], Math.max(this.starts[i], at - 1)).split('\n').length;
    const where = o.kind === 'expr' ? `-e expression #${o.n}, char ${local}` : `file ${o.name} line ${line}`;
    throw new SedSyntaxError(`${where}: ${msg}`);
  }
  int(first: string): number {
    let s = first;
    let c = this.getc();
    for (; c !== undefined && /\d/.test(c); c = this.getc()) s += c;
    this.unget(c);
    return Number(s);
  }
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

/** match_slash: text up to an unescaped delimiter; undefined when a newline or the end comes first. */
function matchSlash(r: Reader, delim: string, regex: boolean): string | undefined {
  let out = '';
  for (;;) {
    let c = r.getc();
    if (c === undefined) return undefined;
    if (c === '\n') {
      r.unget(c);
      return undefined;
    }
    if (c === delim) return out;
    if (c === '\\') {
      c = r.getc();
      if (c === undefined) return undefined;
      if (c === 'n' && regex) c = '\n';
      else if (c !== '\n' && (c !== delim || (!regex && c === '&'))) out += '\\';
    } else if (c === '[' && regex) {
      // the delimiter means nothing inside a bracket expression: s/[/]/X/
      const cls = snarfCharClass(r);
      out += `[${cls.text}`;
      c = cls.last;
      if (c !== ']') {
        if (c === '\n') r.unget(c);
        return undefined;
      }
    }
    out += c;
  }
}

/**
 * snarf_char_class: a bracket's text after its `[`, copied as is, up to the `]` that closes
 * it ([.x.] [=x=] [:x:] are skipped whole); last is that `]`, or the newline or end met first.
 */
function snarfCharClass(r: Reader): { text: string; last: string | undefined } {
  let text = '';
  let c = r.getc();
  const take = () => {
    text += c;
    c = r.getc();
  };
  if (c === '^') take();
  if (c === ']') take();
  // 0 outside, 1 after a `[`, 2 inside [. [: [= (delim), 3 after its closing delim
  let state = 0;
  let delim = '';
  for (; ; take()) {
    if (c === undefined || c === '\n') return { text, last: c };
    if (c === '.' || c === ':' || c === '=') {
      if (state === 1) {
        delim = c;
        state = 2;
        continue;
      }
      if (state === 2 && c === delim) {
        state = 3;
        continue;
      }
    } else if (c === '[') {
      if (state === 0) state = 1;
      continue;
    } else if (c === ']') {
      if (state === 0 || state === 1) return { text, last: c };
      if (state === 3) state = 0;
    }
    state &= ~1;
  }
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

/** read_end_of_cmd */
function endOfCommand(r: Reader): void {
  const c = r.nonblank();
  if (c === '}' || c === '#') r.unget(c);
  else if (c !== undefined && c !== '\n' && c !== ';') r.fail('extra characters after command');
}

/** a/i/c text: GNU's one-liner (`a text`) or POSIX's `a\` + newline; backslash-newline continues. */
function readText(r: Reader): string {
  let c = r.nonblank();
  if (c === undefined || c === '\n') r.fail("expected \\ after `a', `c' or `i'");
  // `a\` then a newline: the text is the next line; GNU also takes `a\text`
  if (c === '\\') {
    c = r.getc();
    if (c === '\n') c = r.getc();
  }
  let out = '';
  const escapes: Record<string, string> = { t: '\t', n: '\n', a: '\x07', f: '\f', v: '\v', r: '\r' };
  while (c !== undefined && c !== '\n') {
    if (c === '\\') {
      c = r.getc();
      if (c === undefined) break;
      c = escapes[c] ?? c;
    }
    out += c;
    c = r.getc();
  }
  return `${out}\n`;
}

function label(r: Reader): string {
  let c = r.nonblank();
  let s = '';
  while (c !== undefined && c !== '\n' && c !== ';') {
    s += c;
    c = r.getc();
  }
  return s.trimEnd();
}

function filename(r: Reader): string {
  let c = r.nonblank();
  let s = '';
  while (c !== undefined && c !== '\n') {
    s += c;
    c = r.getc();
  }
  if (s === '') r.fail('missing filename in r/R/w/W commands');
  return s;
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
