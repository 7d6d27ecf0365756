// round() as CPython computes it: half to even, on the exact decimal value of
// a float (round(2.675, 2) is 2.67), and on ints with negative digits.
import { builtinArgs } from './calls';
import { asBigInt, isInt, typeName } from './objects';
import { BUILTIN_TYPES, None, type PyValue } from './values';
import { pyErr, TypeError, ValueError } from './types';

export function pyRound(args: PyValue[], kw: Map<string, PyValue>): PyValue {
  const [x, nd] = builtinArgs('round', ['number', 'ndigits?'], args, kw);
  if (isInt(x!)) {
    if (nd === undefined || nd === None) return asBigInt(x as bigint);
    const d = asBigInt(nd as bigint);
    if (d >= 0n) return asBigInt(x as bigint);
    const p = 10n ** -d;
    const n = asBigInt(x as bigint);
    const q = n / p;
    const r = n - q * p;
    const half = p / 2n;
    let res = q;
    if (r > half || (r === half && q % 2n !== 0n)) res = q + 1n;
    if (r < -half || (r === -half && q % 2n !== 0n)) res = q - 1n;
    return res * p;
  }
  if (typeof x !== 'number') throw pyErr(TypeError, `type ${typeName(x!)} doesn't define __round__ method`);
  if (nd === undefined || nd === None) {
    if (!Number.isFinite(x))
      throw pyErr(
        Number.isNaN(x) ? ValueError : BUILTIN_TYPES.OverflowError,
        Number.isNaN(x) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer',
      );
    return BigInt(roundHalfEven(x));
  }
  const d = Number(asBigInt(nd as bigint));
  return roundDigits(x, d);
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** round(x, n) as CPython does it: on the exact decimal value of x. */
function roundDigits(x: number, n: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (n > 300) return x;
  if (n < -308) return 0 * x;
  // CPython rounds the correctly rounded decimal string: use toFixed for n >= 0 when exact enough
  if (n >= 0 && n <= 100) {
    const s = exactDecimal(Math.abs(x));
    const [ip, fp = ''] = s.split('.');
    if (fp.length <= n) return x;
    const keep = ip + fp.slice(0, n);
    const rest = fp.slice(n);
    let digits = BigInt(keep);
    const first = rest[0];
    const tail = rest.slice(1);
    if (first > '5' || (first === '5' && (/[1-9]/.test(tail) || digits % 2n === 1n))) digits += 1n;
    const r = Number(digits) / 10 ** n;
    return x < 0 ? -r : r;
  }
  const p = 10 ** -n;
  return roundHalfEven(x / p) * p;
}

/** The exact decimal expansion of a double (every binary fraction is a finite decimal). */
function exactDecimal(x: number): string {
  if (Number.isInteger(x)) return BigInt(x).toString();
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  const num = BigInt(m) * 5n ** BigInt(e);
  const s = num.toString().padStart(e + 1, '0');
  return `${s.slice(0, s.length - e)}.${s.slice(s.length - e)}`;
}
