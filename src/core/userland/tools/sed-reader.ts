// The reading half of GNU sed's compile.c: the script's characters (the -e
// pieces and -f files as one text, errors placed in GNU's words), delimited
// text as match_slash finds it, and the a/i/c text, labels and filenames.

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
export class Reader {
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

/** match_slash: text up to an unescaped delimiter; undefined when a newline or the end comes first. */
export function matchSlash(r: Reader, delim: string, regex: boolean): string | undefined {
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

/** read_end_of_cmd */
export function endOfCommand(r: Reader): void {
  const c = r.nonblank();
  if (c === '}' || c === '#') r.unget(c);
  else if (c !== undefined && c !== '\n' && c !== ';') r.fail('extra characters after command');
}

/** a/i/c text: GNU's one-liner (`a text`) or POSIX's `a\` + newline; backslash-newline continues. */
export function readText(r: Reader): string {
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

export function label(r: Reader): string {
  let c = r.nonblank();
  let s = '';
  while (c !== undefined && c !== '\n' && c !== ';') {
    s += c;
    c = r.getc();
  }
  return s.trimEnd();
}

export function filename(r: Reader): string {
  let c = r.nonblank();
  let s = '';
  while (c !== undefined && c !== '\n') {
    s += c;
    c = r.getc();
  }
  if (s === '') r.fail('missing filename in r/R/w/W commands');
  return s;
}
