import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitWords, wordValues } from '../../../src/core/userland/shell-words';
import type { Token } from '../../../src/core/userland/shell-words';

function values(line: string): string[] {
  const r = splitWords(line);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return wordValues(r.tokens);
}

function tokens(line: string): Token[] {
  const r = splitWords(line);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.tokens;
}

describe('splitWords: words and quotes', () => {
  it('splits on blanks and drops them', () => {
    expect(values('  docker   pull\thello-world  ')).toEqual(['docker', 'pull', 'hello-world']);
    expect(values('')).toEqual([]);
    expect(values('   ')).toEqual([]);
  });

  it('keeps single-quoted text literally, including backslashes and $', () => {
    expect(values(`echo 'a  b' 'c\\d' '$HOME'`)).toEqual(['echo', 'a  b', 'c\\d', '$HOME']);
  });

  it('handles \\" \\\\ \\$ \\` escapes inside double quotes and keeps other backslashes', () => {
    expect(values('echo "say \\"hi\\"" "a\\\\b" "\\$x" "\\`" "\\n"')).toEqual([
      'echo',
      'say "hi"',
      'a\\b',
      '$x',
      '`',
      '\\n',
    ]);
  });

  it('removes backslashes outside quotes, escaping blanks and quotes', () => {
    expect(values('touch my\\ file \\"q\\" \\\\')).toEqual(['touch', 'my file', '"q"', '\\']);
  });

  it('joins adjacent quoted and bare pieces into one word', () => {
    expect(values(`a"b c"'d e'f`)).toEqual(['ab cd ef']);
  });

  it('makes an empty argument from empty quotes', () => {
    expect(values(`run '' "" x`)).toEqual(['run', '', '', 'x']);
  });

  it('treats backslash-newline as a line continuation', () => {
    expect(values('docker \\\nimages')).toEqual(['docker', 'images']);
    expect(values('"a\\\nb"')).toEqual(['ab']);
  });

  it('ignores a comment that starts a word, but not a # inside a word', () => {
    expect(values('echo a#b # the rest')).toEqual(['echo', 'a#b']);
    expect(values('# only a comment')).toEqual([]);
  });

  it('keeps multi-byte characters intact', () => {
    expect(values(`echo 'héllo wörld' 日本 🐳`)).toEqual(['echo', 'héllo wörld', '日本', '🐳']);
  });
});

describe('splitWords: parts keep their quoting for the expander', () => {
  it('marks bare, double, single and escaped pieces', () => {
    const [w] = tokens(`a"$B"'$C'\\$D`);
    expect(w.kind).toBe('word');
    if (w.kind !== 'word') return;
    expect(w.parts).toEqual([
      { text: 'a', quoting: 'none' },
      { text: '$B', quoting: 'double' },
      { text: '$C', quoting: 'single' },
      { text: '$', quoting: 'escape' },
      { text: 'D', quoting: 'none' },
    ]);
    expect(w.value).toBe('a$B$C$D');
  });

  it('keeps $(…), ${…} and backquotes whole, blanks and operators included', () => {
    expect(values('echo $(ls -l | wc -l) ${X:-a b} `date +%s`x')).toEqual([
      'echo',
      '$(ls -l | wc -l)',
      '${X:-a b}',
      '`date +%s`x',
    ]);
    expect(values('echo "$(echo ")")"')).toEqual(['echo', '$(echo ")")']);
  });

  it('records where each token starts and ends', () => {
    const t = tokens(`ls  'a b'>out`);
    expect(t.map((x) => [x.start, x.end])).toEqual([
      [0, 2],
      [4, 9],
      [9, 10],
      [10, 13],
    ]);
  });
});

describe('splitWords: operators', () => {
  it('recognises control and redirection operators, longest first', () => {
    const t = tokens('a;b&&c||d|e&f>g>>h<i');
    expect(t.map((x) => (x.kind === 'op' ? x.op : x.value))).toEqual([
      'a',
      ';',
      'b',
      '&&',
      'c',
      '||',
      'd',
      '|',
      'e',
      '&',
      'f',
      '>',
      'g',
      '>>',
      'h',
      '<',
      'i',
    ]);
  });

  it('takes digits right before a redirection as its fd, but not quoted or separated digits', () => {
    const t = tokens('cmd 2>err 2>&1 "2">x 2 >y');
    const ops = t.filter((x) => x.kind === 'op');
    expect(ops.map((o) => (o.kind === 'op' ? [o.op, o.fd] : null))).toEqual([
      ['>', 2],
      ['>&', 2],
      ['>', undefined],
      ['>', undefined],
    ]);
    expect(wordValues(t)).toEqual(['cmd', 'err', '1', '2', 'x', '2', 'y']);
  });

  it('does not treat quoted or escaped operator characters as operators', () => {
    expect(values(`echo '|' ";" \\& "a>b"`)).toEqual(['echo', '|', ';', '&', 'a>b']);
  });
});

describe('splitWords: unterminated input is a value, with bash wording', () => {
  it.each([
    [`echo 'abc`, "'", 5, "unexpected EOF while looking for matching `''"],
    [`echo "abc`, '"', 5, 'unexpected EOF while looking for matching `"\''],
    ['echo abc\\', '\\', 8, ''],
    ['echo $(ls', '$(', 5, "unexpected EOF while looking for matching `)'"],
    ['echo ${x', '${', 5, "unexpected EOF while looking for matching `}'"],
    ['echo `ls', '`', 5, "unexpected EOF while looking for matching ``'"],
    [`echo "it's`, '"', 5, 'unexpected EOF while looking for matching `"\''],
  ])('%s', (line, open, at, message) => {
    const r = splitWords(line);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({ kind: 'incomplete', open, at, message });
  });

  it('completes once the continuation arrives (PS2)', () => {
    expect(values(`echo 'a\nb'`)).toEqual(['echo', 'a\nb']);
  });
});

describe('splitWords: properties', () => {
  const singleQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const doubleQuote = (s: string) => `"${s.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
  const bare = (s: string) => (s === '' ? "''" : s.replace(/[^A-Za-z0-9_./:=@%+,-]/g, (c) => `\\${c}`));
  // Backslash-newline is a continuation in bare and double-quoted text, so keep \n out of those.
  const arg = fc.string({ unit: 'binary', maxLength: 12 });
  const argNoNewline = arg.map((s) => s.replaceAll('\n', ' '));

  it('single quoting any argv round-trips', () => {
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 6 }), (argv) => {
        expect(values(argv.map(singleQuote).join(' '))).toEqual(argv);
      }),
    );
  });

  it('double quoting any argv round-trips', () => {
    fc.assert(
      fc.property(fc.array(argNoNewline, { maxLength: 6 }), (argv) => {
        expect(values(argv.map(doubleQuote).join('  '))).toEqual(argv);
      }),
    );
  });

  it('backslash escaping any argv round-trips', () => {
    fc.assert(
      fc.property(fc.array(argNoNewline, { maxLength: 6 }), (argv) => {
        expect(values(argv.map(bare).join('\t'))).toEqual(argv);
      }),
    );
  });

  it('never throws, and token offsets are ordered and inside the line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (line) => {
        const r = splitWords(line);
        if (!r.ok) {
          expect(r.error.at).toBeGreaterThanOrEqual(0);
          expect(r.error.at).toBeLessThan(line.length);
          return;
        }
        let prev = 0;
        for (const t of r.tokens) {
          expect(t.start).toBeGreaterThanOrEqual(prev);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(line.length);
          prev = t.end;
        }
      }),
    );
  });
});
