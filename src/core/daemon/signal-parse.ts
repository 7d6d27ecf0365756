// moby/sys/signal as the daemon reads a signal it is sent (kill -s, stop -s, --stop-signal):
// ParseSignal (a number as strconv.Atoi reads it, or a name from SignalMap with or without
// SIG) and ValidSignalForPlatform (the number must be one of SignalMap's).
import { SIGNALS } from '../kernel/signals';

const SIGRTMIN = 34;
const SIGRTMAX = 64;

/** signal_linux.go SignalMap: the kernel's names, three aliases, and the realtime range by name. */
const SIGNAL_MAP: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>(Object.entries(SIGNALS).map(([k, v]) => [k.slice(3), v]));
  m.set('CLD', SIGNALS.SIGCHLD);
  m.set('IOT', SIGNALS.SIGABRT);
  m.set('POLL', SIGNALS.SIGIO);
  m.set('RTMIN', SIGRTMIN);
  for (let i = 1; i <= 15; i++) m.set(`RTMIN+${i}`, SIGRTMIN + i);
  for (let i = 14; i >= 1; i--) m.set(`RTMAX-${i}`, SIGRTMAX - i);
  m.set('RTMAX', SIGRTMAX);
  return m;
})();

const VALID = new Set(SIGNAL_MAP.values());

/** ParseSignal: the signal's number, or its error ("invalid signal: X"). */
export function parseMobySignal(raw: string): { sig: number } | { error: string } {
  if (/^[+-]?\d+$/.test(raw)) {
    const n = Number(raw);
    return n === 0 ? { error: `invalid signal: ${raw}` } : { sig: n };
  }
  const up = raw.toUpperCase();
  const sig = SIGNAL_MAP.get(up.startsWith('SIG') ? up.slice(3) : up);
  return sig === undefined ? { error: `invalid signal: ${raw}` } : { sig };
}

/** ParseSignal, then ValidSignalForPlatform as ContainerKill checks it. */
export function parseKillSignal(raw: string): { sig: number } | { error: string } {
  const r = parseMobySignal(raw);
  if ('error' in r || VALID.has(r.sig)) return r;
  return { error: `the linux daemon does not support signal ${r.sig}` };
}
