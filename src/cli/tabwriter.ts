// A port of docker's fork of Go's text/tabwriter (cli/command/formatter/tabwriter):
// tab-terminated cells, column blocks sized per run of lines, cells measured in
// display columns. Docker tables use (minwidth 10, tabwidth 1, padding 3, ' ').

import { stringWidth } from './runewidth';

export interface TabwriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  /** Cell measure: go-runewidth for docker's fork; stdlib tabwriter counts runes (docker top). */
  measure?: (text: string) => number;
  alignRight?: boolean;
  discardEmptyColumns?: boolean;
}

/**
 * The buffers a writer holds while it has a table in hand, given back on
 * flush: `docker ps` over a thousand containers then grows no arrays and
 * concatenates no strings, so a run leaves little for the collector.
 */
interface Scratch {
  texts: string[];
  /** Per cell: display width * 2, plus 1 when a tab ended it. */
  cellInfo: Int32Array<ArrayBuffer>;
  lineStarts: Int32Array<ArrayBuffer>;
  /** ASCII output, one byte a character, turned into one string on flush. */
  bytes: Uint8Array<ArrayBuffer>;
}

const pool: Scratch[] = [];
/** Scratch bigger than this goes back to the collector instead of the pool. */
const KEEP_CELLS = 1 << 16;
const KEEP_BYTES = 1 << 21;
const ascii = new TextDecoder();

function borrow(): Scratch {
  return (
    pool.pop() ?? {
      texts: [],
      cellInfo: new Int32Array(64),
      lineStarts: new Int32Array(16),
      bytes: new Uint8Array(4096),
    }
  );
}

function grownInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class TabWriter {
  /**
   * Text of the current cell, not terminated yet. Terminated cells keep their
   * own text (slices of what was written), one entry a cell, in `texts`.
   */
  private pending = '';
  private s: Scratch | undefined;
  private texts: string[] = [];
  private cellInfo = new Int32Array(0);
  private ncells = 0;
  /** Index of each buffered line's first cell; the last line is the one being written. */
  private lineStarts = new Int32Array(0);
  private nlines = 1;
  private widths: number[] = [];
  private bytes = new Uint8Array(0);
  private nbytes = 0;
  /** Output before `bytes`: text with a character beyond ASCII goes here as it is. */
  private out = '';
  /** The padding character's code when it is ASCII (then padding is bytes), else -1. */
  private readonly padCode: number;
  /** Padding strings by length, made once each (a padding character beyond ASCII). */
  private readonly pads: string[] = [''];
  private readonly measure: (text: string) => number;

  constructor(private readonly opts: TabwriterOptions) {
    this.measure = opts.measure ?? stringWidth;
    const code = opts.padchar.length === 1 ? opts.padchar.charCodeAt(0) : -1;
    this.padCode = code >= 0 && code < 0x80 ? code : -1;
  }

  private acquire(): void {
    const s = borrow();
    this.s = s;
    this.texts = s.texts;
    this.cellInfo = s.cellInfo;
    this.lineStarts = s.lineStarts;
    this.lineStarts[0] = 0;
    this.bytes = s.bytes;
  }

  private release(): void {
    const s = this.s;
    if (!s) return;
    this.s = undefined;
    s.cellInfo = this.cellInfo;
    s.lineStarts = this.lineStarts;
    s.bytes = this.bytes;
    if (s.texts.length <= KEEP_CELLS && s.bytes.length <= KEEP_BYTES && pool.length < 4) pool.push(s);
  }

  private reset(): void {
    this.pending = '';
    // the cells' strings are garbage now: the pooled array must not keep them alive
    this.texts.fill('', 0, this.ncells);
    this.ncells = 0;
    this.nlines = 1;
    this.widths = [];
  }

  private lineEnd(i: number): number {
    return i + 1 < this.nlines ? this.lineStarts[i + 1] : this.ncells;
  }

  /** Everything in `bytes` as text, after `out`. */
  private spill(): void {
    if (this.nbytes === 0) return;
    this.out += ascii.decode(this.bytes.subarray(0, this.nbytes));
    this.nbytes = 0;
  }

  private room(n: number): Uint8Array<ArrayBuffer> {
    if (this.nbytes + n > this.bytes.length) {
      const b = new Uint8Array(Math.max(this.nbytes + n, this.bytes.length * 2));
      b.set(this.bytes.subarray(0, this.nbytes));
      this.bytes = b;
    }
    return this.bytes;
  }

  private emit(text: string): void {
    const n = text.length;
    const bytes = this.room(n);
    let pos = this.nbytes;
    for (let i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch >= 0x80) {
        this.nbytes = pos;
        this.spill();
        this.out += i === 0 ? text : text.slice(i);
        return;
      }
      bytes[pos++] = ch;
    }
    this.nbytes = pos;
  }

  private emitRepeat(code: number, n: number): void {
    const bytes = this.room(n);
    bytes.fill(code, this.nbytes, this.nbytes + n);
    this.nbytes += n;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.opts.padchar === '\t' || useTabs) {
      if (this.opts.tabwidth === 0) return;
      const tw = this.opts.tabwidth;
      cellw = Math.floor((cellw + tw - 1) / tw) * tw;
      const n = cellw - textw;
      this.emitRepeat(9, Math.floor((n + tw - 1) / tw));
      return;
    }
    const n = cellw - textw;
    if (n <= 0) return;
    if (this.padCode >= 0) this.emitRepeat(this.padCode, n);
    else this.emit(this.pads[n] ?? (this.pads[n] = this.opts.padchar.repeat(n)));
  }

  private writeLines(line0: number, line1: number): void {
    const widths = this.widths;
    for (let i = line0; i < line1; i++) {
      const first = this.lineStarts[i];
      const end = this.lineEnd(i);
      for (let k = first; k < end; k++) {
        const j = k - first;
        // text/tabwriter's useTabs only matters with the TabIndent flag, which no caller sets
        if (this.opts.alignRight) {
          if (j < widths.length) this.writePadding(this.cellInfo[k] >> 1, widths[j], false);
          this.emit(this.texts[k]);
        } else {
          this.emit(this.texts[k]);
          if (j < widths.length) this.writePadding(this.cellInfo[k] >> 1, widths[j], false);
        }
      }
      // the last buffered line is the one still being written: no newline yet
      if (i + 1 < this.nlines) this.emitRepeat(10, 1);
    }
  }

  // Column widths are computed per block of consecutive lines that have the column,
  // exactly as text/tabwriter does (the recursion mirrors Writer.format).
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let thisLine = line0; thisLine < line1; thisLine++) {
      if (column >= this.lineEnd(thisLine) - this.lineStarts[thisLine] - 1) continue;
      this.writeLines(line0, thisLine);
      line0 = thisLine;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; thisLine < line1; thisLine++) {
        const first = this.lineStarts[thisLine];
        if (column >= this.lineEnd(thisLine) - first - 1) break;
        const info = this.cellInfo[first + column];
        const w = (info >> 1) + this.opts.padding;
        if (w > width) width = w;
        // a cell with width or ended by a tab (info 0 is neither)
        if (info !== 0) discardable = false;
      }
      if (discardable && this.opts.discardEmptyColumns) width = 0;
      this.widths.push(width);
      this.format(line0, thisLine);
      this.widths.pop();
      line0 = thisLine;
    }
    this.writeLines(line0, line1);
  }

  /** Ends a cell of the current line; returns how many cells the line has. */
  private terminateCell(text: string, htab: boolean): number {
    const k = this.ncells;
    if (k === this.cellInfo.length) this.cellInfo = grownInt32(this.cellInfo, k + 1);
    this.cellInfo[k] = this.measure(text) * 2 + (htab ? 1 : 0);
    if (k < this.texts.length) this.texts[k] = text;
    else this.texts.push(text);
    this.ncells = k + 1;
    return this.ncells - this.lineStarts[this.nlines - 1];
  }

  private endLine(): void {
    if (this.nlines === this.lineStarts.length) this.lineStarts = grownInt32(this.lineStarts, this.nlines + 1);
    this.lineStarts[this.nlines++] = this.ncells;
  }

  private flushInternal(): void {
    if (this.pending !== '') this.terminateCell(this.pending, false);
    this.format(0, this.nlines);
    this.reset();
  }

  write(text: string): void {
    if (!this.s) this.acquire();
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // \t \n \v \f (9 to 12) end a cell
      if (ch < 9 || ch > 12) continue;
      // (slices and joins only when there is something to cut or join: no empty strings made)
      const piece = i === n ? '' : n === 0 && i === text.length ? text : text.slice(n, i);
      const cell = this.pending === '' ? piece : piece === '' ? this.pending : this.pending + piece;
      this.pending = '';
      n = i + 1;
      const ncells = this.terminateCell(cell, ch === 9);
      if (ch === 10 || ch === 12) {
        this.endLine();
        // a line with a single cell ends every column block: flush what is buffered
        if (ch === 12 || ncells === 1) this.flushInternal();
      }
    }
    if (n < text.length) {
      const rest = n === 0 ? text : text.slice(n);
      this.pending = this.pending === '' ? rest : this.pending + rest;
    }
  }

  /** Flush buffered text and return everything formatted so far. */
  flush(): string {
    if (!this.s) this.acquire();
    this.flushInternal();
    this.spill();
    this.release();
    const out = this.out;
    this.out = '';
    return out;
  }
}

/** The writer the docker formatter uses for every table. */
export function dockerTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
}
