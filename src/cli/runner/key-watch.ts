// Key sequences a program asks the terminal to watch for, before the line
// discipline sees them: docker's detach keys (Ctrl-P Ctrl-Q) while attached
// to a container. The front end (the page, the runner) passes every key
// through `filterKeys`; a watched sequence fires its callback and is
// swallowed, a prefix of one is held until the next key decides.
import type { Tty } from '../../core/kernel/tty';

interface Watch {
  keys: string;
  cb: () => void;
}

const watches = new WeakMap<Tty, Set<Watch>>();
const held = new WeakMap<Tty, string>();

/** Call `cb` when `keys` are typed on `tty`; returns the unsubscribe function. */
export function watchKeys(tty: Tty, keys: string, cb: () => void): () => void {
  if (keys === '') return () => undefined;
  let set = watches.get(tty);
  if (!set) watches.set(tty, (set = new Set()));
  const w: Watch = { keys, cb };
  set.add(w);
  return () => {
    set.delete(w);
    if (set.size === 0) held.delete(tty);
  };
}

/**
 * Typed input as the line discipline should see it: watched sequences
 * removed (their callbacks run), a pending prefix kept back.
 */
export function filterKeys(tty: Tty, data: string): string {
  const set = watches.get(tty);
  if (!set || set.size === 0) return data;
  let out = '';
  let pending = held.get(tty) ?? '';
  for (const ch of data) {
    pending += ch;
    const full = [...set].find((w) => w.keys === pending);
    if (full) {
      pending = '';
      full.cb();
      continue;
    }
    if ([...set].some((w) => w.keys.startsWith(pending))) continue;
    // not a watched sequence after all: the held keys are ordinary input
    out += pending;
    pending = '';
  }
  held.set(tty, pending);
  return out;
}
