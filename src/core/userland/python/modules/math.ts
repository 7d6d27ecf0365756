// The math module: CPython's domain and range errors, ints kept exact.
import { builtinArgs } from '../calls';
import type { Interp } from '../interp';
import { asBigInt, isInt, isNumber, toFloat, typeName } from '../objects';
import { toArray } from '../protocols';
import { OverflowError, pyErr, TypeError, ValueError } from '../types';
import { type PyModule, type PyValue } from '../values';
import { fn, newModule } from './util';

/** A real-number argument as a float, or CPython's TypeError. */
export function num(v: PyValue | undefined, name: string): number {
  if (v === undefined || !isNumber(v))
    throw pyErr(TypeError, `must be real number, not ${v === undefined ? 'NoneType' : typeName(v)}`);
  void name;
  return toFloat(v);
}

export function mathModule(it: Interp): PyModule {
  const m = newModule(it, 'math', 0);
  const f1 = (name: string, f: (x: number) => number, domain?: (x: number) => boolean) =>
    fn(m, name, (args) => {
      const [x] = builtinArgs(name, ['x'], args, undefined);
      const v = num(x, name);
      if (domain && !domain(v)) throw pyErr(ValueError, 'math domain error');
      const r = f(v);
      if (!Number.isFinite(r) && Number.isFinite(v)) throw pyErr(OverflowError, 'math range error');
      return r;
    });
  f1('sqrt', Math.sqrt, (x) => x >= 0);
  f1('exp', Math.exp);
  f1('sin', Math.sin);
  f1('cos', Math.cos);
  f1('tan', Math.tan);
  f1('asin', Math.asin, (x) => x >= -1 && x <= 1);
  f1('acos', Math.acos, (x) => x >= -1 && x <= 1);
  f1('atan', Math.atan);
  f1('log2', Math.log2, (x) => x > 0);
  f1('log10', Math.log10, (x) => x > 0);
  f1('fabs', Math.abs);
  f1('degrees', (x) => (x * 180) / Math.PI);
  f1('radians', (x) => (x * Math.PI) / 180);
  fn(m, 'log', (args) => {
    const [x, base] = builtinArgs('log', ['x', 'base?'], args, undefined);
    const v = isInt(x!) ? Number(asBigInt(x)) : num(x, 'log');
    if (v <= 0) throw pyErr(ValueError, 'math domain error');
    return base === undefined ? Math.log(v) : Math.log(v) / Math.log(num(base, 'log'));
  });
  const toInt = (name: string, f: (x: number) => number) =>
    fn(m, name, (args) => {
      const [x] = builtinArgs(name, ['x'], args, undefined);
      if (isInt(x!)) return asBigInt(x);
      const v = num(x, name);
      if (Number.isNaN(v)) throw pyErr(ValueError, 'cannot convert float NaN to integer');
      if (!Number.isFinite(v)) throw pyErr(OverflowError, 'cannot convert float infinity to integer');
      return BigInt(f(v));
    });
  toInt('floor', Math.floor);
  toInt('ceil', Math.ceil);
  toInt('trunc', Math.trunc);
  fn(m, 'pow', (args) => num(args[0], 'pow') ** num(args[1], 'pow'));
  fn(m, 'hypot', (args) => Math.hypot(...args.map((a) => num(a, 'hypot'))));
  fn(m, 'atan2', (args) => Math.atan2(num(args[0], 'atan2'), num(args[1], 'atan2')));
  fn(m, 'isnan', (args) => Number.isNaN(num(args[0], 'isnan')));
  fn(m, 'isinf', (args) => Math.abs(num(args[0], 'isinf')) === Infinity);
  fn(m, 'isfinite', (args) => Number.isFinite(num(args[0], 'isfinite')));
  fn(m, 'isclose', (args, kw) => {
    const [a, b, rel, abs] = builtinArgs('isclose', ['a', 'b', '*rel_tol?', '*abs_tol?'], args, kw);
    const x = num(a, 'isclose');
    const y = num(b, 'isclose');
    const r = rel === undefined ? 1e-9 : num(rel, 'isclose');
    const t = abs === undefined ? 0 : num(abs, 'isclose');
    return x === y || Math.abs(x - y) <= Math.max(r * Math.max(Math.abs(x), Math.abs(y)), t);
  });
  const intArgs = (name: string, args: PyValue[]) =>
    args
      .map((a) => {
        if (!isInt(a)) throw pyErr(TypeError, `'${typeName(a)}' object cannot be interpreted as an integer`);
        return asBigInt(a);
      })
      .map((v) => (v < 0n ? -v : v));
  fn(m, 'gcd', (args) =>
    intArgs('gcd', args).reduce((a, b) => {
      while (b) [a, b] = [b, a % b];
      return a;
    }, 0n),
  );
  fn(m, 'factorial', (args) => {
    const [x] = builtinArgs('factorial', ['n'], args, undefined);
    if (!isInt(x!)) throw pyErr(TypeError, `'${typeName(x!)}' object cannot be interpreted as an integer`);
    const n = asBigInt(x);
    if (n < 0n) throw pyErr(ValueError, 'factorial() not defined for negative values');
    let r = 1n;
    for (let i = 2n; i <= n; i++) r *= i;
    return r;
  });
  fn(m, 'comb', (args) => {
    const [n, k] = intArgs('comb', args);
    if (k > n) return 0n;
    let r = 1n;
    for (let i = 0n; i < k; i++) r = (r * (n - i)) / (i + 1n);
    return r;
  });
  fn(m, 'prod', function* (args) {
    let r: PyValue = 1n;
    for (const v of yield* toArray(it, args[0]))
      r = isInt(r) && isInt(v) ? asBigInt(r) * asBigInt(v) : toFloat(r as number) * toFloat(v as number);
    return r;
  });
  fn(m, 'fsum', function* (args) {
    let s = 0;
    for (const v of yield* toArray(it, args[0])) s += num(v, 'fsum');
    return s;
  });
  m.dict.set('pi', Math.PI);
  m.dict.set('e', Math.E);
  m.dict.set('tau', 2 * Math.PI);
  m.dict.set('inf', Infinity);
  m.dict.set('nan', NaN);
  return m;
}
