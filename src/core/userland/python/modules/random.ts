// The random module, seeded from the world (the clock, the process) rather than
// the wall clock, so a run replays the same in tests and permalinks.
import { builtinArgs } from '../calls';
import type { Interp } from '../interp';
import { asBigInt, isInt, typeName } from '../objects';
import { toArray } from '../protocols';
import { str } from '../repr';
import { IndexError, pyErr, TypeError, ValueError } from '../types';
import { None, PyList, type PyModule, type PyValue } from '../values';
import { seededRandom, type Random } from '../../../random';
import { sha256Hex } from '../../../hash';
import { num } from './math';
import { fn, newModule } from './util';

/** Seeded from the world (the clock and the process), so a run replays the same in tests and permalinks. */
export function randomModule(it: Interp): PyModule {
  const m = newModule(it, 'random', 200_000);
  const seedOf = (s: string) => parseInt(sha256Hex(s).slice(0, 8), 16);
  let rng: Random = seededRandom(
    seedOf(`${it.ctx.kernel.clock.now()}:${it.ctx.proc.pid}:${it.ctx.ns.uts.hostname}`),
  );
  const below = (n: bigint): bigint => {
    if (n <= 0n) throw pyErr(ValueError, 'empty range in randrange()');
    if (n <= 2n ** 32n) return BigInt(Math.floor(rng.next() * Number(n)));
    let r = 0n;
    for (let k = 0; k < n.toString(2).length; k += 32)
      r = (r << 32n) | BigInt(Math.floor(rng.next() * 2 ** 32));
    return r % n;
  };
  fn(m, 'seed', function* (args) {
    const [a] = builtinArgs('seed', ['a?', 'version?'], args, undefined);
    rng = seededRandom(
      seedOf(a === undefined || a === None ? String(it.ctx.kernel.clock.now()) : yield* str(it, a)),
    );
    return None;
  });
  fn(m, 'random', () => rng.next());
  fn(m, 'uniform', (args) => {
    const a = num(args[0], 'uniform');
    const b = num(args[1], 'uniform');
    return a + (b - a) * rng.next();
  });
  fn(m, 'randint', (args) => {
    const [a, b] = builtinArgs('randint', ['a', 'b'], args, undefined);
    if (!isInt(a!) || !isInt(b!))
      throw pyErr(TypeError, `'${typeName(isInt(a!) ? b! : a!)}' object cannot be interpreted as an integer`);
    const lo = asBigInt(a);
    const hi = asBigInt(b);
    if (hi < lo) throw pyErr(ValueError, `empty range in randrange(${lo}, ${hi + 1n})`);
    return lo + below(hi - lo + 1n);
  });
  fn(m, 'randrange', (args) => {
    const ints = args.map((a) => {
      if (!isInt(a)) throw pyErr(TypeError, `'${typeName(a)}' object cannot be interpreted as an integer`);
      return asBigInt(a);
    });
    const [start, stop, step] = ints.length === 1 ? [0n, ints[0], 1n] : [ints[0], ints[1], ints[2] ?? 1n];
    const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
    if (n <= 0n) throw pyErr(ValueError, `empty range in randrange(${ints.join(', ')})`);
    return start + step * below(n);
  });
  fn(m, 'choice', function* (args) {
    const items = yield* toArray(it, args[0]);
    if (!items.length) throw pyErr(IndexError, 'Cannot choose from an empty sequence');
    return items[Number(below(BigInt(items.length)))];
  });
  fn(m, 'choices', function* (args, kw) {
    const [pop, , , k] = builtinArgs('choices', ['population', 'weights?', '*cum_weights?', '*k?'], args, kw);
    const items = yield* toArray(it, pop!);
    const n = k === undefined ? 1 : Number(asBigInt(k as bigint));
    return new PyList(Array.from({ length: n }, () => items[Number(below(BigInt(items.length)))]));
  });
  fn(m, 'shuffle', (args) => {
    const l = args[0];
    if (!(l instanceof PyList))
      throw pyErr(TypeError, `'${typeName(l)}' object does not support item assignment`);
    for (let i = l.items.length - 1; i > 0; i--) {
      const j = Number(below(BigInt(i + 1)));
      [l.items[i], l.items[j]] = [l.items[j], l.items[i]];
    }
    return None;
  });
  fn(m, 'sample', function* (args, kw) {
    const [pop, kv] = builtinArgs('sample', ['population', 'k'], args, kw);
    const items = yield* toArray(it, pop!);
    const k = Number(asBigInt(kv as bigint));
    if (k > items.length || k < 0) throw pyErr(ValueError, 'Sample larger than population or is negative');
    const pool = [...items];
    const out: PyValue[] = [];
    for (let i = 0; i < k; i++) out.push(pool.splice(Number(below(BigInt(pool.length))), 1)[0]);
    return new PyList(out);
  });
  return m;
}
