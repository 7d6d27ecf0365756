// go-units vectors from the reference (§1.7) and Go's strconv %g rules.
import { describe, expect, it } from 'vitest';
import { bytesSize, humanDuration, humanSize, humanSizeWithPrecision } from '../../src/cli/units';
import { formatFloatV, formatG } from '../../src/cli/go-float';

describe('humanDuration', () => {
  const cases: Array<[number, string]> = [
    [0, 'Less than a second'],
    [0.5, 'Less than a second'],
    [1, '1 second'],
    [2, '2 seconds'],
    [59, '59 seconds'],
    [60, 'About a minute'],
    [119, 'About a minute'],
    [120, '2 minutes'],
    [3599, '59 minutes'],
    [3600, 'About an hour'],
    [5399, 'About an hour'],
    [5400, '2 hours'],
    [86399, '24 hours'],
    [172799, '2 days'],
    [1209600, '2 weeks'],
    [5184000, '2 months'],
    [63071999, '1 years'],
    [63072000, '2 years'],
  ];
  it.each(cases)('%s s -> %s', (s, want) => {
    expect(humanDuration(s * 1000)).toBe(want);
  });
  it('negative durations (clock skew) read as less than a second', () => {
    expect(humanDuration(-5000)).toBe('Less than a second');
  });
});

describe('sizes', () => {
  const cases: Array<[number, string, string, string]> = [
    [0, '0B', '0B', '0B'],
    [999, '999B', '999B', '999B'],
    [1000, '1kB', '1kB', '1000B'],
    [1024, '1.02kB', '1.024kB', '1KiB'],
    [1500, '1.5kB', '1.5kB', '1.465KiB'],
    [999500, '1e+03kB', '999.5kB', '976.1KiB'],
    [1000000, '1MB', '1MB', '976.6KiB'],
    [7340032, '7.34MB', '7.34MB', '7MiB'],
    [72800000, '72.8MB', '72.8MB', '69.43MiB'],
    [1073741824, '1.07GB', '1.074GB', '1GiB'],
  ];
  it.each(cases)('%s bytes', (n, p3, h, b) => {
    expect(humanSizeWithPrecision(n, 3)).toBe(p3);
    expect(humanSize(n)).toBe(h);
    expect(bytesSize(n)).toBe(b);
  });
  it('pull progress sizes from transcript 23', () => {
    expect(humanSize(36450)).toBe('36.45kB');
    expect(humanSize(1067000)).toBe('1.067MB');
    expect(humanSize(322400)).toBe('322.4kB');
    expect(humanSize(98304)).toBe('98.3kB');
    expect(humanSize(3678)).toBe('3.678kB');
    expect(humanSize(320)).toBe('320B');
  });
});

describe('formatG (strconv g)', () => {
  it('drops trailing zeros and uses two-digit exponents', () => {
    expect(formatG(1.5, 3)).toBe('1.5');
    expect(formatG(100, 3)).toBe('100');
    expect(formatG(10, 3)).toBe('10');
    expect(formatG(999.5, 3)).toBe('1e+03');
    expect(formatG(123456, 3)).toBe('1.23e+05');
    expect(formatG(0.0001234, 3)).toBe('0.000123');
    expect(formatG(0.00001234, 3)).toBe('1.23e-05');
  });
  it('rounds exact ties to even, as Go does', () => {
    expect(formatG(1.125, 3)).toBe('1.12');
    expect(formatG(1.375, 3)).toBe('1.38');
    expect(formatG(2.5, 1)).toBe('2');
    expect(formatG(3.5, 1)).toBe('4');
  });
  it('%v of float64 uses shortest digits and %e from 1e+06', () => {
    expect(formatFloatV(1e6)).toBe('1e+06');
    expect(formatFloatV(123456)).toBe('123456');
    expect(formatFloatV(0.1)).toBe('0.1');
    expect(formatFloatV(2680743.5)).toBe('2.6807435e+06');
    expect(formatFloatV(0)).toBe('0');
  });
});

describe('formatG properties', () => {
  it('has the value of toPrecision, no trailing zeros, and %e exactly when Go switches to it', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e12, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (x, p) => {
          const s = formatG(x, p);
          const ref = x.toPrecision(p);
          // ties can round differently (Go: half to even on the exact value); the value is otherwise the same
          const tie =
            /5$/.test(x.toPrecision(p + 1)) && Number(x.toPrecision(30)) === Number(x.toPrecision(p + 1));
          if (!tie) expect(Number(s)).toBe(Number(ref));
          const [mant, exp] = s.split('e');
          if (mant.includes('.')) expect(mant).not.toMatch(/0$/);
          const e = Math.floor(Math.log10(Number(s)));
          expect(exp !== undefined).toBe(e < -4 || e >= p);
          if (exp !== undefined) expect(exp).toMatch(/^[+-]\d{2,}$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
