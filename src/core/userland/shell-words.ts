// The shell's tokenizer: POSIX word splitting with quote removal, but no
// expansion. Each word keeps its parts with their quoting so a later expander
// knows where `$VAR` may expand and where word splitting and globbing apply.

/** How a piece of a word was written: the expander treats each differently. */
export type Quoting =
  /** Bare text: `$` expands, results are field-split and globbed. */
  | 'none'
  /** Inside "…": `$` expands, no field splitting or globbing. */
  | 'double'
  /** Inside '…': literal. */
  | 'single'
  /** One character after a backslash (outside quotes, or \$ \` \" \\ inside "…"): literal. */
  | 'escape';

export interface WordPart {
  readonly text: string;
  readonly quoting: Quoting;
}

export interface WordToken {
  readonly kind: 'word';
  /** The word after quote removal, with `$…` forms left as written. */
  readonly value: string;
  readonly parts: readonly WordPart[];
  /** Offsets into the line: [start, end). */
  readonly start: number;
  readonly end: number;
}

export type Operator =
  ';' | '&' | '&&' | '|' | '||' | '(' | ')' | '<' | '>' | '>>' | '>|' | '<&' | '>&' | '<<' | '<>';

export interface OperatorToken {
  readonly kind: 'op';
  readonly op: Operator;
  /** The IO number written right before a redirection, as in `2>file`. */
  readonly fd?: number;
  readonly start: number;
  readonly end: number;
}

export type Token = WordToken | OperatorToken;

/** Input that ends inside a quote or after a backslash: an interactive shell asks for more (PS2). */
export interface IncompleteInput {
  readonly kind: 'incomplete';
  /** What is still open: a quote character, `\` for a trailing backslash, or `$(`/`${`/`` ` ``. */
  readonly open: "'" | '"' | '\\' | '`' | '$(' | '${';
  /** Offset where the open construct began. */
  readonly at: number;
  /**
   * bash's wording when no more input can come (bash -c, a script), without the
   * `bash: -c: line 1: ` prefix. Empty for a trailing backslash, which bash then
   * keeps as a literal character.
   */
  readonly message: string;
}

export type SplitResult = { ok: true; tokens: Token[] } | { ok: false; error: IncompleteInput };

// Longest first, so `&&` wins over `&` and `>>` over `>`.
const OPERATORS: readonly Operator[] = [
  '&&',
  '||',
  '>>',
  '>|',
  '<&',
  '>&',
  '<<',
  '<>',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
];
const BLANK = /[ \t\n]/;
const DOUBLE_QUOTE_ESCAPABLE = '$`"\\';

function incomplete(open: IncompleteInput['open'], at: number): { ok: false; error: IncompleteInput } {
  const closer = open === '$(' ? ')' : open === '${' ? '}' : open;
  const message = open === '\\' ? '' : `unexpected EOF while looking for matching \`${closer}'`;
  return { ok: false, error: { kind: 'incomplete', open, at, message } };
}

/**
 * The end offset of a `$(…)`, `${…}` or backquote span starting at `i`, or an
 * IncompleteInput. The span is kept verbatim for the expander; scanning it here
 * only stops blanks and operators inside it from splitting the word.
 */
