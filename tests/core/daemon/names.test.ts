import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random';
import { generateId, generateName, getRandomName, validateName } from '../../../src/core/daemon/names';
import words from '../../../src/core/daemon/names-words.json';

describe('names generator', () => {
  it('makes adjective_surname from the real word lists, a digit on retries', () => {
    const r = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const [l, rr] = getRandomName(r, 0).split('_');
      expect(words.left).toContain(l);
      expect(words.right).toContain(rr);
    }
    expect(getRandomName(r, 1)).toMatch(/^[a-z]+_[a-z]+\d$/);
  });

  it('falls back to the short id after six taken names', () => {
    const id = generateId(seededRandom(1));
    expect(generateName(seededRandom(1), () => true, id)).toBe(id.slice(0, 12));
    expect(generateName(seededRandom(1), (n) => !/\d$/.test(n), id)).toMatch(/\d$/);
  });

  it('never makes an id whose first 12 characters are all digits', () => {
    // a Random that first yields only digits, then anything
    let n = 0;
    const r = { next: () => (n++ < 64 ? 0.1 : seededRandom(n).next()) };
    const id = generateId(r);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id.slice(0, 12)).not.toMatch(/^\d{12}$/);
  });

  it('validates user names with the daemon text', () => {
    expect(validateName('my-app')).toBeUndefined();
    expect(validateName('a')).toBe('Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
    expect(validateName('-x')).toMatch(/^Invalid container name \(-x\)/);
  });
});
