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
 * flush: `docker ps` over a thousand containers then grows no arrays, so a
 * run leaves little for the collector but its cells and the output.
 */
interface Scratch {
  texts: string[];
  /** Per cell: display width * 2, plus 1 when a tab ended it. */
  cellInfo: Int32Array<ArrayBuffer>;
  lineStarts: Int32Array<ArrayBuffer>;
  /** Formatted output, joined once on flush (one native join, not a rope a cell). */
  chunks: string[];
}

const pool: Scratch[] = [];
/** Scratch bigger than this goes back to the collector instead of the pool. */
const KEEP_CELLS = 1 << 16;

/** What ends a cell: \t \n \v \f. A written piece without any is only appended. */
const CELL_END = /[\t-\f]/;

function borrow(): Scratch {
  return (
    pool.pop() ?? {
      texts: [],
      cellInfo: new Int32Array(64),
      lineStarts: new Int32Array(16),
      chunks: [],
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
  /** Whether `pending` is printable ASCII (then its width is its length, for every measure). */
  private pendingAscii = true;
  private s: Scratch | undefined;
  private texts: string[] = [];
  private cellInfo = new Int32Array(0);
  private ncells = 0;
  /** Index of each buffered line's first cell; the last line is the one being written. */
  private lineStarts = new Int32Array(0);
  private nlines = 1;
  private widths: number[] = [];
  /** The output so far, `nchunks` pieces of the pooled array (the rest is stale ''). */
  private chunks: string[] = [];
  private nchunks = 0;
  /** Padding strings by length, made once each. */
  private readonly pads: string[] = [''];
  private readonly measure: (text: string) => number;

  constructor(private readonly opts: TabwriterOptions) {
    this.measure = opts.measure ?? stringWidth;
  }

  private acquire(): void {
    const s = borrow();
    this.s = s;
    this.texts = s.texts;
    this.cellInfo = s.cellInfo;
    this.lineStarts = s.lineStarts;
    this.lineStarts[0] = 0;
    this.chunks = s.chunks;
  }

  private release(): void {
    const s = this.s;
    if (!s) return;
    this.s = undefined;
    s.cellInfo = this.cellInfo;
    s.lineStarts = this.lineStarts;
    // the output's pieces are garbage now: the pooled array must not keep them alive
    s.chunks.fill('', 0, this.nchunks);
    this.nchunks = 0;
    if (s.texts.length <= KEEP_CELLS && s.chunks.length <= 2 * KEEP_CELLS && pool.length < 4) pool.push(s);
  }

  private reset(): void {
    this.pending = '';
    this.pendingAscii = true;
    // the cells' strings are garbage now: the pooled array must not keep them alive
    this.texts.fill('', 0, this.ncells);
    this.ncells = 0;
    this.nlines = 1;
    this.widths = [];
  }

  private lineEnd(i: number): number {
    return i + 1 < this.nlines ? this.lineStarts[i + 1] : this.ncells;
  }

  private pad(n: number): string {
    return this.pads[n] ?? (this.pads[n] = this.opts.padchar.repeat(n));
  }

  private padding(textw: number, cellw: number): string {
    if (this.opts.padchar === '\t') {
      // text/tabwriter's useTabs only matters with the TabIndent flag, which no caller sets
      if (this.opts.tabwidth === 0) return '';
      const tw = this.opts.tabwidth;
      cellw = Math.floor((cellw + tw - 1) / tw) * tw;
      return this.pad(Math.floor((cellw - textw + tw - 1) / tw));
    }
    const n = cellw - textw;
    return n <= 0 ? '' : this.pad(n);
  }

  private writeLines(line0: number, line1: number): void {
    const widths = this.widths;
    const texts = this.texts;
    const info = this.cellInfo;
    const right = this.opts.alignRight === true;
    const chunks = this.chunks;
    let n = this.nchunks;
    // each cell and its padding go out as pieces, joined once on flush: each character is
    // copied once, and no line string is made (a table whose rows all changed since the last
    // one, every STATUS a second later, then costs no more than one that did not)
    for (let i = line0; i < line1; i++) {
      const first = this.lineStarts[i];
      const end = this.lineEnd(i);
      for (let k = first; k < end; k++) {
        const j = k - first;
        if (j >= widths.length) chunks[n++] = texts[k];
        else if (right) {
          chunks[n++] = this.padding(info[k] >> 1, widths[j]);
          chunks[n++] = texts[k];
        } else {
          chunks[n++] = texts[k];
          chunks[n++] = this.padding(info[k] >> 1, widths[j]);
        }
      }
      // the last buffered line is the one still being written: no newline yet
      if (i + 1 < this.nlines) chunks[n++] = '\n';
    }
    this.nchunks = n;
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
  private terminateCell(text: string, htab: boolean, ascii = false): number {
    const k = this.ncells;
    if (k === this.cellInfo.length) this.cellInfo = grownInt32(this.cellInfo, k + 1);
    this.cellInfo[k] = (ascii ? text.length : this.measure(text)) * 2 + (htab ? 1 : 0);
    if (k < this.texts.length) this.texts[k] = text;
    else this.texts.push(text);
    this.ncells = k + 1;
    return this.ncells - this.lineStarts[this.nlines - 1];
  }

  private endLine(): void {
    if (this.nlines === this.lineStarts.length)
      this.lineStarts = grownInt32(this.lineStarts, this.nlines + 1);
    this.lineStarts[this.nlines++] = this.ncells;
  }

  private flushInternal(): void {
    if (this.pending !== '') this.terminateCell(this.pending, false, this.pendingAscii);
    this.format(0, this.nlines);
    this.reset();
  }

  /** Ends the current cell with \t, \n, \v or \f (9 to 12). */
  private endCell(cell: string, ch: number, ascii: boolean): void {
    const ncells = this.terminateCell(cell, ch === 9, ascii);
    if (ch === 10 || ch === 12) {
      this.endLine();
      // a line with a single cell ends every column block: flush what is buffered
      if (ch === 12 || ncells === 1) this.flushInternal();
    }
  }

  write(text: string): void {
    if (!this.s) this.acquire();
    const n = text.length;
    // a table's own tabs and newlines come one a write: no scan, no slice
    if (n === 1) {
      const ch = text.charCodeAt(0);
      if (ch >= 9 && ch <= 12) {
        const cell = this.pending;
        const ascii = this.pendingAscii;
        this.pending = '';
        this.pendingAscii = true;
        this.endCell(cell, ch, ascii);
        return;
      }
    }
    // nearly every cell is printable ASCII: one look at each character tells it has no
    // cell end and that its width is its length
    let i = 0;
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (ch < 0x20 || ch > 0x7e) break;
      i++;
    }
    if (i === n || !CELL_END.test(text)) {
      if (i < n) this.pendingAscii = false;
      this.pending = this.pending === '' ? text : this.pending + text;
      return;
    }
    let start = 0;
    for (i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch < 9 || ch > 12) continue;
      // (slices and joins only when there is something to cut or join: no empty strings made)
      const piece = i === start ? '' : text.slice(start, i);
      const cell = this.pending === '' ? piece : piece === '' ? this.pending : this.pending + piece;
      this.pending = '';
      this.pendingAscii = true;
      start = i + 1;
      this.endCell(cell, ch, false);
    }
    if (start < n) {
      const rest = start === 0 ? text : text.slice(start);
      this.pending = this.pending === '' ? rest : this.pending + rest;
      this.pendingAscii = false;
    }
  }

  /** Flush buffered text and return everything formatted so far. */
  flush(): string {
    if (!this.s) this.acquire();
    this.flushInternal();
    // the pooled array keeps its length (no regrowth next table): what is past nchunks is ''.
    // A join reads the whole array (its buffer is as long): a small table after a big one
    // joins only its own pieces
    const n = this.nchunks;
    const chunks = this.chunks;
    const out = n === 0 ? '' : n * 2 < chunks.length ? chunks.slice(0, n).join('') : chunks.join('');
    this.release();
    return out;
  }
}

/** The writer the docker formatter uses for every table. */
export function dockerTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
}
