// Shell patterns' bracket expressions, pinned to what dash 0.5.12, bash 5.2 and busybox 1.35
// ash printed (`case "$w" in PAT) …`): a bad bracket never throws, it just fails to match.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchPattern, stripPattern, type PatternDialect } from '../../../../src/core/userland/shell/pattern';
import { machine, runC, type Which } from './setup';

/** [pattern, words, which match in dash, which in bash/busybox ('=' for the same)]. */
const CASES: Array<[string, string[], string, string]> = [
  ['[z-a]', ['a', 'z', 'b', '-'], '', '='],
  ['[z-a]x', ['zx', 'x'], '', '='],
  ['[!z-a]', ['a', 'z', 'b'], 'a z b', '='],
  ['[az-a]', ['a', 'z', 'b'], 'a', '='],
  ['[(-!]', ['(', '!', ' ', 'a'], '', '='],
  ['[^a]', ['a', 'b', '^'], 'a ^', 'b ^'],
  ['[]a]', [']', 'a', 'b'], '] a', '='],
  ['[!]a]', [']', 'a', 'b'], 'b', '='],
  ['[a-]', ['a', '-', 'b'], 'a -', '='],
  ['[[:alpha:]-z]', ['a', '-', 'z', '0'], 'a - z', '='],
  ['[[:foo:]]', ['f', ':', '[', '[]', 'f]', '[:foo:]'], '[] f]', ''],
  ['[a\\]b]', ['a', ']', 'b', '\\'], 'a ] b', '='],
  ['[a-\\z]', ['a', 'm', 'z', '\\'], 'a m z', '='],
  ['[[.a.]]', ['a', '.', '[', '[]'], '[]', 'a'],
  ['[[=a=]]', ['a', '=', '[]'], '[]', 'a'],
  ['[\\!a]', ['a', '!', 'b'], 'a !', '='],
  ['[ab', ['a', '[ab'], '[ab', '='],
  ['[a-c-e]', ['a', 'b', 'd', 'e', '-'], 'a b e -', '='],
  ['[a-[:alpha:]]', ['a', 'b', ':', '[', ']'], '', '='],
  ['[a-]]', ['a', '-', ']', 'a]'], 'a]', '='],
  ['[!]', ['!', ']', '[!]'], '[!]', '='],
  ['[]', [']', '[]'], '[]', '='],
  ['[]-a]', [']', '^', 'a', '-', 'b'], '] ^ a', '='],
  ['[%--]', ['%', ',', '-', 'a'], '% , -', '='],
  ['[[:alpha:]', ['a', '[a', '[:', '[[:alpha:]'], '[a [:', '='],
  ['[\\]', ['\\', ']', '[\\]', '[]'], '[]', '='],
  ['[a\\-z]', ['a', '-', 'z', 'b'], 'a - z', '='],
];

const expected = (words: string[], hit: string) =>
  words.map((w) => `${w}:${hit.split(' ').includes(w) ? 'y' : 'n'}`).join(' ');
const run = (pat: string, words: string[], dialect: PatternDialect) =>
  words.map((w) => `${w}:${matchPattern(pat, w, dialect) ? 'y' : 'n'}`).join(' ');

