// Input as a shell reads it: physical lines accumulate until they tokenize
// (quotes closed, no trailing backslash) and every here-document body has
// been read; then the text becomes lexemes for the parser. Words and
// operators come from shell-words' splitWords; newlines between tokens,
// `;;`, `<<-` and here-document bodies are found here.
import { splitWords, type IncompleteInput, type Token, type WordToken } from '../shell-words';
import type { HereDoc } from './ast';
import { wordParts } from './scan';

export type Lexeme =
  | { kind: 'word'; word: WordToken; line: number }
  | { kind: 'op'; op: string; fd?: number; line: number; start: number; end: number; heredoc?: HereDoc }
  | { kind: 'newline'; line: number }
  | { kind: 'eof'; line: number };

interface PendingDoc {
  delim: string;
  strip: boolean;
  quoted: boolean;
  lines: string[];
}

export type AddResult = 'ready' | 'more' | 'heredoc' | { incomplete: IncompleteInput };

/** Where the delimiter of each `<<` is, and whether it is `<<-`. */
function heredocOps(tokens: readonly Token[]): Array<{ op: number; delim: number; strip: boolean }> {
  const out: Array<{ op: number; delim: number; strip: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'op' || t.op !== '<<') continue;
    const w = tokens[i + 1];
    if (!w || w.kind !== 'word') continue;
    const dash = w.start === t.end && w.parts[0]?.quoting === 'none' && w.parts[0].text.startsWith('-');
    if (dash && w.value === '-') {
      const next = tokens[i + 2];
      if (next?.kind === 'word') out.push({ op: i, delim: i + 2, strip: true });
      continue;
    }
    out.push({ op: i, delim: i + 1, strip: dash });
  }
  return out;
}

function dropLeadingDash(w: WordToken): WordToken {
  const [first, ...rest] = w.parts;
  const parts = first.text.length > 1 ? [{ text: first.text.slice(1), quoting: first.quoting }, ...rest] : rest;
  return { ...w, parts, value: w.value.slice(1), start: w.start + 1 };
}

export class ScriptBuffer {
  private text = '';
  private lineStarts: number[] = [];
  private lineNos: number[] = [];
  private docs: HereDoc[] = [];
  private pending: PendingDoc[] = [];
  private registered = 0;
  /** Tokens of the text before segStart, final: lines are tokenized once, not again for every later line. */
  private tokens: Token[] = [];
  private segStart = 0;

  get empty(): boolean {
    return this.text === '' && this.pending.length === 0;
  }

  /** The text so far (bash quotes the offending line of a syntax error). */
  get source(): string {
    return this.text;
  }

  get firstLine(): number {
    return this.lineNos[0] ?? 1;
  }

  reset(): void {
    this.text = '';
    this.lineStarts = [];
    this.lineNos = [];
    this.docs = [];
    this.pending = [];
    this.registered = 0;
    this.tokens = [];
    this.segStart = 0;
  }

  /** Add one physical line (`nl`: it ended in a newline). */
  add(line: string, nl: boolean, lineNo: number): AddResult {
    if (this.pending.length > 0) return this.addDocLine(line);
    this.lineStarts.push(this.text.length);
    this.lineNos.push(lineNo);
    this.text += nl ? `${line}\n` : line;
    // a newline outside quotes ends every token: only the text since the last complete line needs tokenizing
    const base = this.segStart;
    const r = splitWords(this.text.slice(base));
    if (!r.ok) return r.error.open === '\\' ? 'more' : { incomplete: { ...r.error, at: r.error.at + base } };
    const fresh = r.tokens.map((t): Token => {
      const start = t.start + base;
      const end = t.end + base;
      // parts again from the raw text: splitWords splits "…" at its escapes, even inside $(…)
      return t.kind === 'word' ? { ...t, start, end, parts: wordParts(this.text.slice(start, end)) } : { ...t, start, end };
    });
    if (this.continued(fresh.length > 0 ? fresh : this.tokens)) return 'more';
    this.tokens.push(...fresh);
    this.segStart = this.text.length;
    const ops = heredocOps(this.tokens);
    for (const h of ops.slice(this.registered)) {
      const w = this.tokens[h.delim] as WordToken;
      const word = h.strip && h.delim === h.op + 1 ? dropLeadingDash(w) : w;
      this.pending.push({ delim: word.value, strip: h.strip, quoted: word.parts.some((p) => p.quoting !== 'none'), lines: [] });
    }
    this.registered = ops.length;
    return this.pending.length > 0 ? 'heredoc' : 'ready';
  }

