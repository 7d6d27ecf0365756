import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beginLine, createEditor, feed, formatCompletionList, resize } from '../../src/cli/line-editor';
import { codePointWidth, stringWidth, visibleWidth } from '../../src/cli/char-width';
import type { Completer, EditorState, FeedResult } from '../../src/cli/line-editor';

const PROMPT = '\x1b[01;32mstudent@laptop\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
const PLAIN_PROMPT = 'student@laptop:~$ ';

/**
 * A small model of xterm.js's screen for the sequences the editor emits: it
 * wraps like xterm (pending wrap on the last cell, a wide character that does
 * not fit moves to the next row and blanks the cell it skipped).
 */
class Screen {
  rows: (string | null)[][] = [];
  x = 0;
  y = 0;
  constructor(readonly cols: number) {}

  private row(y: number): (string | null)[] {
    while (this.rows.length <= y) this.rows.push(Array(this.cols).fill(null));
    return this.rows[y];
  }

  write(data: string): this {
    let i = 0;
    while (i < data.length) {
      const c = data[i];
      if (c === '\x1b') {
        // eslint-disable-next-line no-control-regex
        const m = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(data.slice(i));
        if (!m) throw new Error(`screen: unknown escape at ${JSON.stringify(data.slice(i, i + 8))}`);
        const n = Number(m[1] || '1');
        this.x = Math.min(this.x, this.cols - 1); // leaving pending wrap, as _restrictCursor does
        switch (m[2]) {
          case 'A':
            this.y = Math.max(0, this.y - n);
            break;
          case 'B':
            this.y += n;
            break;
          case 'C':
            this.x = Math.min(this.cols - 1, this.x + n);
            break;
          case 'D':
            this.x = Math.max(0, this.x - n);
            break;
          case 'H':
            this.x = 0;
            this.y = 0;
            break;
          case 'K':
            this.row(this.y).fill(null, this.x);
            break;
          case 'J':
            if (m[1] === '2') this.rows = [];
            else {
              this.row(this.y).fill(null, this.x);
              this.rows.length = Math.min(this.rows.length, this.y + 1);
            }
            break;
          default:
            throw new Error(`screen: unhandled CSI ${m[0]}`);
        }
        i += m[0].length;
        continue;
      }
      if (c === '\r') {
        this.x = 0;
        i++;
        continue;
      }
      if (c === '\n') {
        this.y++;
        this.x = Math.min(this.x, this.cols - 1);
        i++;
        continue;
      }
      if (c === '\x07') {
        i++;
        continue;
      }
      const cp = data.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      i += ch.length;
      const w = codePointWidth(cp);
      if (w === 0) {
        const r = this.row(this.y);
        const at = Math.max(0, Math.min(this.x, this.cols) - 1);
        r[at] = (r[at] ?? '') + ch;
        continue;
      }
      if (this.x + w > this.cols) {
        this.row(this.y).fill(null, Math.min(this.x, this.cols));
        this.x = 0;
        this.y++;
      }
      const r = this.row(this.y);
      r[this.x] = ch;
      if (w === 2) r[this.x + 1] = '';
      this.x += w;
    }
    return this;
  }

  /** All rows joined: what the user reads, wrapped rows glued back together. */
  text(): string {
    return this.rows
      .map((r) => r.map((c) => c ?? '').join(''))
      .join('')
      .replace(/ +$/, '');
  }

  lines(): string[] {
    return this.rows.map((r) =>
      r
        .map((c) => c ?? ' ')
        .join('')
        .trimEnd(),
    );
  }

  /** Cursor cell, resolving a pending wrap the way the next character would. */
  cursor(): { row: number; col: number } {
    return this.x >= this.cols ? { row: this.y + 1, col: 0 } : { row: this.y, col: this.x };
  }
}

