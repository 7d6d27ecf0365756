// procps-ng ps's output columns (src/ps/output.c format_array) and its row
// printer (show_one_proc), shared by the ps inside containers and by the host's
// ps that `docker top` runs: one process's facts in, one text line out.
import { psBsdTime, psC, psPcpu, psTime, type CpuAccounted } from '../../kernel/cpu-time';
import { strftime } from './format';

/** What ps reads of one process from /proc, numbered as the reader's PID namespace sees it. */
export interface PsEntry {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** The terminal's foreground process group, -1 without a terminal. */
  tpgid: number;
  uid: number;
  gid: number;
  /** Names from the reader's /etc/passwd and /etc/group; undefined prints the number. */
  user?: string;
  group?: string;
  /** 'pts/0', or '?' without a controlling terminal. */
  tty: string;
  /** The state letter (R S D T Z). */
  state: string;
  comm: string;
  args: string;
  /** The kernel function the process sleeps in ('-' when it runs). */
  wchan: string;
  /** The CPU it last ran on. */
  psr: number;
  /** /proc/<pid>/stat's flags field, as PF_* bits. */
  flags: number;
  rssKb: number;
  vszKb: number;
  nlwp: number;
  startTime: number;
  cpu: CpuAccounted;
  /** Signal masks (/proc/<pid>/status SigIgn, SigCgt): bit n-1 for signal n. */
  sigIgnored: bigint;
  sigCaught: bigint;
  /** The forest's branch before the command (forest_helper), when ps draws one. */
  tree?: string;
}

export interface PsClock {
  now: number;
  /** MemTotal in kB, for %MEM. */
  memTotalKb: number;
}

type Just = 'right' | 'left' | 'user' | 'wchan' | 'unlimited' | 'signal';
interface Spec {
  head: string;
  width: number;
  just: Just;
  /** max is the room the printer offers the cell (max_rightward). */
  pr: (e: PsEntry, c: PsClock, max: number) => string;
}

/** /proc/sys/kernel/pid_max is 4194304: PID-like columns are as wide as its digits (CF_PIDMAX). */
const PIDMAX = 7;
const two = (n: number) => String(n).padStart(2, '0');

/** pr_etime: [[dd-]hh:]mm:ss. */
export function psElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor(s / 3600) % 24;
  const m = Math.floor(s / 60) % 60;
  return `${d ? `${d}-` : ''}${d || h ? `${two(h)}:` : ''}${two(m)}:${two(s % 60)}`;
}

/** pr_stime: the time of day when started today, else month and day, else the year. */
function stime(ms: number, now: number): string {
  if (strftime('%Y', ms) !== strftime('%Y', now)) return strftime('%Y', ms);
  return strftime('%j', ms) === strftime('%j', now) ? strftime('%H:%M', ms) : strftime('%b%d', ms);
}

/** do_pr_name: a name that does not fit loses its tail to a '+'. */
function name(n: string | undefined, id: number, max: number): string {
  if (n === undefined) return String(id);
  return n.length <= max ? n : `${n.slice(0, max - 1)}+`;
}

/** pr_stat: the state and its BSD flags (s session leader, l threads, + foreground group). */
function stat(e: PsEntry): string {
  return `${e.state}${e.sid === e.pid ? 's' : ''}${e.nlwp > 1 ? 'l' : ''}${e.pgid === e.tpgid ? '+' : ''}`;
}

function pmem(e: PsEntry, c: PsClock): string {
  const pm = Math.floor((e.rssKb * 1000) / c.memTotalKb);
  return `${Math.floor(pm / 10)}.${pm % 10}`;
}

const cut = (s: string, max: number) => s.slice(0, Math.max(0, max));
const args: Spec = { head: 'COMMAND', width: 27, just: 'unlimited', pr: (e, _c, max) => cut((e.tree ?? '') + e.args, max) };
const comm: Spec = { head: 'COMMAND', width: 15, just: 'unlimited', pr: (e, _c, max) => cut((e.tree ?? '') + e.comm, max) };
const user: Spec = { head: 'USER', width: 8, just: 'user', pr: (e, _c, max) => name(e.user, e.uid, max) };
const pidLike = (head: string, v: (e: PsEntry) => number): Spec => ({ head, width: PIDMAX, just: 'right', pr: (e) => String(v(e)) });
const right = (head: string, width: number, pr: Spec['pr']): Spec => ({ head, width, just: 'right', pr });
const tty = (head: string): Spec => ({ head, width: 8, just: 'left', pr: (e) => e.tty });
const time = right('TIME', 8, (e) => psTime(e.cpu));
const nice = right('NI', 3, () => '0');

