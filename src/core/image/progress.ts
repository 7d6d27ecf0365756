// The daemon's progress strings: go-units HumanSize (Go's %g, rounding half to
// even on exact ties) and jsonmessage.JSONProgress.String, the bar the daemon
// puts in every Downloading/Extracting message.

/** Go's fmt %.<p>g: p significant digits, trailing zeros dropped, e+XX when the exponent is >= p or < -4. */
export function formatG(x: number, p: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0;
  // toExponential(99) is the exact binary value for the magnitudes we meet
  const [mant, expStr] = Math.abs(x).toExponential(99).split('e');
  let exp = Number(expStr);
  const digits = mant.replace('.', '').split('').map(Number);
  const kept = digits.slice(0, p);
  const rest = digits.slice(p);
  let roundUp = false;
  if (rest.length > 0) {
    if (rest[0] > 5) roundUp = true;
    else if (rest[0] === 5) {
      const exactHalf = rest.slice(1).every((d) => d === 0);
      roundUp = exactHalf ? kept[kept.length - 1] % 2 === 1 : true;
    }
  }
  if (roundUp) {
    let i = kept.length - 1;
    while (i >= 0) {
      kept[i]++;
      if (kept[i] < 10) break;
      kept[i] = 0;
      i--;
    }
    if (i < 0) {
      kept.unshift(1);
      kept.pop();
      exp++;
    }
  }
  let out: string;
  if (exp < -4 || exp >= p) {
    let m = String(kept[0]);
    const frac = kept.slice(1).join('').replace(/0+$/, '');
    if (frac) m += `.${frac}`;
    const e = Math.abs(exp);
    out = `${m}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  } else if (exp >= 0) {
    const int = kept.slice(0, exp + 1).join('');
    const frac = kept
      .slice(exp + 1)
      .join('')
      .replace(/0+$/, '');
    out = frac ? `${int}.${frac}` : int;
  } else {
    const frac = `${'0'.repeat(-exp - 1)}${kept.join('')}`.replace(/0+$/, '');
    out = `0.${frac}`;
  }
  return neg ? `-${out}` : out;
}

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, units: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]];
}

/** go-units HumanSizeWithPrecision: decimal units, no space (`72.8MB`). */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [v, unit] = sizeAndUnit(size, 1000, DECIMAL_UNITS);
  return formatG(v, precision) + unit;
}

/** go-units HumanSize: four significant digits (`1.067MB`). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** go-units BytesSize: binary units (`69.43MiB`). */
export function bytesSize(size: number): string {
  const [v, unit] = sizeAndUnit(size, 1024, BINARY_UNITS);
  return formatG(v, 4) + unit;
}

/** fmt's %8v on a string: right-aligned in 8 columns. */
function pad8(s: string): string {
  return s.length >= 8 ? s : ' '.repeat(8 - s.length) + s;
}

/**
 * JSONProgress.String as the daemon computes it (no terminal, so width 200:
 * the bar is always there): `[=====>    ]  24.77MB/49.56MB`.
 */
export function progressString(current: number, total: number, width = 200): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return pad8(humanSize(current));
  let percentage = Math.floor(Math.floor((current / total) * 100) / 2);
  if (percentage > 50) percentage = 50;
  let bar = '';
  if (width > 110) {
    const spaces = Math.max(0, 50 - percentage);
    bar = `[${'='.repeat(percentage)}>${' '.repeat(spaces)}] `;
  }
  const cur = humanSize(current);
  const numbers = current > total ? pad8(cur) : `${pad8(cur)}/${humanSize(total)}`;
  return bar + numbers;
}