describe('bracket expressions in shell patterns', () => {
  it.each(CASES)('dash: %s', (pat, words, dash) => {
    expect(run(pat, words, 'dash')).toBe(expected(words, dash));
  });

  it.each(CASES)('bash and busybox: %s', (pat, words, dash, other) => {
    expect(run(pat, words, 'fnmatch')).toBe(expected(words, other === '=' ? dash : other));
  });

  it('an unknown class: bash skips it, dash reads its `[` as a member and closes at the first `]`', () => {
    expect(run('[[:foo:]x]', ['f', ':', 'x', ']'], 'fnmatch')).toBe('f:n ::n x:y ]:n');
    expect(run('[[:foo:]x]', ['f', 'x', '[]', 'x]', '[x]', 'fx]', ':x]', 'ox]'], 'dash')).toBe(
      'f:n x:n []:n x]:n [x]:y fx]:y :x]:y ox]:y',
    );
  });

  it('${x#…} and ${x%…} with a reversed range strip nothing rather than throw', () => {
    expect(stripPattern('abc', '[z-a]*', false, false)).toBe('abc');
    expect(stripPattern('abc', '*[c-a]', true, true, 'dash')).toBe('abc');
    expect(stripPattern('abc', '[!z-a]', false, false, 'dash')).toBe('bc');
  });

  const atom = fc.constantFrom(
    '[',
    ']',
    '!',
    '^',
    '-',
    '\\',
    ':',
    '.',
    '=',
    'a',
    'z',
    'A',
    '0',
    '*',
    '?',
    '(',
    '/',
    '[:alpha:]',
    '[:foo:]',
    '[.a.]',
    '[=b=]',
    '[:',
    ':]',
    'é',
    '\u{1f600}',
  );
  const pattern = fc.array(atom, { minLength: 1, maxLength: 10 }).map((a) => a.join(''));

  it('property: no pattern throws when matched or stripped, in either dialect', () => {
    fc.assert(
      fc.property(
        pattern,
        fc.string({ maxLength: 6 }),
        fc.constantFrom<PatternDialect>('dash', 'fnmatch'),
        (p, s, d) => {
          expect(typeof matchPattern(p, s, d)).toBe('boolean');
          expect(typeof stripPattern(s, p, false, true, d)).toBe('string');
          expect(typeof stripPattern(s, p, true, false, d)).toBe('string');
        },
      ),
      { numRuns: 2000 },
    );
  });

  // the shell's own paths: case, pathname expansion and ${x#…} with a bracket in them
  const SHELL_SAFE = fc.constantFrom(
    '[',
    ']',
    '!',
    '^',
    '-',
    ':',
    '.',
    '=',
    'a',
    'z',
    '*',
    '?',
    '[:alpha:]',
    '[:foo:]',
    '[z-a]',
    '[\\(-!]',
  );
  const shellPattern = fc.array(SHELL_SAFE, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

  it('property: case, pathname expansion and ${x#pat} run without a crash in every shell', async () => {
    await fc.assert(
      fc.asyncProperty(shellPattern, fc.constantFrom<Which>('dash', 'bash', 'ash'), async (p, which) => {
        const m = machine(which, {}, { '/w/a': 'a', '/w/z': 'z', '/w/[a': 'x' });
        const script = `cd /w; case z in ${p}) echo y;; *) echo n;; esac; echo ${p}; x=az; echo "\${x#${p}}"`;
        const r = await runC(which, script, { machine: m });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a reversed range in the shell itself', () => {
  it.each(['dash', 'bash', 'ash'] as Which[])(
    '%s: case b in [z-a]) does not match, no crash',
    async (which) => {
      const r = await runC(
        which,
        `case b in [z-a]) echo y;; *) echo n;; esac; case b in [!z-a]) echo y;; esac; x=b.c; echo \${x%[z-a]*} \${x#[!z-a]}`,
      );
      expect([r.stdout, r.stderr, r.code]).toEqual(['n\ny\nb.c .c\n', '', 0]);
    },
  );
});

describe('each shell reads brackets its own way', () => {
  // dash 0.5.12: `^` is an ordinary member; bash and busybox: it negates, as `!` does
  it.each([
    ['dash', 'n\ny\n^\nb\n'],
    ['bash', 'y\ny\n^ b\nb\n'],
  ] as Array<[Which, string]>)('%s: case, pathname expansion and ${x%%pat} with [^a]', async (which, out) => {
    const m = machine(which, {}, { '/w/b': '', '/w/^': '' });
    const r = await runC(
      which,
      'cd /w; case b in [^a]) echo y;; *) echo n;; esac; case ^ in [^a]) echo y;; *) echo n;; esac; echo [^a]; x=b^; echo ${x%[^a]}',
      { machine: m },
    );
    expect([r.stdout, r.stderr, r.code]).toEqual([out, '', 0]);
  });
});
