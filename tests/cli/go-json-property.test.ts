// encoding/json's string literals and json.Indent, checked against JavaScript's
// own JSON on arbitrary values (the fast paths must agree with the careful ones).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goJsonString, goMarshal, goMarshalIndent } from '../../src/cli/go-json';
import { goIndent } from './go-indent';

const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '"',
      '\\',
      '<',
      '>',
      '&',
      '\n',
      '\t',
      '\x00',
      '\x1f',
      '\x7f',
      '\u2028',
      '\u2029',
      'é',
      '😀',
    ),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
});

describe('goJsonString', () => {
  it('is a JSON literal of the same text, with Go’s escapes only', () => {
    fc.assert(
      fc.property(tricky, fc.boolean(), (s, html) => {
        const lit = goJsonString(s, html);
        expect(JSON.parse(lit)).toBe(s);
        // no raw control characters, line separators or (with HTML escaping) <, >, &
        expect([...lit].some((ch) => ch < ' ' || ch === '\u2028' || ch === '\u2029')).toBe(false);
        if (html) expect(/[<>&]/.test(lit)).toBe(false);
        else expect(lit.includes('\\u003c')).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('replaces lone surrogates as Go does with invalid UTF-8', () => {
    expect(goJsonString('a\ud800b', false)).toBe('"a\ufffdb"');
    expect(goJsonString('😀', false)).toBe('"😀"');
  });
});

describe('goIndent', () => {
  it('lays JSON out as JSON.stringify does with the same indent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('    ', '  ', '\t'), (v, indent) => {
        expect(goIndent(JSON.stringify(v), indent)).toBe(JSON.stringify(v, null, indent));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('goMarshalIndent', () => {
  /** JSON values with what goMarshal drops or writes as null mixed in, and keys to escape. */
  const loose = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      tricky,
      fc.constantFrom(undefined, NaN, Infinity, new Map([['a', 1]])),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
    ),
  }));

  it('writes what json.Indent makes of goMarshal’s text', () => {
    fc.assert(
      fc.property(loose.value, fc.constantFrom('    ', '  ', '\t'), fc.boolean(), (v, indent, html) => {
        expect(goMarshalIndent(v, indent, html)).toBe(goIndent(goMarshal(v, html), indent));
      }),
      { numRuns: 3000 },
    );
  });
});
