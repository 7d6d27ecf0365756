// Python generators: a generator function's body, or a generator
// expression's loop, suspended between values. The evaluation yields its
// values (YieldOut) up to next(), which hands them out one at a time and
// passes the interpreter's own waits (sleep, input) further up.
import type { Frame } from './frame';
import type { Interp } from './interp';
import { pyErr, ValueError } from './types';
import { None, PyIterator, YieldOut, type Gen, type PyValue } from './values';

type Step = IteratorResult<PyValue>;
const DONE: Step = { done: true, value: undefined };

export function makeGenerator(it: Interp, frame: Frame, body: () => Gen<unknown>, label: string): PyIterator {
  let inner: Gen<unknown> | undefined;
  let finished = false;
  let running = false;
  const next = function* (): Gen<Step> {
    if (finished) return DONE;
    if (running) throw pyErr(ValueError, 'generator already executing');
    inner ??= body();
    const saved = it.frame;
    frame.parent = saved;
    frame.depth = (saved?.depth ?? 0) + 1;
    it.frame = frame;
    running = true;
    // what the paused `yield` evaluates to when resumed (send() is not simulated: always None)
    let input: { err: false; v: unknown } | { err: true; e: unknown } = { err: false, v: None };
    try {
      for (;;) {
        const r: IteratorResult<Promise<unknown> | YieldOut, unknown> = input.err
          ? inner.throw(input.e)
          : inner.next(input.v);
        if (r.done) {
          finished = true;
          return DONE;
        }
        if (r.value instanceof YieldOut) return { done: false, value: r.value.value };
        try {
          input = { err: false, v: yield r.value };
        } catch (e) {
          input = { err: true, e };
        }
      }
    } catch (e) {
      finished = true;
      throw e;
    } finally {
      running = false;
      it.frame = saved;
    }
  };
  return new PyIterator(next, 'generator', label);
}
