// What procps reads of a simulated process (/proc/<pid>/stat, status, wchan),
// as seen from one PID namespace: the container's own ps, or the host's that
// `docker top` runs.
import type { Process } from '../../kernel/process';
import { commOf, stateOf, vszOf } from '../procfs';
import type { Sys } from '../types';
import type { PsEntry } from './ps-columns';

type P = Process<Sys>;

/** PF_SUPERPRIV: the task used root's privileges, which a root process's exec does. */
const PF_SUPERPRIV = 0x100;

/**
 * The session leader: runc makes a container's init and every exec a session
 * leader (setsid), and their descendants stay in that session.
 */
function leaderOf(p: P): P {
  let q = p;
  while (q.parent && q.parent.pidns === q.pidns) q = q.parent;
  return q;
}

/**
 * The process group: without a terminal nothing calls setpgid, so the session's;
 * on a terminal the interactive shell (the leader) gives each job its own group,
 * the job being the leader's child the process descends from.
 */
function groupOf(p: P, leader: P, tty: boolean): P {
  if (!tty || p === leader) return leader;
  let q = p;
  while (q.parent && q.parent !== leader) q = q.parent;
  return q;
}

/** The foreground group of a terminal session: the newest job still running, else the shell. */
function foreground(leader: P): P {
  let newest: P | undefined;
  for (const c of leader.childrenIfAny() ?? []) if (c.alive && (!newest || c.startTime >= newest.startTime)) newest = c;
  return newest ?? leader;
}

/** The kernel function a sleeping process waits in, as /proc/<pid>/wchan names it. */
function wchan(p: P, state: string): string {
  if (state === 'R' || state === 'Z') return '-';
  if (state === 'T') return 'do_signal_stop';
  if ([...(p.childrenIfAny() ?? [])].some((c) => c.alive)) return 'do_wait';
  if (p.onTimer) return 'hrtimer_nanosleep';
  // blocked on input: poll(2), where BusyBox's line editor and most servers wait
  return 'do_sys_poll';
}

/** SigIgn and SigCgt: the dispositions the program set (trap, signal(2)). */
function signalMasks(p: P): { sigIgnored: bigint; sigCaught: bigint } {
  let sigIgnored = 0n;
  let sigCaught = 0n;
  // handlerOf reads without making the process's table (most never have one)
  for (let sig = 1; sig <= 64; sig++) {
    const d = p.handlerOf(sig);
    if (d === undefined) continue;
    const bit = 1n << BigInt(sig - 1);
    if (d === 'ignore') sigIgnored |= bit;
    else sigCaught |= bit;
  }
  return { sigIgnored, sigCaught };
}

export interface PsView {
  /** The PID a process has in the reader's namespace (undefined when not visible there). */
  pidOf(q: P): number | undefined;
  userName(uid: number): string | undefined;
  groupName(gid: number): string | undefined;
  cpus: number;
  /** The ps process itself, which is running as it reads. */
  self?: P;
}

export function psEntry(p: P, v: PsView): PsEntry {
  const tty = p.kernel.optionsOf(p).tty === true;
  const state = p === v.self ? 'R' : stateOf(p).letter;
  const leader = leaderOf(p);
  const group = groupOf(p, leader, tty);
  const pid = v.pidOf(p) ?? 0;
  const num = (q: P) => v.pidOf(q) ?? 0;
  return {
    pid,
    ppid: p.parent ? num(p.parent) : 0,
    pgid: num(group),
    sid: num(leader),
    tpgid: tty ? num(groupOf(foreground(leader), leader, true)) : -1,
    uid: p.uid,
    gid: p.gid,
    user: v.userName(p.uid),
    group: v.groupName(p.gid),
    tty: tty ? 'pts/0' : '?',
    state,
    comm: commOf(p),
    args: p.argv.join(' '),
    wchan: p === v.self ? '-' : wchan(p, state),
    psr: pid % Math.max(1, v.cpus),
    flags: p.uid === 0 ? PF_SUPERPRIV : 0,
    rssKb: Math.floor(p.rss / 1024),
    vszKb: Math.floor(vszOf(p) / 1024),
    nlwp: 1,
    startTime: p.startTime,
    cpu: p,
    ...signalMasks(p),
  };
}
