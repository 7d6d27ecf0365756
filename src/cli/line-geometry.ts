// Where things are in an edited line: grapheme and word boundaries in the
// text, and the screen cell each text offset lands on after the prompt.
import { stringWidth } from './char-width';

const CSI = '\x1b[';

// Making an Intl.Segmenter loads ICU's break rules (tens of milliseconds in a
// fresh page, before the first prompt could be drawn); in printable ASCII
// every character is a grapheme of its own, so most lines never need one.
let segmenter: Intl.Segmenter | undefined;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function segments(s: string): Iterable<{ segment: string; index: number }> {
  if (PRINTABLE_ASCII.test(s)) return Array.from(s, (segment, index) => ({ segment, index }));
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(s);
}

function graphemes(s: string): string[] {
  return Array.from(segments(s), (g) => g.segment);
}

export function prevBoundary(text: string, i: number): number {
  let last = 0;
  for (const g of segments(text)) {
    if (g.index >= i) break;
    last = g.index;
  }
  return last;
}

export function nextBoundary(text: string, i: number): number {
  for (const g of segments(text)) {
    if (g.index > i) return g.index;
  }
  return text.length;
}

/** i itself when it is a grapheme boundary, else the start of the grapheme around it. */
export function boundaryAtOrBefore(text: string, i: number): number {
  return i >= text.length ? text.length : prevBoundary(text, i + 1);
}

export const isBlank = (g: string) => g === ' ' || g === '\t';
const isWordChar = (g: string) => /[\p{L}\p{N}_]/u.test(g);

/** Start of the word before i: Ctrl-W's idea of a word is blank-delimited (unix-word-rubout). */
export function blankWordStart(text: string, i: number): number {
  let j = i;
  while (j > 0 && isBlank(text[j - 1])) j--;
  while (j > 0 && !isBlank(text[j - 1])) j--;
  return j;
}

/** Alt-B/Alt-F and Ctrl-←/→ move over letters and digits, as readline's backward-word/forward-word. */
export function wordBack(text: string, i: number): number {
  const gs = graphemes(text.slice(0, i));
  let j = gs.length;
  while (j > 0 && !isWordChar(gs[j - 1])) j--;
  while (j > 0 && isWordChar(gs[j - 1])) j--;
  return gs.slice(0, j).join('').length;
}

export function wordForward(text: string, i: number): number {
  const gs = graphemes(text.slice(i));
  let j = 0;
  while (j < gs.length && !isWordChar(gs[j])) j++;
  while (j < gs.length && isWordChar(gs[j])) j++;
  return i + gs.slice(0, j).join('').length;
}

export interface Pos {
  row: number;
  col: number;
}

/**
 * Where the terminal cursor sits after the prompt and text[0, upto): `col` may
 * equal `columns` when the last character filled a row (the terminal is then
 * in its "pending wrap" state on that row's last cell).
 */
export function cellAfter(promptWidth: number, cols: number, text: string, upto: number): Pos {
  let row = Math.floor(promptWidth / cols);
  let col = promptWidth % cols;
  for (const g of segments(text.slice(0, upto))) {
    const w = stringWidth(g.segment);
    if (w === 0) continue;
    if (col + w > cols) {
      row++;
      col = 0;
    }
    col += w;
  }
  return { row, col };
}

/** The cell a cursor at this layout position really occupies once the next character arrives. */
export function settle(p: Pos, cols: number): Pos {
  return p.col >= cols ? { row: p.row + 1, col: 0 } : p;
}

export function move(from: Pos, to: Pos): string {
  let out = '';
  const dy = to.row - from.row;
  if (dy < 0) out += `${CSI}${-dy}A`;
  else if (dy > 0) out += `${CSI}${dy}B`;
  if (to.col === 0 && from.col !== 0) out += '\r';
  else if (to.col > from.col) out += `${CSI}${to.col - from.col}C`;
  else if (to.col < from.col) out += `${CSI}${from.col - to.col}D`;
  return out;
}