/** help_pr_sig with wide_signals (the line is wide enough, as on a pipe): all 16 hex digits. */
const mask = (head: string, v: (e: PsEntry) => bigint): Spec => ({
  head,
  width: 9,
  just: 'signal',
  pr: (e) => v(e).toString(16).padStart(16, '0'),
});
const none = () => 0n;

/** The columns by their -o names. */
export const PS_COLUMNS: Record<string, Spec> = {
  '%cpu': right('%CPU', 4, (e, c) => psPcpu(e.cpu, c.now)),
  pcpu: right('%CPU', 4, (e, c) => psPcpu(e.cpu, c.now)),
  '%mem': right('%MEM', 4, pmem),
  pmem: right('%MEM', 4, pmem),
  addr: right('ADDR', 4, () => '-'),
  addr_1: { head: 'ADDR', width: 1, just: 'left', pr: () => '-' },
  args,
  cmd: { ...args, head: 'CMD' },
  command: args,
  bsdstart: right('START', 6, (e, c) => {
    const ct = strftime('%a %b %e %H:%M:%S %Y', e.startTime);
    return c.now - e.startTime > 86_400_000 ? ct.slice(4, 10) : ct.slice(10, 16);
  }),
  bsdtime: right('TIME', 6, (e) => psBsdTime(e.cpu)),
  c: right('C', 2, (e, c) => psC(e.cpu, c.now).padStart(2)),
  comm,
  ucomm: comm,
  ucmd: { ...comm, head: 'CMD' },
  cputime: time,
  time,
  etime: right('ELAPSED', 11, (e, c) => psElapsed(c.now - e.startTime)),
  user,
  euser: { ...user, head: 'EUSER' },
  uname: user,
  uid_hack: { ...user, head: 'UID' },
  group: { head: 'GROUP', width: 8, just: 'user', pr: (e, _c, max) => name(e.group, e.gid, max) },
  uid: right('UID', 5, (e) => String(e.uid)),
  euid: right('EUID', 5, (e) => String(e.uid)),
  gid: right('GID', 5, (e) => String(e.gid)),
  f: right('F', 1, (e) => ((e.flags >> 6) & 7).toString(8)),
  flags: right('F', 1, (e) => ((e.flags >> 6) & 7).toString(8)),
  lstart: right('STARTED', 24, (e) => strftime('%a %b %e %H:%M:%S %Y', e.startTime)),
  ni: nice,
  nice,
  nlwp: right('NLWP', 4, (e) => String(e.nlwp)),
  // the kernel's priority of a nice-0 task is 20: opri shows 60+, pri 39-, priority as is
  opri: right('PRI', 3, () => '80'),
  pri: right('PRI', 3, () => '19'),
  priority: right('PRI', 3, () => '20'),
  pid: pidLike('PID', (e) => e.pid),
  ppid: pidLike('PPID', (e) => e.ppid),
  pgid: pidLike('PGID', (e) => e.pgid),
  pgrp: pidLike('PGRP', (e) => e.pgid),
  sid: pidLike('SID', (e) => e.sid),
  sess: pidLike('SESS', (e) => e.sid),
  tpgid: pidLike('TPGID', (e) => e.tpgid),
  psr: right('PSR', 3, (e) => String(e.psr)),
  rss: right('RSS', 5, (e) => String(e.rssKb)),
  rsz: right('RSZ', 5, (e) => String(e.rssKb)),
  vsz: right('VSZ', 6, (e) => String(e.vszKb)),
  sz: right('SZ', 5, (e) => String(Math.floor(e.vszKb / 4))),
  s: { head: 'S', width: 1, just: 'left', pr: (e) => e.state },
  state: { head: 'S', width: 1, just: 'left', pr: (e) => e.state },
  stat: { head: 'STAT', width: 4, just: 'left', pr: stat },
  start: right('STARTED', 8, (e, c) => {
    const ct = strftime('%a %b %d %H:%M:%S %Y', e.startTime);
    return e.startTime + 86_400_000 > c.now ? ct.slice(11, 19) : `  ${ct.slice(4, 10)}`;
  }),
  start_time: right('START', 5, (e, c) => stime(e.startTime, c.now)),
  stime: right('STIME', 5, (e, c) => stime(e.startTime, c.now)),
  tname: tty('TTY'),
  tt: tty('TT'),
  tty: tty('TT'),
  wchan: { head: 'WCHAN', width: 6, just: 'wchan', pr: (e, _c, max) => cut(e.wchan, max) },
  jobc: right('JOBC', 4, () => '-'),
  // nothing here is ever pending or blocked
  pending: mask('PENDING', none),
  sig: mask('PENDING', none),
  blocked: mask('BLOCKED', none),
  sig_block: mask('BLOCKED', none),
  sigmask: mask('BLOCKED', none),
  ignored: mask('IGNORED', (e) => e.sigIgnored),
  sig_ignore: mask('IGNORED', (e) => e.sigIgnored),
  sigignore: mask('IGNORED', (e) => e.sigIgnored),
  caught: mask('CAUGHT', (e) => e.sigCaught),
  sigcatch: mask('CAUGHT', (e) => e.sigCaught),
};

