import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FramedDurations, humanDuration, humanDurationUntil } from '../../src/core/human-duration';

const HOUR = 3_600_000;

describe('humanDuration (go-units HumanDuration)', () => {
  it.each([
    [-5_000, 'Less than a second'],
    [999, 'Less than a second'],
    [1_000, '1 second'],
    [59_999, '59 seconds'],
    [60_000, 'About a minute'],
    [119_999, 'About a minute'],
    [120_000, '2 minutes'],
    [HOUR - 1, '59 minutes'],
    [HOUR, 'About an hour'],
    [1.5 * HOUR - 1, 'About an hour'],
    [1.5 * HOUR, '2 hours'],
    [47.5 * HOUR - 1, '47 hours'],
    [47.5 * HOUR, '2 days'],
    [335.5 * HOUR, '2 weeks'],
    [1439.5 * HOUR, '2 months'],
    [17519.5 * HOUR, '1 years'],
    [17520 * HOUR, '2 years'],
  ])('%d ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('humanDurationUntil', () => {
  const durations = fc.oneof(
    fc.integer({ min: -10_000, max: 3 * HOUR }),
    fc.integer({ min: 0, max: 4 * 8760 * HOUR }),
  );

  it('the text holds up to the boundary and changes at it', () => {
    fc.assert(
      fc.property(durations, fc.double({ min: 0, max: 1, noNaN: true }), (ms, f) => {
        const until = humanDurationUntil(ms);
        expect(until).toBeGreaterThan(ms);
        const text = humanDuration(ms);
        expect(humanDuration(until - 1)).toBe(text);
        expect(humanDuration(Math.floor(ms + f * (until - 1 - ms)))).toBe(text);
        expect(humanDuration(until)).not.toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds each boundary of the table exactly', () => {
    for (const edge of [
      1_000,
      2_000,
      60_000,
      120_000,
      HOUR,
      1.5 * HOUR,
      47.5 * HOUR,
      335.5 * HOUR,
      1439.5 * HOUR,
      17519.5 * HOUR,
      17520 * HOUR,
    ])
      expect(humanDurationUntil(edge - 1)).toBe(edge);
  });
});

describe('FramedDurations', () => {
  it('frames each text once and hands out that string again', () => {
    let made = 0;
    const up = new FramedDurations((t) => {
      made++;
      return `Up ${t}`;
    });
    expect(up.get(humanDuration(30_000))).toBe('Up 30 seconds');
    expect(up.get(humanDuration(30_999))).toBe('Up 30 seconds');
    expect(made).toBe(1);
    expect(up.get('About a minute')).toBe('Up About a minute');
    expect(made).toBe(2);
  });

  it('stays right past its bound', () => {
    const ago = new FramedDurations((t) => `${t} ago`);
    for (let i = 0; i < 600; i++) expect(ago.get(String(i))).toBe(`${i} ago`);
    expect(ago.get('5 seconds')).toBe('5 seconds ago');
  });
});
