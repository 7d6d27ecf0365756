// The tabwriter's output depends only on the text, not on how it was cut into
// writes (cells and lines may span writes); flushing mid-way ends column blocks;
// writers share pooled buffers, so one flushed and used again starts clean.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TabWriter, type TabwriterOptions } from '../../src/cli/tabwriter';

const text = fc
  .array(fc.constantFrom('a', 'bb', '名', 'e\u0301', '\t', '\n', '\v', '\f', ' ', 'xyz', '…', '\ud800'), {
    maxLength: 60,
  })
  .map((a) => a.join(''));
const options = fc.record<TabwriterOptions>({
  minwidth: fc.nat(12),
  tabwidth: fc.nat(8),
  padding: fc.nat(4),
  padchar: fc.constantFrom(' ', '.', '\t', '·'),
  alignRight: fc.boolean(),
  discardEmptyColumns: fc.boolean(),
});

describe('tabwriter writes', () => {
  it('cutting the text into writes changes nothing', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), options, (s, cuts, opts) => {
        const whole = new TabWriter(opts);
        whole.write(s);
        const pieces = new TabWriter(opts);
        let at = 0;
        for (const c of [...cuts.map((c) => c % (s.length + 1))].sort((a, b) => a - b)) {
          pieces.write(s.slice(at, c));
          at = c;
        }
        pieces.write(s.slice(at));
        expect(pieces.flush()).toBe(whole.flush());
      }),
      { numRuns: 3000 },
    );
  });

  it('every line written comes out, in order, with its cells in order', () => {
    fc.assert(
      fc.property(text, options, (s, opts) => {
        const tw = new TabWriter({ ...opts, padchar: opts.padchar === '\t' ? ' ' : opts.padchar });
        tw.write(s);
        const out = tw.flush();
        // cells lose their terminators and gain pad characters; \f ends a line as \n does
        const strip = (x: string) =>
          x
            .replace(/\f/g, '\n')
            .replace(/[\t\v]/g, '')
            .replace(/[ .·]/g, '');
        expect(strip(out)).toBe(strip(s));
        expect(out.split('\n').length).toBe(s.split(/[\n\f]/).length);
      }),
      { numRuns: 3000 },
    );
  });

  it('a writer used again after flush, and one used beside another, print what a new one prints', () => {
    fc.assert(
      fc.property(text, text, options, (a, b, opts) => {
        const fresh = (s: string) => {
          const tw = new TabWriter(opts);
          tw.write(s);
          return tw.flush();
        };
        const expectA = fresh(a);
        const expectB = fresh(b);
        const reused = new TabWriter(opts);
        reused.write(a);
        // another writer takes buffers while the first holds some
        const beside = new TabWriter(opts);
        beside.write(b);
        expect(reused.flush()).toBe(expectA);
        reused.write(b);
        expect(reused.flush()).toBe(expectB);
        expect(beside.flush()).toBe(expectB);
      }),
      { numRuns: 2000 },
    );
  });
});
