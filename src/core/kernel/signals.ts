// Linux signal numbers and default actions (signal(7)), and parsing of the
// names docker and kill accept: "TERM", "SIGTERM", "15".

export const SIGNALS = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
} as const;

export type SignalName = keyof typeof SIGNALS;
export type Signal = number;

export const SIGINT = SIGNALS.SIGINT;
export const SIGKILL = SIGNALS.SIGKILL;
export const SIGTERM = SIGNALS.SIGTERM;
export const SIGSTOP = SIGNALS.SIGSTOP;
export const SIGCONT = SIGNALS.SIGCONT;
export const SIGCHLD = SIGNALS.SIGCHLD;
export const SIGPIPE = SIGNALS.SIGPIPE;

export type DefaultAction = 'term' | 'core' | 'ign' | 'stop' | 'cont';

const IGNORED = new Set<number>([SIGNALS.SIGCHLD, SIGNALS.SIGURG, SIGNALS.SIGWINCH]);
const CORE = new Set<number>([
  SIGNALS.SIGQUIT, SIGNALS.SIGILL, SIGNALS.SIGTRAP, SIGNALS.SIGABRT, SIGNALS.SIGBUS,
  SIGNALS.SIGFPE, SIGNALS.SIGSEGV, SIGNALS.SIGXCPU, SIGNALS.SIGXFSZ, SIGNALS.SIGSYS,
]);
const STOP = new Set<number>([SIGNALS.SIGSTOP, SIGNALS.SIGTSTP, SIGNALS.SIGTTIN, SIGNALS.SIGTTOU]);

export function defaultAction(sig: Signal): DefaultAction {
  if (IGNORED.has(sig)) return 'ign';
  if (sig === SIGCONT) return 'cont';
  if (STOP.has(sig)) return 'stop';
  if (CORE.has(sig)) return 'core';
  return 'term';
}

const BY_NUMBER = new Map<number, SignalName>(
  Object.entries(SIGNALS).map(([k, v]) => [v, k as SignalName]),
);

export function signalName(sig: Signal): SignalName | undefined {
  return BY_NUMBER.get(sig);
}

/** "TERM", "sigterm", "SIGTERM" or "15" -> 15; undefined when not a signal. */
export function parseSignal(s: string): Signal | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 64 ? n : undefined;
  }
  const up = t.toUpperCase();
  const name = (up.startsWith('SIG') ? up : `SIG${up}`) as SignalName;
  return SIGNALS[name];
}
