// GET /containers/{id}/top (daemon/top_unix.go): the host's `ps` output
// (default `-ef`) restricted to the container's processes, with host PIDs —
// PID 1's parent is the containerd shim, outside the container. C, %CPU and
// TIME come from the kernel's CPU accounting, as procps computes them.
import { fail, ok, type Result } from '../image/errors';
import { psBsdTime, psC, psPcpu, psTime } from '../kernel/cpu-time';
import type { Process } from '../kernel/process';
import type { Sys } from '../userland/types';
import type { ContainerEntry } from './containers-entry';
import type { Daemon } from './daemon';

export interface TopResponse {
  Titles: string[];
  Processes: string[][];
}

type Column = { title: string; value: (p: Process<Sys>) => string };

/** procps-ng's option letters: SysV after a dash, BSD without one; and its long options. */
const SYSV = new Set('AaCcdeFfGgHjLlMmNnOoPpqsTtUuVwXyZ');
const BSD = new Set('aceFfghjkLlmnOopqrSsTtUuVvwXxZ');
const LONG = new Set(
  'cols columns context cumulative deselect format forest group Group headers help info lines no-headers pid ppid quick-pid rows sid signames sort tty user User version width'.split(
    ' ',
  ),
);
const WITH_ARG = new Set('CGgkOoPpstUu');

/**
 * The first line ps prints on stderr for options it does not take, which ContainerTop
 * returns as "ps: " + that line (the words are split on blanks as the daemon splits them).
 */
function psOptionError(args: string): string | undefined {
  const words = args.split(' ').filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('--')) {
      if (!LONG.has(w.slice(2).split('=')[0])) return 'unknown gnu long option';
      continue;
    }
    const sysv = w.startsWith('-');
    const letters = sysv ? w.slice(1) : w;
    for (let j = 0; j < letters.length; j++) {
      const ch = letters[j];
      if (!sysv && ch === '-') return "embedded '-' among BSD options makes no sense";
      if (!(sysv ? SYSV : BSD).has(ch))
        return sysv ? 'unsupported SysV option' : 'unsupported option (BSD syntax)';
      // an option with an argument takes the rest of the word, or the next word
      if (WITH_ARG.has(ch)) {
        if (j === letters.length - 1) i++;
        break;
      }
    }
  }
  return undefined;
}

export function topProcesses(daemon: Daemon, c: ContainerEntry, psArgs: string): Result<TopResponse> {
  if (!c.running || !c.live) return fail('conflict', `container ${c.id} is not running`);
  if (c.restarting)
    return fail('conflict', `Container ${c.id} is restarting, wait until the container is running`);
  const now = daemon.deps.clock.now();
  const user = (p: Process<Sys>) => (p.uid === 0 ? 'root' : String(p.uid));
  const cmd = (p: Process<Sys>) => p.argv.join(' ');
  // pr_pmem: resident kB per mille of MemTotal, as ##.#
  const memKb = daemon.deps.host.memTotal / 1024;
  const pmem = (p: Process<Sys>) => {
    const pm = Math.floor(((p.rss / 1024) * 1000) / memKb);
    return `${Math.floor(pm / 10)}.${pm % 10}`;
  };
  const tty = (p: Process<Sys>) => (p.opts.tty ? 'pts/0' : '?');
  const stime = (p: Process<Sys>) => {
    const d = new Date(p.startTime);
    return now - p.startTime < 86_400_000
      ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
      : `${d.toUTCString().slice(8, 11)}${String(d.getUTCDate()).padStart(2, '0')}`;
  };
  const columns: Record<string, Column> = {
    uid: { title: 'UID', value: user },
    user: { title: 'USER', value: user },
    pid: { title: 'PID', value: (p) => String(p.pid) },
    ppid: { title: 'PPID', value: (p) => String(p.ppid) },
    c: { title: 'C', value: (p) => psC(p, now) },
    stime: { title: 'STIME', value: stime },
    tty: { title: 'TTY', value: tty },
    time: { title: 'TIME', value: (p) => psTime(p) },
    pcpu: { title: '%CPU', value: (p) => psPcpu(p, now) },
    '%cpu': { title: '%CPU', value: (p) => psPcpu(p, now) },
    pmem: { title: '%MEM', value: pmem },
    '%mem': { title: '%MEM', value: pmem },
    cmd: { title: 'CMD', value: cmd },
    args: { title: 'COMMAND', value: cmd },
    command: { title: 'COMMAND', value: cmd },
    comm: { title: 'COMMAND', value: (p) => (p.argv[0] ?? '').split('/').pop()!.slice(0, 15) },
    rss: { title: 'RSS', value: (p) => String(Math.floor(p.rss / 1024)) },
    vsz: { title: 'VSZ', value: (p) => String(Math.floor((p.rss + 2_424_832) / 1024)) },
    stat: {
      title: 'STAT',
      value: (p) => (p.state === 'stopped' ? 'T' : p.spinning ? 'R' : 'S') + (p.nsPid === 1 ? 's' : ''),
    },
  };
  const args = psArgs.trim();
  const bad = psOptionError(args);
  if (bad) return fail('system', `ps: error: ${bad}`);
  let cols: Column[];
  const o = /(?:^|\s)-o\s*(\S+)/.exec(args);
  if (o) {
    cols = [];
    for (const name of o[1].split(',')) {
      const col = columns[name];
      if (!col) return fail('system', `ps: error: unknown user-defined format specifier "${name}"`);
      cols.push(col);
    }
  } else if (/^(aux|-aux|au|ux)$/.test(args)) {
    cols = [
      columns.user,
      columns.pid,
      columns.pcpu,
      columns.pmem,
      columns.vsz,
      columns.rss,
      columns.tty,
      columns.stat,
      { title: 'START', value: stime },
      // pr_bsdtime's "%3u:%02u"; the daemon splits ps's output on blanks
      { title: 'TIME', value: (p) => psBsdTime(p).trim() },
      columns.command,
    ];
  } else cols = ['uid', 'pid', 'ppid', 'c', 'stime', 'tty', 'time', 'cmd'].map((k) => columns[k]);
  const procs = daemon.deps.kernel.inCgroup(c.live.cgroup);
  return ok({ Titles: cols.map((x) => x.title), Processes: procs.map((p) => cols.map((x) => x.value(p))) });
}
