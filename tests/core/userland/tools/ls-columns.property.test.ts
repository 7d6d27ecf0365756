// Properties of ls's terminal layout: every name appears once, in column-major
// order, and no line is wider than the terminal (tabs expanded to 8).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alpine, debian } from './images';

const expand = (line: string) => {
  let col = 0;
  for (const ch of line) col = ch === '\t' ? col + 8 - (col % 8) : col + 1;
  return col;
};

const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/), { minLength: 1, maxLength: 40 });

describe('ls columns', () => {
  for (const flavour of ['gnu', 'busybox'] as const) {
    it(`${flavour}: all names, column-major, within the width`, async () => {
      await fc.assert(
        fc.asyncProperty(names, fc.integer({ min: 20, max: 160 }), async (list, width) => {
          const extra: Record<string, string> = {};
          for (const n of list) extra[`/d/${n}`] = '';
          const m = flavour === 'gnu' ? debian({ extra }) : alpine({ extra });
          const r = await m.run(['ls', '/d'], { tty: true, env: { COLUMNS: String(width), TERM: 'dumb' } });
          const rows = r.stdout.split('\n').slice(0, -1).map((l) => l.split(/[\t ]+/).filter(Boolean));
          const sorted = [...list].sort();
          for (const l of r.stdout.split('\n')) {
            // a single name longer than the terminal is printed anyway
            if (l.split(/[\t ]+/).filter(Boolean).length > 1) expect(expand(l)).toBeLessThanOrEqual(flavour === 'gnu' ? width : width - 1);
          }
          const perCol = rows.length;
          const back: string[] = [];
          for (let c = 0; c < Math.max(...rows.map((x) => x.length)); c++) for (let i = 0; i < perCol; i++) if (rows[i][c] !== undefined) back.push(rows[i][c]);
          expect(back).toEqual(sorted);
        }),
        { numRuns: 40 },
      );
    });
  }
});
