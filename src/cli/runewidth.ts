// Display width of text in terminal cells, as go-runewidth measures it for the
// table writer (non-East-Asian locale) and as the formatter's Ellipsis counts it.

import { COMBINING, DOUBLEWIDTH, NARROW } from './runewidth-tables';

function inTable(r: number, t: readonly number[]): boolean {
  if (r < t[0]) return false;
  let lo = 0;
  let hi = t.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid * 2 + 1] < r) lo = mid + 1;
    else if (t[mid * 2] > r) hi = mid - 1;
    else return true;
  }
  return false;
}

const NONPRINT = [
  0x0000, 0x001f, 0x007f, 0x009f, 0x00ad, 0x00ad, 0x070f, 0x070f, 0x180b, 0x180e, 0x200b, 0x200f, 0x2028,
  0x202e, 0x206a, 0x206f, 0xd800, 0xdfff, 0xfeff, 0xfeff, 0xfff9, 0xfffb, 0xfffe, 0xffff,
];

/** runewidth.RuneWidth with EastAsianWidth=false. */
export function runeWidth(r: number): number {
  if (r < 0 || r > 0x10ffff) return 0;
  if (r < 0x20) return 0;
  if ((r >= 0x7f && r <= 0x9f) || r === 0xad) return 0;
  if (r < 0x300) return 1;
  if (inTable(r, NARROW)) return 1;
  if (inTable(r, NONPRINT) || inTable(r, COMBINING)) return 0;
  if (inTable(r, DOUBLEWIDTH)) return 2;
  return 1;
}

/** Strings of printable ASCII, measured by their length. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Code points that attach to the previous grapheme (marks, joiners, selectors, emoji modifiers). */
function extends_(r: number): boolean {
  // nothing below U+0300 extends a cluster (the first combining marks start there)
  if (r < 0x300) return false;
  return (
    r === 0x200d ||
    (r >= 0xfe00 && r <= 0xfe0f) ||
    (r >= 0x1f3fb && r <= 0x1f3ff) ||
    (r >= 0xe0020 && r <= 0xe007f) ||
    /\p{M}/u.test(String.fromCodePoint(r))
  );
}

/**
 * runewidth.StringWidth: per grapheme cluster, the width of its first non-zero rune.
 * Clusters are approximated by "base + combining marks / ZWJ sequences", which is what
 * container names, commands and image references contain.
 */
export function stringWidth(s: string): number {
  // printable ASCII, what nearly every table cell is: one column a character
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let width = 0;
  let cluster = -1; // width of the current cluster, -1 before the first one
  let joinNext = false;
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (cluster >= 0 && (joinNext || extends_(r))) {
      joinNext = r === 0x200d;
      if (cluster === 0) cluster = runeWidth(r);
      continue;
    }
    if (cluster > 0) width += cluster;
    cluster = runeWidth(r);
    joinNext = false;
  }
  if (cluster > 0) width += cluster;
  return width;
}

/** formatter.charWidth (golang.org/x/text/width): wide and fullwidth count 2, everything else 1. */
export function charWidth(r: number): number {
  return inTable(r, DOUBLEWIDTH) ? 2 : 1;
}

const ASCII = /^[^\u0080-\uffff]*$/;

/** formatter.Ellipsis: keep maxDisplayWidth-1 columns and add `…` when the text is wider. */
export function ellipsis(s: string, maxDisplayWidth: number): string {
  if (maxDisplayWidth <= 0) return '';
  // ASCII (one byte a rune, Go's len(s) == RuneCount): one column a character, no array of runes
  if (ASCII.test(s)) {
    if (maxDisplayWidth === 1) return s.slice(0, 1);
    return s.length <= maxDisplayWidth ? s : s.slice(0, maxDisplayWidth - 1) + '…';
  }
  const rs = Array.from(s);
  if (maxDisplayWidth === 1) return rs[0] ?? '';
  const display: number[] = [];
  let w = 0;
  for (const r of rs) {
    w += charWidth(r.codePointAt(0) ?? 0);
    display.push(w);
  }
  if (w <= maxDisplayWidth) return s;
  for (let i = 0; i < display.length - 1; i++) {
    if (display[i] <= maxDisplayWidth - 1 && display[i + 1] > maxDisplayWidth - 1) {
      return rs.slice(0, i + 1).join('') + '…';
    }
  }
  return s;
}
