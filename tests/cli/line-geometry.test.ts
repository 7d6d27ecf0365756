// Grapheme boundaries and screen cells of an edited line: the ASCII shortcut
// (no Intl.Segmenter made) must agree with Intl.Segmenter everywhere.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringWidth } from '../../src/cli/char-width';
import {
  boundaryAtOrBefore,
  cellAfter,
  nextBoundary,
  prevBoundary,
  wordBack,
  wordForward,
} from '../../src/cli/line-geometry';

const reference = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const starts = (s: string) => [...reference.segment(s)].map((g) => g.index);

/** Lines a student types: mostly ASCII, sometimes accents, emoji, CJK, combining marks, tabs. */
const piece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('é', 'e\u0301', '👍', '👍🏽', '🇩🇪', '日本', '\t', 'ﬁ', '\u200d', 'ä'),
  },
);
const line = fc.array(piece, { maxLength: 8 }).map((ps) => ps.join(''));

describe('line geometry', () => {
  it('finds the grapheme boundaries Intl.Segmenter finds', () => {
    fc.assert(
      fc.property(line, fc.nat(), (text, k) => {
        const i = text.length === 0 ? 0 : k % (text.length + 1);
        const bounds = starts(text);
        const before = bounds.filter((b) => b < i);
        expect(prevBoundary(text, i)).toBe(before.length ? before[before.length - 1] : 0);
        expect(nextBoundary(text, i)).toBe(bounds.find((b) => b > i) ?? text.length);
        const atOrBefore = i >= text.length ? text.length : Math.max(...bounds.filter((b) => b <= i));
        expect(boundaryAtOrBefore(text, i)).toBe(atOrBefore);
      }),
      { numRuns: 500 },
    );
  });

  it('puts the cursor on the cell that the segmented text reaches', () => {
    fc.assert(
      fc.property(
        line,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 4, max: 40 }),
        (text, prompt, cols) => {
          let row = Math.floor(prompt / cols);
          let col = prompt % cols;
          for (const { segment } of reference.segment(text)) {
            const w = stringWidth(segment);
            if (w === 0) continue;
            if (col + w > cols) {
              row++;
              col = 0;
            }
            col += w;
          }
          expect(cellAfter(prompt, cols, text, text.length)).toEqual({ row, col });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('moves by words over ASCII and non-ASCII alike', () => {
    expect(wordBack('docker run nginx', 16)).toBe(11);
    expect(wordForward('docker run nginx', 0)).toBe(6);
    expect(wordBack('café au lait', 4)).toBe(0);
    expect(wordBack('cafe\u0301 au', 5)).toBe(0);
    expect(wordForward('👍 ok', 0)).toBe(5);
  });
});
