// Go's strconv float formatting for the verbs Docker output depends on (%g with a
// precision, %v of a float64), so sizes read `1.5kB` and `1e+03kB` exactly as Go prints them.

/** Exact decimal digits of x (x > 0, finite): digits without leading zeros and the decimal point position. */
function exactDigits(x: number): { d: string; dp: number } {
  // toPrecision(100) is exact for every double whose expansion has at most 100
  // significant digits, which covers all the magnitudes a CLI prints.
  const [mant, expStr] = x.toExponential(99).split('e');
  const digits = mant.replace('.', '').replace(/0+$/, '');
  return { d: digits || '0', dp: Number(expStr) + 1 };
}

/** Round a digit string to n significant digits, half to even on exact ties (as Go's decimal.Round). */
function roundDigits(d: string, dp: number, n: number): { d: string; dp: number } {
  if (n >= d.length) return { d, dp };
  if (n < 0) return { d: '0', dp: 1 };
  const next = d.charCodeAt(n) - 48;
  let up: boolean;
  if (next === 5 && n + 1 === d.length) up = n > 0 && (d.charCodeAt(n - 1) - 48) % 2 === 1;
  else up = next >= 5;
  let kept = d.slice(0, n);
  if (up) {
    let i = kept.length - 1;
    const arr = kept.split('');
    while (i >= 0 && arr[i] === '9') {
      arr[i] = '0';
      i--;
    }
    if (i < 0) {
      arr.unshift('1');
      arr.pop();
      dp++;
    } else arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
    kept = arr.join('');
  }
  kept = kept.replace(/0+$/, '');
  return { d: kept || '0', dp: kept ? dp : 1 };
}

function fmtE(neg: boolean, d: string, dp: number, prec: number): string {
  let s = neg ? '-' : '';
  s += d[0] ?? '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += d[i] ?? '0';
  }
  const exp = d === '0' ? 0 : dp - 1;
  const abs = Math.abs(exp);
  return `${s}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(neg: boolean, d: string, dp: number, prec: number): string {
  let s = neg ? '-' : '';
  if (dp > 0) {
    for (let i = 0; i < dp; i++) s += d[i] ?? '0';
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = dp + i;
      s += j >= 0 && j < d.length ? d[j] : '0';
    }
  }
  return s;
}

/**
 * strconv.FormatFloat(x, 'g', prec, 64); prec < 0 means shortest (as %v does).
 * Trailing zeros never appear; the exponent has at least two digits.
 */
export function formatG(x: number, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  let d: string;
  let dp: number;
  const shortest = prec < 0;
  if (ax === 0) {
    d = '0';
    dp = 1;
  } else if (shortest) {
    // JS shortest round-trip digits equal Go's shortest digits.
    const [m, e] = ax.toExponential().split('e');
    d = m.replace('.', '').replace(/0+$/, '') || '0';
    dp = Number(e) + 1;
  } else {
    const ex = exactDigits(ax);
    ({ d, dp } = roundDigits(ex.d, ex.dp, prec === 0 ? 1 : prec));
  }
  if (ax === 0) {
    d = '0';
    dp = 1;
  }
  let p = shortest ? d.length : prec === 0 ? 1 : prec;
  let eprec = p;
  if (eprec > d.length && d.length >= dp) eprec = d.length;
  if (shortest) eprec = 6;
  const exp = dp - 1;
  if (ax !== 0 && (exp < -4 || exp >= eprec)) {
    if (p > d.length) p = d.length;
    return fmtE(neg, d, dp, p - 1);
  }
  if (ax === 0 && !shortest) return neg ? '-0' : '0';
  if (p > dp) p = d.length;
  return fmtF(neg, d, dp, Math.max(p - dp, 0));
}

/** fmt's %v of a float64 (shortest digits, %e from exponent -5 or 6 up): fmt.Println(1e6) is "1e+06". */
export function formatFloatV(x: number): string {
  return formatG(x, -1);
}
