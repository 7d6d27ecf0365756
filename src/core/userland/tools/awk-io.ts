// Where awk's records come from and its output goes: a record reader over a
// file, stdin or a command's output (RS as newline, one character, "" for
// paragraphs, or a regex), field splitting by FS, and the streams opened by
// `print > file`, `>> file` and `| command`.
import { compileAwkRegex, matchAt, type AwkRegex, AwkRegexError } from './awk-regex';

/** Reads records from text that may still be arriving (stdin, a pipe). */
export class RecordReader {
  private buf = '';
  private pos = 0;

  constructor(
    /** More text, or null at end of file; undefined when the whole text is already here. */
    private readonly pull: (() => Promise<string | null>) | undefined,
    text = '',
  ) {
    this.buf = text;
    this.eof = pull === undefined;
  }

  private eof: boolean;

  private async more(): Promise<boolean> {
    if (this.eof || !this.pull) return false;
    const c = await this.pull();
    if (c === null) {
      this.eof = true;
      return false;
    }
    this.buf = this.buf.slice(this.pos) + c;
    this.pos = 0;
    return true;
  }

  async next(rs: string, rsRegex: () => AwkRegex | undefined): Promise<string | null> {
    if (rs === '') return this.paragraph();
    if (rs.length > 1) {
      const re = rsRegex();
      if (re) return this.byRegex(re);
    }
    const sep = rs.length ? rs : '\n';
    for (;;) {
      const i = this.buf.indexOf(sep, this.pos);
      if (i >= 0) {
        const rec = this.buf.slice(this.pos, i);
        this.pos = i + 1;
        return rec;
      }
      if (!(await this.more())) break;
    }
    if (this.pos >= this.buf.length) return null;
    const rec = this.buf.slice(this.pos);
    this.pos = this.buf.length;
    return rec;
  }

  /** RS="": records are separated by blank lines; leading newlines are skipped. */
  private async paragraph(): Promise<string | null> {
    for (;;) {
      while (this.pos < this.buf.length && this.buf[this.pos] === '\n') this.pos++;
      if (this.pos < this.buf.length || !(await this.more())) break;
    }
    for (;;) {
      const i = this.buf.indexOf('\n\n', this.pos);
      if (i >= 0) {
        let end = i;
        while (end < this.buf.length && this.buf[end] === '\n') end++;
        if (end < this.buf.length || this.eof) {
          const rec = this.buf.slice(this.pos, i);
          this.pos = end;
          return rec;
        }
      }
      if (!(await this.more())) break;
    }
    if (this.pos >= this.buf.length) return null;
    const rec = this.buf.slice(this.pos).replace(/\n+$/, '');
    this.pos = this.buf.length;
    return rec;
  }

  private async byRegex(re: AwkRegex): Promise<string | null> {
    // the separator may straddle chunks: take everything first
    while (await this.more());
    if (this.pos >= this.buf.length) return null;
    let from = this.pos;
    for (;;) {
      const m = matchAt(re, this.buf, from);
      if (!m) break;
      if (m.length === 0) {
        from = m.index + 1;
        if (from > this.buf.length) break;
        continue;
      }
      const rec = this.buf.slice(this.pos, m.index);
      this.pos = m.index + m.length;
      return rec;
    }
    const rec = this.buf.slice(this.pos);
    this.pos = this.buf.length;
    return rec;
  }
}

/** Split text by a field separator as FS and split() do. */
export function splitBy(
  text: string,
  fs: string,
  re: () => AwkRegex | AwkRegexError,
  paragraph = false,
  regex = false,
): string[] {
  if (fs === ' ' && !regex) {
    const s = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
    return s === '' ? [] : s.split(/[ \t\n]+/);
  }
  if (text === '') return [];
  let parts: string[];
  if (fs === '') parts = [...text];
  else if (fs.length === 1 && fs !== '\\' && !regex) parts = text.split(fs === '\t' ? '\t' : fs);
  else {
    const r = re();
    if (r instanceof AwkRegexError) return [text];
    parts = [];
    let start = 0;
    let from = 0;
    for (;;) {
      const m = matchAt(r, text, from);
      if (!m) break;
      if (m.length === 0) {
        from = m.index + 1;
        if (from > text.length) break;
        continue;
      }
      parts.push(text.slice(start, m.index));
      start = from = m.index + m.length;
    }
    parts.push(text.slice(start));
  }
  // in paragraph mode a newline also ends a field
  return paragraph && fs !== ' ' ? parts.flatMap((p) => p.split('\n')) : parts;
}

/** A regex compiled once per source text. */
export class RegexCache {
  private readonly cache = new Map<string, AwkRegex | AwkRegexError>();

  get(src: string): AwkRegex | AwkRegexError {
    let r = this.cache.get(src);
    if (!r) {
      r = compileAwkRegex(src);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(src, r);
    }
    return r;
  }
}