  /** End of input inside here-documents: bodies end where the input ends (as bash and dash do). */
  closeHeredocs(): void {
    while (this.pending.length > 0) this.finishDoc();
  }

  private addDocLine(line: string): AddResult {
    const h = this.pending[0];
    const text = h.strip ? line.replace(/^\t+/, '') : line;
    if (text === h.delim) this.finishDoc();
    else h.lines.push(text);
    return this.pending.length > 0 ? 'heredoc' : 'ready';
  }

  private finishDoc(): void {
    const h = this.pending.shift()!;
    this.docs.push({ body: h.lines.map((l) => `${l}\n`).join(''), quoted: h.quoted });
  }

  /** The text ends in a backslash-newline outside quotes: the line goes on. */
  private continued(tokens: readonly Token[]): boolean {
    if (!this.text.endsWith('\\\n')) return false;
    const last = tokens[tokens.length - 1];
    if (last && last.end === this.text.length) return true;
    return this.gapEndsContinued(last ? last.end : 0);
  }

  private gapEndsContinued(from: number): boolean {
    for (let i = from; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '#') {
        const nl = this.text.indexOf('\n', i);
        if (nl < 0) return false;
        i = nl - 1;
      } else if (c === '\\' && this.text[i + 1] === '\n') {
        if (i + 2 === this.text.length) return true;
        i++;
      }
    }
    return false;
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.lineNos[lo] ?? 1;
  }

  /** The whole buffer as lexemes, ending in eof. Call after add() said 'ready'. */
  lex(): Lexeme[] {
    if (this.segStart !== this.text.length) throw new Error('lex() on incomplete input');
    const tokens = this.tokens;
    const docAt = new Map<number, { delim: number; strip: boolean; doc: number }>();
    heredocOps(tokens).forEach((h, k) => docAt.set(h.op, { delim: h.delim, strip: h.strip, doc: k }));
    const out: Lexeme[] = [];
    let pos = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      this.gapNewlines(pos, t.start, out);
      pos = t.end;
      if (t.kind === 'word') {
        out.push({ kind: 'word', word: t, line: this.lineOf(t.start) });
        continue;
      }
      const line = this.lineOf(t.start);
      const prev = out[out.length - 1];
      // `;;` is one operator (splitWords has no case syntax)
      if (t.op === ';' && prev?.kind === 'op' && prev.op === ';' && prev.end === t.start) {
        out[out.length - 1] = { ...prev, op: ';;', end: t.end };
        continue;
      }
      const h = docAt.get(i);
      if (h) {
        const w = tokens[h.delim] as WordToken;
        const word = h.strip && h.delim === i + 1 ? dropLeadingDash(w) : w;
        const doc = this.docs[h.doc] ?? { body: '', quoted: false };
        out.push({ kind: 'op', op: '<<', fd: t.fd, line, start: t.start, end: t.end, heredoc: doc });
        out.push({ kind: 'word', word, line });
        this.gapNewlines(w.end, w.end, out);
        pos = tokens[h.delim].end;
        i = h.delim;
        continue;
      }
      out.push({ kind: 'op', op: t.op, fd: t.fd, line, start: t.start, end: t.end });
    }
    this.gapNewlines(pos, this.text.length, out);
    out.push({ kind: 'eof', line: this.lineOf(Math.max(0, this.text.length - 1)) });
    return out;
  }

  /** Newlines between tokens end commands; comments and backslash-newlines do not. */
  private gapNewlines(from: number, to: number, out: Lexeme[]): void {
    for (let i = from; i < to; i++) {
      const c = this.text[i];
      if (c === '#') {
        const nl = this.text.indexOf('\n', i);
        if (nl < 0 || nl >= to) return;
        i = nl - 1;
      } else if (c === '\\' && this.text[i + 1] === '\n') i++;
      else if (c === '\n') out.push({ kind: 'newline', line: this.lineOf(i) });
    }
  }
}
