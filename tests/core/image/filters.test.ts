import { describe, expect, it } from 'vitest';
import {
  getBoolOrDefault,
  matchKVList,
  parseFilters,
  parseGoDuration,
  parseTimestamp,
  validateFilters,
} from '../../../src/core/image/filters';

const f = (json: string) => {
  const r = parseFilters(json);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('filters', () => {
  it('reads both JSON shapes the daemon accepts', () => {
    expect(f('{"dangling":["true"],"reference":["python"]}')).toEqual(
      new Map([
        ['dangling', new Set(['true'])],
        ['reference', new Set(['python'])],
      ]),
    );
    expect(f('{"dangling":{"true":true}}')).toEqual(new Map([['dangling', new Set(['true'])]]));
    expect(f('')).toEqual(new Map());
    const bad = parseFilters('{"dangling":"true"}');
    expect(bad.ok ? '' : bad.message).toBe('invalid filter');
  });
  it('words its errors as filters.invalidFilter does', () => {
    expect(validateFilters(f('{"foo":["1"]}'), ['dangling'])).toBe("invalid filter 'foo'");
    const b = getBoolOrDefault(f('{"dangling":["maybe"]}'), 'dangling', false);
    expect(b.ok ? '' : b.message).toBe("invalid filter 'dangling=[maybe]'");
    const both = getBoolOrDefault(f('{"dangling":["true","false"]}'), 'dangling', false);
    expect(both.ok).toBe(false);
    const t = getBoolOrDefault(f('{"dangling":["1"]}'), 'dangling', false);
    expect(t.ok && t.value).toBe(true);
  });
  it('matches labels by key or key=value', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(matchKVList(f('{"label":["app"]}'), 'label', labels)).toBe(true);
    expect(matchKVList(f('{"label":["app=web","tier=front"]}'), 'label', labels)).toBe(true);
    expect(matchKVList(f('{"label":["app=db"]}'), 'label', labels)).toBe(false);
    expect(matchKVList(f('{"label":["app"]}'), 'label', {})).toBe(false);
    expect(matchKVList(f('{}'), 'label', {})).toBe(true);
  });
  it('parses Go durations and timestamps', () => {
    expect(parseGoDuration('24h')).toBe(86_400_000);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('10')).toBeUndefined();
    const now = Date.UTC(2026, 10, 27);
    const d = parseTimestamp('10m', now);
    expect(d.ok && d.value).toBe(now - 600_000);
    const iso = parseTimestamp('2026-11-01', now);
    expect(iso.ok && iso.value).toBe(Date.UTC(2026, 10, 1));
    const unix = parseTimestamp('1700000000', now);
    expect(unix.ok && unix.value).toBe(1_700_000_000_000);
    const bad = parseTimestamp('soon', now);
    expect(bad.ok ? '' : bad.message).toBe('failed to parse value as time or duration: "soon"');
  });
});