/** One column of a format: a spec under a header (-o name=HEADER) at a width (-o name:WIDTH). */
export interface PsColumn {
  spec: Spec;
  head: string;
  width: number;
}

export function psColumn(name: string, head?: string, width?: number): PsColumn | undefined {
  const spec = PS_COLUMNS[name];
  if (!spec) return undefined;
  const w = width ?? Math.max(spec.width, head === undefined ? 0 : head.length);
  return { spec, head: head ?? spec.head, width: w };
}

/** With output to a pipe ps formats for OUTBUF_SIZE columns, so nothing is cut. */
const ACTIVE_COLS = 1 << 20;

/** show_one_proc: one line (the header when e is undefined), cells placed as procps places them. */
export function psLine(cols: PsColumn[], e: PsEntry | undefined, c: PsClock): string {
  let correct = 0;
  let actual = 0;
  let dospace = 0;
  let out = '';
  cols.forEach((col, i) => {
    const last = i === cols.length - 1;
    // the last column may run to the edge of the (unlimited) line
    let max = col.width;
    if (last) max = correct - actual < 1 ? ACTIVE_COLS - actual - dospace : ACTIVE_COLS - Math.max(correct, actual);
    const text = e ? col.spec.pr(e, c, Math.max(0, max)) : col.head;
    // a wide signal column is 16 cells: 7 beyond its width are legitimately taken
    const signal = col.spec.just === 'signal';
    const leftpad = col.spec.just === 'right' ? Math.max(0, col.width - text.length) : signal ? Math.max(0, 16 - text.length) : 0;
    let space = correct - actual + leftpad;
    if (space < 1) space = dospace;
    out += ' '.repeat(space) + text;
    if (last) return;
    actual += space + text.length;
    correct += col.width + (signal ? 7 : 0) + 1;
    dospace = 1;
  });
  return out;
}

/** A whole listing: the header (unless every header is empty, or --no-headers) and one line a process. */
export function psText(cols: PsColumn[], headers: boolean, entries: PsEntry[], c: PsClock): string {
  const lines: string[] = [];
  if (headers && cols.some((x) => x.head !== '')) lines.push(psLine(cols, undefined, c));
  for (const e of entries) lines.push(psLine(cols, e, c));
  return lines.map((l) => `${l}\n`).join('');
}

const BRANCH: Record<string, string> = { ' ': '    ', L: ' \\_ ', '+': ' \\_ ', '|': ' |  ' };

/**
 * The forest (f, --forest): ps sorts by PPID (after start time), takes as roots
 * the processes whose parent is not listed, last first, and draws each child's
 * branch before its command (show_tree; forest_helper's OldLinux style, or
 * two blanks a level for -H).
 */
export function psForest(entries: PsEntry[], style: 'branches' | 'indent'): PsEntry[] {
  const sorted = [...entries].sort((a, b) => a.ppid - b.ppid || a.startTime - b.startTime || a.pid - b.pid);
  const pids = new Set(sorted.map((e) => e.pid));
  const out: PsEntry[] = [];
  const prefix: string[] = [];
  const show = (i: number, level: number, sibling: boolean) => {
    const self = sorted[i];
    if (level) prefix[level - 1] = sibling ? '+' : 'L';
    prefix.length = level;
    out.push({ ...self, tree: prefix.map((x) => (style === 'indent' ? '  ' : BRANCH[x])).join('') });
    const first = sorted.findIndex((e) => e.ppid === self.pid);
    if (first < 0) return;
    if (level) prefix[level - 1] = sibling ? '|' : ' ';
    for (let j = first; j < sorted.length && sorted[j].ppid === self.pid; j++) {
      const more = j + 1 < sorted.length && sorted[j + 1].ppid === self.pid;
      show(j, level + 1, more);
      prefix.length = level;
    }
  };
  for (let i = sorted.length - 1; i >= 0; i--) if (!pids.has(sorted[i].ppid) || sorted[i].ppid === sorted[i].pid) show(i, 0, false);
  return out;
}
