// The three shells the images carry — Debian's dash (/bin/sh), GNU bash and
// busybox ash (Alpine's /bin/sh) — are one interpreter here; this file holds
// where they differ: message wording and prefixes, echo, fork/exec habits.
import type { PatternDialect } from './pattern';

export type FlavourName = 'dash' | 'bash' | 'ash';

/** Who is speaking and where, for an error message's prefix. */
export interface MessageSite {
  /** $0 of the shell: "sh", "/bin/sh", a script's path, or -c's command_name. */
  arg0: string;
  /** Line of the command being run (1-based). */
  line: number;
  interactive: boolean;
  /** The script being run (dash and ash repeat it after the line number). */
  script?: string;
}

export interface Flavour {
  readonly name: FlavourName;
  /** `echo` interprets backslash escapes without -e (dash). */
  readonly echoEscapes: boolean;
  /** `echo` takes -e/-E (bash, busybox). */
  readonly echoOptions: boolean;
  /** Arithmetic `**`, `++`, `--` and `,` (bash, busybox). */
  readonly arithExtensions: boolean;
  /** ${x/a/b}, ${x:1:2} (bash, busybox). */
  readonly substExtensions: boolean;
  /** How glob brackets read: dash's own matcher (`^` is no negation) or fnmatch's (bash, busybox). */
  readonly patterns: PatternDialect;
  /** `&>file` is a redirection, not `&` then `>file` (bash, busybox). */
  readonly ampRedirect: boolean;
  /** `[[ … ]]` and `source` exist. */
  readonly bashisms: boolean;
  /**
   * The last simple command of `sh -c` replaces the shell (execve without fork).
   * bash does it; busybox ash does it (evalstring(minusc, EV_EXIT)). Upstream
   * dash ≥ 0.5.11 does too, but Debian's dash carries a patch that turns it
   * off (strace of `sh -c 'grep …'` on Debian shows a clone()), so PID 1 of a
   * Debian shell-form CMD stays `/bin/sh -c …`.
   */
  readonly execLastOfC: boolean;
  /** Resident memory of the shell, charged to the cgroup for every fork. */
  readonly rss: number;
  /** Prefix of every diagnostic, ending in ": ". `builtin` names the builtin speaking. */
  prefix(site: MessageSite, builtin?: string): string;
  /** Status and message when fork fails (EAGAIN under pids.max). */
  readonly forkFailure: { message: string; status: number };
  notFound(name: string): string;
}

const dash: Flavour = {
  name: 'dash',
  patterns: 'dash',
  echoEscapes: true,
  echoOptions: false,
  arithExtensions: false,
  substExtensions: false,
  ampRedirect: false,
  bashisms: false,
  execLastOfC: false,
  rss: 700 * 1024,
  // exvwarning2(): "%s: %d: " then the command name (script or builtin) when there is one
  prefix: (s, builtin) => {
    const who = builtin ?? s.script;
    return `${s.arg0}: ${s.line}: ${who ? `${who}: ` : ''}`;
  },
  forkFailure: { message: 'Cannot fork', status: 2 },
  notFound: (name) => `${name}: not found`,
};

const bash: Flavour = {
  name: 'bash',
  patterns: 'fnmatch',
  echoEscapes: false,
  echoOptions: true,
  arithExtensions: true,
  substExtensions: true,
  ampRedirect: true,
  bashisms: true,
  execLastOfC: true,
  rss: 3400 * 1024,
  // error_prolog(): "name: line N: " when not interactive; builtin_error adds "cd: "
  prefix: (s, builtin) =>
    `${s.arg0}: ${s.interactive ? '' : `line ${s.line}: `}${builtin ? `${builtin}: ` : ''}`,
  forkFailure: { message: 'fork: Resource temporarily unavailable', status: 254 },
  notFound: (name) => `${name}: command not found`,
};

const ash: Flavour = {
  name: 'ash',
  patterns: 'fnmatch',
  echoEscapes: false,
  echoOptions: true,
  arithExtensions: true,
  substExtensions: true,
  ampRedirect: true,
  bashisms: true,
  execLastOfC: true,
  rss: 900 * 1024,
  // ash_vmsg(): arg0, then commandname if it differs, then "line N: " unless interactive
  prefix: (s, builtin) => {
    const who = builtin ?? s.script;
    if (!who) return `${s.arg0}: `;
    const name = who !== s.arg0 ? `${who}: ` : '';
    return `${s.arg0}: ${name}${s.interactive && !s.script ? '' : `line ${s.line}: `}`;
  },
  forkFailure: { message: "can't fork: Resource temporarily unavailable", status: 2 },
  notFound: (name) => `${name}: not found`,
};

export const FLAVOURS: Readonly<Record<FlavourName, Flavour>> = { dash, bash, ash };

/** strsignal(3) as glibc words it: what a shell prints for a job killed by a signal. */
export const SIGNAL_TEXT: Readonly<Record<number, string>> = {
  1: 'Hangup',
  2: 'Interrupt',
  3: 'Quit',
  4: 'Illegal instruction',
  5: 'Trace/breakpoint trap',
  6: 'Aborted',
  7: 'Bus error',
  8: 'Floating point exception',
  9: 'Killed',
  10: 'User defined signal 1',
  11: 'Segmentation fault',
  12: 'User defined signal 2',
  13: 'Broken pipe',
  14: 'Alarm clock',
  15: 'Terminated',
  16: 'Stack fault',
  17: 'Child exited',
  18: 'Continued',
  19: 'Stopped (signal)',
  20: 'Stopped',
  21: 'Stopped (tty input)',
  22: 'Stopped (tty output)',
  23: 'Urgent I/O condition',
  24: 'CPU time limit exceeded',
  25: 'File size limit exceeded',
  26: 'Virtual timer expired',
  27: 'Profiling timer expired',
  28: 'Window changed',
  29: 'I/O possible',
  30: 'Power failure',
  31: 'Bad system call',
};
