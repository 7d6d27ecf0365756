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

export class TabWriter {
  /**
   * Text of the current cell, not terminated yet. Terminated cells keep their
   * own text (slices of what was written) in flat arrays, one entry a cell:
   * no shared buffer to re-slice and no object a cell, which made tables of a
   * thousand rows slow and busy for the garbage collector.
   */
  private pending = '';
  private texts: string[] = [];
  /**
   * Per cell: display width * 2, plus 1 when a tab ended it. A typed array: growing
   * it allocates outside the JS heap, so a big table makes less garbage to collect.
   */
  private cellInfo = new Int32Array(64);
  /** Index of each buffered line's first cell; the last line is the one being written. */
  private lineStarts: number[] = [0];
  private widths: number[] = [];
  private out = '';
  /** Padding strings by length, made once each. */
  private readonly pads: string[] = [''];
  private readonly measure: (text: string) => number;

  constructor(private readonly opts: TabwriterOptions) {
    this.measure = opts.measure ?? stringWidth;
  }

  private reset(): void {
    this.pending = '';
    this.texts = [];
    this.lineStarts = [0];
    this.widths = [];
  }

  private lineEnd(i: number): number {
    return i + 1 < this.lineStarts.length ? this.lineStarts[i + 1] : this.texts.length;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.opts.padchar === '\t' || useTabs) {
      if (this.opts.tabwidth === 0) return;
      const tw = this.opts.tabwidth;
      cellw = Math.floor((cellw + tw - 1) / tw) * tw;
      const n = cellw - textw;
      this.out += '\t'.repeat(Math.floor((n + tw - 1) / tw));
      return;
    }
    const n = cellw - textw;
    if (n > 0) this.out += this.pads[n] ?? (this.pads[n] = this.opts.padchar.repeat(n));
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
          this.out += this.texts[k];
        } else {
          this.out += this.texts[k];
          if (j < widths.length) this.writePadding(this.cellInfo[k] >> 1, widths[j], false);
        }
      }
      // the last buffered line is the one still being written: no newline yet
      if (i + 1 < this.lineStarts.length) this.out += '\n';
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
    const k = this.texts.length;
    if (k === this.cellInfo.length) {
      const grown = new Int32Array(k * 2);
      grown.set(this.cellInfo);
      this.cellInfo = grown;
    }
    this.cellInfo[k] = this.measure(text) * 2 + (htab ? 1 : 0);
    this.texts.push(text);
    return this.texts.length - this.lineStarts[this.lineStarts.length - 1];
  }

  private flushInternal(): void {
    if (this.pending !== '') this.terminateCell(this.pending, false);
    this.format(0, this.lineStarts.length);
    this.reset();
  }

  write(text: string): void {
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
        this.lineStarts.push(this.texts.length);
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
    this.flushInternal();
    const out = this.out;
    this.out = '';
    return out;
  }
}

/** The writer the docker formatter uses for every table. */
export function dockerTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
}
