// list.sort / sorted: a stable merge sort whose comparisons may run Python
// code (key functions, user __lt__), comparing with `<` only as CPython does.
import { compare } from './compare';
import { None, type Gen, type PyValue, type Rt } from './values';

export function* sortValues(
  rt: Rt,
  items: PyValue[],
  key: PyValue | undefined,
  reverse: boolean,
): Gen<PyValue[]> {
  const keys: PyValue[] = [];
  for (const x of items) keys.push(key !== undefined && key !== None ? yield* rt.call(key, [x]) : x);
  let idx = items.map((_, i) => i);
  // reverse keeps stability: equal elements keep their order
  const less = function* (a: number, b: number): Gen<boolean> {
    return reverse ? yield* compare(rt, '<', keys[b], keys[a]) : yield* compare(rt, '<', keys[a], keys[b]);
  };
  for (let width = 1; width < idx.length; width *= 2) {
    const out: number[] = [];
    for (let lo = 0; lo < idx.length; lo += 2 * width) {
      const mid = Math.min(lo + width, idx.length);
      const hi = Math.min(lo + 2 * width, idx.length);
      let i = lo;
      let j = mid;
      while (i < mid && j < hi) {
        if (yield* less(idx[j], idx[i])) out.push(idx[j++]);
        else out.push(idx[i++]);
      }
      while (i < mid) out.push(idx[i++]);
      while (j < hi) out.push(idx[j++]);
    }
    idx = out;
  }
  return idx.map((i) => items[i]);
}
