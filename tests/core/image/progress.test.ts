import { describe, expect, it } from 'vitest';
import {
  bytesSize,
  formatG,
  humanSize,
  humanSizeWithPrecision,
  progressString,
} from '../../../src/core/image/progress';

describe('go-units sizes', () => {
  it.each([
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
  ])('%d bytes → %s | %s | %s', (n, p3, hs, bs) => {
    expect(humanSizeWithPrecision(n, 3)).toBe(p3);
    expect(humanSize(n)).toBe(hs);
    expect(bytesSize(n)).toBe(bs);
  });

  it('formats like Go %g', () => {
    expect(formatG(1.125, 3)).toBe('1.12'); // exact tie: half to even
    expect(formatG(1.375, 3)).toBe('1.38');
    expect(formatG(0.5, 3)).toBe('0.5');
    expect(formatG(0.0001234, 3)).toBe('0.000123');
    expect(formatG(0.00001234, 3)).toBe('1.23e-05');
    expect(formatG(123456, 3)).toBe('1.23e+05');
    expect(formatG(9.996, 3)).toBe('10');
    expect(formatG(99.96, 3)).toBe('100');
    expect(formatG(999.96, 3)).toBe('1e+03');
  });
});

describe('progress bar', () => {
  it('renders the transcript examples', () => {
    expect(progressString(540672, 49560684)).toBe(
      '[>                                                  ]  540.7kB/49.56MB',
    );
    expect(progressString(24770000, 49560684)).toBe(
      '[========================>                          ]  24.77MB/49.56MB',
    );
    expect(progressString(320, 320)).toBe(
      '[==================================================>]     320B/320B',
    );
    expect(progressString(36450, 1067000)).toBe(
      '[=>                                                 ]  36.45kB/1.067MB',
    );
  });
  it('drops the bar on narrow terminals and the total when current overshoots', () => {
    expect(progressString(500, 1000, 80)).toBe('    500B/1kB');
    expect(progressString(2000, 1000)).toBe('[==================================================>]      2kB');
    expect(progressString(0, 0)).toBe('');
  });
});
