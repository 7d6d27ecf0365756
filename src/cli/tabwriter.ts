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

interface Cell {
  size: number; // length in UTF-16 units in buf
  width: number; // display width
  htab: boolean; // terminated by a tab
}

export class TabWriter {
  private buf = '';
  /**
   * Text of the current cell not measured yet. Kept apart from `buf`: slicing
   * a string built by += flattens it, and doing that per cell made tables
   * quadratic (1,000 rows of `docker ps -a` took 100 ms).
   */
  private pending = '';
  private pos = 0;
  private cell: Cell = { size: 0, width: 0, htab: false };
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private out = '';
  private readonly measure: (text: string) => number;

  constructor(private readonly opts: TabwriterOptions) {
    this.measure = opts.measure ?? stringWidth;
  }

  private reset(): void {
    this.buf = '';
    this.pending = '';
    this.pos = 0;
    this.cell = { size: 0, width: 0, htab: false };
    this.lines = [[]];
    this.widths = [];
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
    this.out += this.opts.padchar.repeat(Math.max(0, cellw - textw));
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = false;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if (!this.opts.alignRight) {
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
          }
        }
      }
      if (i + 1 === this.lines.length) {
        // the last buffered line holds the incomplete cell
        this.out += this.buf.slice(pos, pos + this.cell.size);
        pos += this.cell.size;
      } else {
        this.out += '\n';
      }
    }
    return pos;
  }

  // Column widths are computed per block of consecutive lines that have the column,
  // exactly as text/tabwriter does (the recursion mirrors Writer.format).
  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let thisLine = line0; thisLine < line1; thisLine++) {
      let line = this.lines[thisLine];
      if (column >= line.length - 1) continue;
      pos = this.writeLines(pos, line0, thisLine);
      line0 = thisLine;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; thisLine < line1; thisLine++) {
        line = this.lines[thisLine];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.opts.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.opts.discardEmptyColumns) width = 0;
      this.widths.push(width);
      pos = this.format(pos, line0, thisLine);
      this.widths.pop();
      line0 = thisLine;
    }
    return this.writeLines(pos, line0, line1);
  }

  private updateWidth(): void {
    this.cell.width += this.measure(this.pending);
    this.buf += this.pending;
    this.pending = '';
    this.pos = this.buf.length;
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private flushInternal(): void {
    this.buf += this.pending;
    this.pending = '';
    if (this.cell.size > 0) this.terminateCell(false);
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
        this.pending += text.slice(n, i);
        this.cell.size += i - n;
        this.updateWidth();
        n = i + 1;
        const ncells = this.terminateCell(ch === '\t');
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          // a line with a single cell ends every column block: flush what is buffered
          if (ch === '\f' || ncells === 1) this.flushInternal();
        }
      }
    }
    this.pending += text.slice(n);
    this.cell.size += text.length - n;
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
