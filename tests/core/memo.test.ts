import { describe, expect, it } from 'vitest';
import { memoByKey } from '../../src/core/memo';

describe('memoByKey', () => {
  it('makes each value once while it is kept, and starts again past its limit', () => {
    const made: string[] = [];
    const upper = memoByKey(3, (k) => {
      made.push(k);
      return k.toUpperCase();
    });
    expect(['a', 'b', 'a', 'c', 'b'].map(upper)).toEqual(['A', 'B', 'A', 'C', 'B']);
    expect(made).toEqual(['a', 'b', 'c']);
    // a fourth key empties the map first: 'a' is made again afterwards
    expect(upper('d')).toBe('D');
    expect(upper('a')).toBe('A');
    expect(made).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});