function skipSubstitution(line: string, i: number): number | IncompleteInput {
  if (line[i] === '`') {
    for (let j = i + 1; j < line.length; j++) {
      if (line[j] === '\\') j++;
      else if (line[j] === '`') return j + 1;
    }
    return incomplete('`', i).error;
  }
  const close = line[i + 1] === '(' ? ')' : '}';
  const open = line[i + 1] as '(' | '{';
  let depth = 0;
  for (let j = i + 1; j < line.length; j++) {
    const c = line[j];
    if (c === '\\') j++;
    else if (c === "'" && open === '(') {
      const k = line.indexOf("'", j + 1);
      if (k < 0) return incomplete("'", j).error;
      j = k;
    } else if (c === '"') {
      const inner = scanDouble(line, j + 1);
      if (typeof inner !== 'number') return inner;
      j = inner;
    } else if (c === '$' && (line[j + 1] === '(' || line[j + 1] === '{')) {
      const inner = skipSubstitution(line, j);
      if (typeof inner !== 'number') return inner;
      j = inner - 1;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return incomplete(open === '(' ? '$(' : '${', i).error;
}

/** Offset of the closing `"` of a double-quoted string whose body starts at i. */
function scanDouble(line: string, i: number): number | IncompleteInput {
  for (let j = i; j < line.length; j++) {
    const c = line[j];
    if (c === '\\') j++;
    else if (c === '"') return j;
    else if ((c === '$' && (line[j + 1] === '(' || line[j + 1] === '{')) || c === '`') {
      const end = skipSubstitution(line, j);
      if (typeof end !== 'number') return end;
      j = end - 1;
    }
  }
  return incomplete('"', i - 1).error;
}

class WordBuilder {
  parts: WordPart[] = [];
  start = -1;

  add(text: string, quoting: Quoting, at: number): void {
    if (this.start < 0) this.start = at;
    const last = this.parts[this.parts.length - 1];
    // Merge neighbours written the same way so parts stay few and readable.
    if (last && last.quoting === quoting && quoting !== 'escape') {
      this.parts[this.parts.length - 1] = { text: last.text + text, quoting };
    } else {
      this.parts.push({ text, quoting });
    }
  }

  /** An empty quoted string still makes a word: `''` is one empty argument. */
  touch(at: number): void {
    if (this.start < 0) this.start = at;
  }

  get open(): boolean {
    return this.start >= 0;
  }

  take(end: number): WordToken {
    const parts = this.parts;
    const token: WordToken = {
      kind: 'word',
      value: parts.map((p) => p.text).join(''),
      parts,
      start: this.start,
      end,
    };
    this.parts = [];
    this.start = -1;
    return token;
  }
}

/** Split one line (or several joined by \n) into words and operators. */
export function splitWords(line: string): SplitResult {
  const tokens: Token[] = [];
  const word = new WordBuilder();
  const finishWord = (end: number) => {
    if (word.open) tokens.push(word.take(end));
  };

  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (BLANK.test(c)) {
      finishWord(i);
      i++;
      continue;
    }
    if (c === '#' && !word.open) {
      // A comment runs to the end of the line.
      const nl = line.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= line.length) return incomplete('\\', i);
      if (line[i + 1] === '\n') {
        i += 2; // line continuation: both characters vanish
        continue;
      }
      word.add(line[i + 1], 'escape', i);
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return incomplete("'", i);
      word.touch(i);
      if (end > i + 1) word.add(line.slice(i + 1, end), 'single', i);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const end = scanDouble(line, i + 1);
      if (typeof end !== 'number') return { ok: false, error: end };
      word.touch(i);
      addDoubleQuoted(word, line, i + 1, end);
      i = end + 1;
      continue;
    }
    if ((c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) || c === '`') {
      const end = skipSubstitution(line, i);
      if (typeof end !== 'number') return { ok: false, error: end };
      word.add(line.slice(i, end), 'none', i);
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => line.startsWith(o, i));
    if (op) {
      // `2>file`: a word of digits right before < or > is the redirection's fd.
      let fd: number | undefined;
      let start = i;
      if ((op[0] === '<' || op[0] === '>') && word.open) {
        const only = word.parts.length === 1 ? word.parts[0] : undefined;
        if (
          only &&
          only.quoting === 'none' &&
          /^\d+$/.test(only.text) &&
          word.start + only.text.length === i
        ) {
          fd = Number(only.text);
          start = word.start;
          word.take(i);
        }
      }
      finishWord(i);
      tokens.push(
        fd === undefined
          ? { kind: 'op', op, start, end: i + op.length }
          : { kind: 'op', op, fd, start, end: i + op.length },
      );
      i += op.length;
      continue;
    }
    word.add(c, 'none', i);
    i++;
  }
  finishWord(line.length);
  return { ok: true, tokens };
}

/** The body of "…" between [from, to): backslash escapes only $ ` " \ and newline. */
function addDoubleQuoted(word: WordBuilder, line: string, from: number, to: number): void {
  let run = '';
  let runStart = from;
  const flush = () => {
    if (run) word.add(run, 'double', runStart);
    run = '';
  };
  for (let j = from; j < to; j++) {
    const c = line[j];
    if (c === '\\' && j + 1 < to && (DOUBLE_QUOTE_ESCAPABLE.includes(line[j + 1]) || line[j + 1] === '\n')) {
      flush();
      if (line[j + 1] !== '\n') word.add(line[j + 1], 'escape', j);
      j++;
      runStart = j + 1;
      continue;
    }
    if (!run) runStart = j;
    run += c;
  }
  flush();
}

/** The argv of a simple command: the words' values (no expansion yet). */
export function wordValues(tokens: readonly Token[]): string[] {
  return tokens.filter((t): t is WordToken => t.kind === 'word').map((t) => t.value);
}