function strip(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Run keys through the editor onto a screen; returns the final state and every action. */
function session(keys: string[], opts: { columns?: number; history?: string[]; completer?: Completer } = {}) {
  const columns = opts.columns ?? 80;
  const screen = new Screen(columns);
  const begun = beginLine(createEditor({ prompt: PROMPT, columns, history: opts.history }));
  let state = begun.state;
  screen.write(strip(begun.output));
  const results: FeedResult[] = [];
  for (const k of keys) {
    let data = k;
    do {
      const r = feed(state, data, opts.completer);
      results.push(r);
      screen.write(strip(r.output));
      state = r.state;
      data = r.rest;
      if (r.action && (r.action.kind === 'submit' || r.action.kind === 'interrupt')) {
        const b = beginLine(state);
        state = b.state;
        screen.write(strip(b.output));
      }
    } while (data);
  }
  return { state, screen, results, actions: results.flatMap((r) => (r.action ? [r.action] : [])) };
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';
const END = '\x1b[F';
const BS = '\x7f';

describe('line editor: echo bytes', () => {
  it('echoes typed characters as they are', () => {
    const s = createEditor({ prompt: PROMPT, columns: 80 });
    const r = feed(s, 'd');
    expect(r.output).toBe('d');
    expect(r.state.text).toBe('d');
    expect(feed(r.state, 'ocker').output).toBe('ocker');
  });

  it('backspace at the end moves left and erases', () => {
    const s = feed(createEditor({ prompt: PROMPT, columns: 80 }), 'abc').state;
    const r = feed(s, BS);
    expect(r.output).toBe('\x1b[1D\x1b[J');
    expect(r.state.text).toBe('ab');
  });

  it('inserting mid-line rewrites the tail and puts the cursor back', () => {
    const s = feed(createEditor({ prompt: PROMPT, columns: 80 }), `ac${LEFT}`).state;
    const r = feed(s, 'b');
    expect(r.output).toBe('bc\x1b[1D');
    expect(r.state.text).toBe('abc');
    expect(r.state.cursor).toBe(2);
  });

  it('Enter moves past the line and submits it', () => {
    const s = feed(createEditor({ prompt: PROMPT, columns: 80 }), `docker ps${HOME}`).state;
    const r = feed(s, '\r');
    expect(r.output).toBe('\x1b[9C\r\n');
    expect(r.action).toEqual({ kind: 'submit', line: 'docker ps' });
    expect(r.state.text).toBe('');
  });

  it('Ctrl-C prints ^C, drops the line and asks for a new prompt', () => {
    const s = feed(createEditor({ prompt: PROMPT, columns: 80 }), 'docker pu').state;
    const r = feed(s, '\x03');
    expect(r.output).toBe('^C\r\n');
    expect(r.action).toEqual({ kind: 'interrupt' });
    expect(r.state.text).toBe('');
    expect(r.state.history).toEqual([]);
  });

  it('Ctrl-D is eof on an empty line and delete-char otherwise', () => {
    const empty = createEditor({ prompt: PROMPT, columns: 80 });
    expect(feed(empty, '\x04').action).toEqual({ kind: 'eof' });
    const s = feed(empty, `ab${HOME}`).state;
    const r = feed(s, '\x04');
    expect(r.action).toBeUndefined();
    expect(r.state.text).toBe('b');
  });

  it('Ctrl-L clears the screen and redraws prompt and line with the cursor in place', () => {
    const s = feed(createEditor({ prompt: PROMPT, columns: 80 }), `abc${LEFT}`).state;
    const r = feed(s, '\x0c');
    expect(r.action).toEqual({ kind: 'clear' });
    expect(r.output).toBe(`\x1b[H\x1b[2J${PROMPT}abc\x1b[1D`);
  });

  it('stops at an action and hands back the rest of a paste', () => {
    const s = createEditor({ prompt: PROMPT, columns: 80 });
    const r = feed(s, 'docker images\rdocker ps\r');
    expect(r.action).toEqual({ kind: 'submit', line: 'docker images' });
    expect(r.rest).toBe('docker ps\r');
  });

  it('ignores unbound keys and escape sequences without echoing them', () => {
    const s = createEditor({ prompt: PROMPT, columns: 80 });
    const r = feed(s, '\x1bOP\x1b[2~\x1b[15~\x1b\x07a');
    expect(r.output).toBe('a');
    expect(r.state.text).toBe('a');
  });
});

describe('line editor: editing keys', () => {
  it.each([
    ['Ctrl-A then insert', ['hello', '\x01', '>'], '>hello', 1],
    ['Ctrl-E after Home', ['hello', HOME, '\x05', '!'], 'hello!', 6],
    ['Ctrl-U kills to the start', ['docker pull', LEFT, LEFT, '\x15'], 'll', 0],
    ['Ctrl-K kills to the end', ['docker pull', HOME, RIGHT, '\x0b'], 'd', 1],
    ['Ctrl-W kills a blank-delimited word', ['docker run -it ', '\x17'], 'docker run ', 11],
    ['Ctrl-Y yanks what was killed', ['docker pull', '\x17', 'x ', '\x19'], 'docker x pull', 13],
    ['Delete key', ['abc', HOME, '\x1b[3~'], 'bc', 0],
    [
      'Alt-B / Alt-F move by words',
      ['one two-three', '\x1bb', '\x1bb', '_', '\x1bf', '!'],
      'one _two!-three',
      9,
    ],
    ['Ctrl-B / Ctrl-F move by characters', ['ab', '\x02', '\x02', '\x06', '-'], 'a-b', 2],
    ['End via ESC O F', ['ab', HOME, '\x1bOF', 'c'], 'abc', 3],
  ])('%s', (_name, keys, text, cursor) => {
    const { state, screen } = session(keys);
    expect(state.text).toBe(text);
    expect(state.cursor).toBe(cursor);
    expect(screen.text()).toBe((PLAIN_PROMPT + text).trimEnd());
  });
});

describe('line editor: history', () => {
  it('↑ recalls older lines, ↓ comes back to the line being typed', () => {
    const { state, screen } = session(['docker images\r', 'docker ps\r', 'dock', UP], {});
    expect(state.text).toBe('docker ps');
    expect(screen.lines().at(-1)).toBe(`${PLAIN_PROMPT}docker ps`);
    const older = session(['docker images\r', 'docker ps\r', 'dock', UP, UP, DOWN, DOWN]);
    expect(older.state.text).toBe('dock');
    expect(older.screen.lines().at(-1)).toBe(`${PLAIN_PROMPT}dock`);
  });

  it('rings the bell at either end of the history', () => {
    const { results } = session(['a\r', UP, UP]);
    expect(results.at(-1)?.output).toBe('\x07');
  });

  it('skips blank lines, lines starting with a space and repeats (ignoreboth)', () => {
    const { state } = session(['a\r', 'a\r', ' secret\r', '   \r', 'b\r']);
    expect(state.history).toEqual(['a', 'b']);
  });

  it('keeps at most historySize lines, and none with historySize 0', () => {
    let s = createEditor({ prompt: '', columns: 80, historySize: 2 });
    for (const l of ['a', 'b', 'c']) s = feed(s, `${l}\r`).state;
    expect(s.history).toEqual(['b', 'c']);
    let none = createEditor({ prompt: '', columns: 80, historySize: 0, history: ['x'] });
    none = feed(none, 'y\r').state;
    expect(none.history).toEqual([]);
    expect(feed(none, UP).state.text).toBe('');
  });
});

describe('line editor: Tab completion', () => {
  const commands = ['docker', 'dockerd', 'dmesg'];
  const sub = ['image', 'images', 'info', 'inspect', 'pull', 'push', 'ps'];
  const completer: Completer = ({ line, wordStart }) =>
    line.slice(0, wordStart).trim() === '' ? commands : sub;

  it('completes a single candidate and adds a space', () => {
    const { state, screen } = session(['docker pul', '\t'], { completer });
    expect(state.text).toBe('docker pull ');
    expect(screen.text()).toBe(`${PLAIN_PROMPT}docker pull`);
  });

  it('fills the common prefix, rings on ambiguity, lists on the second Tab', () => {
    const { state, screen, results } = session(['docker i', '\t'], { completer });
    expect(state.text).toBe('docker i');
    expect(results.at(-1)?.output).toBe('\x07');
    const twice = session(['docker i', '\t', '\t'], { completer, columns: 40 });
    expect(twice.screen.lines()).toEqual([
      `${PLAIN_PROMPT}docker i`,
      'image    images   info     inspect',
      `${PLAIN_PROMPT}docker i`,
    ]);
    expect(twice.screen.cursor()).toEqual({ row: 2, col: PLAIN_PROMPT.length + 8 });
    const prefix = session(['dock', '\t'], { completer });
    expect(prefix.state.text).toBe('docker');
    expect(screen.text()).toBe(`${PLAIN_PROMPT}docker i`);
  });

  it('reports the candidates as a complete action and ignores ones that do not match', () => {
    const { actions } = session(['docker p', '\t'], { completer: () => ['pull', 'push', 'ps', 'xyz'] });
    expect(actions).toEqual([{ kind: 'complete', candidates: ['ps', 'pull', 'push'] }]);
  });

  it('rings the bell when nothing matches', () => {
    const { results, state } = session(['docker zz', '\t'], { completer });
    expect(results.at(-1)?.output).toBe('\x07');
    expect(state.text).toBe('docker zz');
  });

  it('lays the list out column-major like readline', () => {
    const items = ['a1', 'a2', 'a3', 'a4', 'a5'];
    // width 4 per column; 12 columns: 3 fit but fill the width exactly, so 2 are used.
    expect(formatCompletionList(items, 12)).toBe('a1  a4\r\na2  a5\r\na3\r\n');
    expect(formatCompletionList(items, 80)).toBe('a1  a2  a3  a4  a5\r\n');
  });
});

describe('line editor: widths and wrapping', () => {
  it('measures wide, combining and control characters like xterm.js', () => {
    expect(stringWidth('abc')).toBe(3);
    expect(stringWidth('日本')).toBe(4);
    expect(stringWidth('e\u0301')).toBe(1);
    expect(stringWidth('한')).toBe(2);
    expect(visibleWidth(PROMPT)).toBe(PLAIN_PROMPT.length);
  });

  it('moves over a grapheme (base + combining mark) as one character', () => {
    const { state } = session(['e\u0301x', LEFT, LEFT, '>']);
    expect(state.text).toBe('>e\u0301x');
  });

  it('wraps a long line and edits across the wrap', () => {
    const cols = 24; // prompt takes 18 cells, so the 7th character wraps
    const { state, screen } = session(['abcdefghij', HOME, 'X'], { columns: cols });
    expect(state.text).toBe('Xabcdefghij');
    expect(screen.lines()).toEqual([`${PLAIN_PROMPT}Xabcde`, 'fghij']);
    expect(screen.cursor()).toEqual({ row: 0, col: 19 });
  });

  it('puts the cursor on the next row when the text ends exactly at the margin, and Enter adds no blank row', () => {
    const cols = 20;
    const { screen } = session(['ab', 'x', '\r'], { columns: cols });
    expect(screen.lines()).toEqual([`${PLAIN_PROMPT}ab`, 'x', PLAIN_PROMPT.trimEnd()]);
    const enter = session(['ab', '\r'], { columns: cols });
    expect(enter.screen.lines()).toEqual([`${PLAIN_PROMPT}ab`, PLAIN_PROMPT.trimEnd()]);
    const exact = session(['ab'], { columns: cols });
    expect(exact.screen.cursor()).toEqual({ row: 1, col: 0 });
  });

  it('moves a wide character that does not fit to the next row', () => {
    const cols = 20; // 18 + 'a' leaves one cell: 日 must wrap
    const { screen, state } = session(['a日b'], { columns: cols });
    expect(state.text).toBe('a日b');
    expect(screen.lines()).toEqual([`${PLAIN_PROMPT}a`, '日b']);
    expect(screen.cursor()).toEqual({ row: 1, col: 3 });
  });

  it('resize changes where the line wraps', () => {
    const s = resize(createEditor({ prompt: PROMPT, columns: 80 }), 30);
    expect(s.columns).toBe(30);
  });
});

describe('line editor: properties', () => {
  const keyArb = fc.oneof(
    fc.constantFrom('a', 'b', ' ', 'xyz', '日', 'e\u0301', '🐳', 'ß'),
    fc.constantFrom(
      BS,
      LEFT,
      RIGHT,
      HOME,
      END,
      '\x01',
      '\x05',
      '\x15',
      '\x0b',
      '\x17',
      '\x19',
      '\x1b[3~',
      '\x1bb',
      '\x1bf',
      '\x04',
    ),
    fc.constantFrom(UP, DOWN, '\x0c'),
  );

  it('the screen always shows prompt + text with the cursor where the state says', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 40 }), fc.integer({ min: 20, max: 40 }), (keys, columns) => {
        const history = [
          'docker images',
          '日本語 🐳 a line long enough to wrap at least once on a narrow screen',
        ];
        const { state, screen } = session(keys, { columns, history });
        expect(screen.text()).toBe((PLAIN_PROMPT + state.text).replace(/ +$/, ''));
        // The cursor sits where prompt + text[0, cursor) would leave it.
        const probe = new Screen(columns).write(PLAIN_PROMPT + state.text.slice(0, state.cursor));
        expect(screen.cursor()).toEqual(probe.cursor());
      }),
      { numRuns: 300 },
    );
  });

  it('history browsing never loses the line being typed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(UP, DOWN), { maxLength: 12 }),
        fc.string({ maxLength: 8 }),
        (moves, typed) => {
          // eslint-disable-next-line no-control-regex
          const clean = typed.replace(/[\x00-\x1f\x7f]/g, '');
          const { state } = session(['one\r', 'two\r', clean, ...moves, ...Array(12).fill(DOWN)]);
          expect(state.text).toBe(clean);
        },
      ),
    );
  });

  it('the cursor stays on a grapheme boundary inside the text', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 30 }), (keys) => {
        const { state }: { state: EditorState } = session(keys);
        expect(state.cursor).toBeGreaterThanOrEqual(0);
        expect(state.cursor).toBeLessThanOrEqual(state.text.length);
        const bounds = [
          ...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(state.text),
        ].map((g) => g.index);
        expect([...bounds, state.text.length]).toContain(state.cursor);
      }),
    );
  });
});
