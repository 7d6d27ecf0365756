// Tools that read the kernel (what procfs shows): ps, top, free, uptime,
// nproc, kill. PIDs are the caller's namespace's; memory is the host's, as a
// container's /proc/meminfo is (without lxcfs), and CPUs are the host's.
import { cpuTicks, HERTZ } from '../../kernel/cpu-time';
import type { Process } from '../../kernel/process';
import { parseSignal, signalName, SIGNALS, SIGTERM } from '../../kernel/signals';
import { commOf, memInfo, ppidIn, runnable, stateOf, uptimeSeconds, visibleProcesses, vszOf } from '../procfs';
import type { Sys } from '../types';
import { humanBusybox, strftime } from './format';
import { getopt, isOptError } from './getopt';
import { psElapsed, psForest, psText } from './ps-columns';
import { psEntry } from './ps-entry';
import { parsePsArgs, psWants } from './ps-options';
import type { Tool } from './tool';
import { UserDb } from './users';

type P = Process<Sys>;

function ttyOf(p: P): string {
  return p.kernel.optionsOf(p).tty ? 'pts/0' : '?';
}

export function ps(t: Tool, args: string[]): number {
  return t.gnu ? psProcps(t, args) : psBusybox(t, args);
}

function psProcps(t: Tool, args: string[]): number {
  const db = new UserDb(t.fs);
  const self = t.ctx.proc;
  const lookup = {
    uid: (n: string) => db.user(n)?.uid,
    gid: (n: string) => db.group.find((g) => g.name === n || String(g.gid) === n)?.gid ?? (/^\d+$/.test(n) ? Number(n) : undefined),
  };
  const req = parsePsArgs(args, lookup);
  if ('error' in req) {
    t.err(`error: ${req.error}\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
    return 1;
  }
  const view = {
    pidOf: (q: P) => q.pidIn(self.pidns),
    userName: (uid: number) => db.userName(uid),
    groupName: (gid: number) => db.groupName(gid),
    cpus: t.ctx.ns.host.cpus,
    self,
  };
  const me = psEntry(self, view);
  const entries = visibleProcesses(self)
    .map(([, q]) => psEntry(q, view))
    .filter((e) => psWants(req, e, me));
  const rows = req.forest ? psForest(entries, req.forest) : entries;
  t.out(psText(req.columns, req.headers, rows, { now: t.now, memTotalKb: t.ctx.ns.host.memTotal / 1024 }));
  return 0;
}

/** BusyBox ps's TIME: minutes:seconds of utime+stime. */
function busyboxTime(q: P): string {
  const s = Math.floor(cpuTicks(q) / HERTZ);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`.padStart(5);
}

/** BusyBox ps: -o columns, default pid,user,time,args (TIME is there in Alpine's and the busybox image's builds). */
export let busyboxPsTime = true;
export function setBusyboxPsTime(on: boolean): void {
  busyboxPsTime = on;
}

function psBusybox(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'o:aAdeflT' });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-o COL1,COL2=HEADER] [-T]');
  const db = new UserDb(t.fs);
  const self = t.ctx.proc;
  const defaults = busyboxPsTime ? 'pid,user,time,args' : 'pid,user,args';
  const cols = (p.values('o').join(',') || defaults).split(',').map((c) => {
    const [name, header] = c.split('=');
    return { name, header };
  });
  const spec: Record<string, [string, number, (n: number, q: P) => string]> = {
    pid: ['PID', 5, (n) => String(n).padStart(5)], ppid: ['PPID', 5, (_n, q) => String(ppidIn(self, q)).padStart(5)],
    pgid: ['PGID', 5, (n) => String(n).padStart(5)], user: ['USER', 8, (_n, q) => (db.userName(q.uid) ?? String(q.uid)).slice(0, 8)],
    group: ['GROUP', 8, (_n, q) => (db.groupName(q.gid) ?? String(q.gid)).slice(0, 8)], comm: ['COMMAND', 16, (_n, q) => commOf(q)],
    args: ['COMMAND', 0, (_n, q) => q.argv.join(' ')], time: ['TIME', 5, (_n, q) => busyboxTime(q)], etime: ['ELAPSED', 7, (_n, q) => psElapsed(t.now - q.startTime).padStart(7)],
    tty: ['TT', 6, (_n, q) => (ttyOf(q) === '?' ? '?' : ttyOf(q))], vsz: ['VSZ', 4, (_n, q) => String(Math.floor(vszOf(q) / 1024)).padStart(4)],
    rss: ['RSS', 4, (_n, q) => String(Math.floor(q.rss / 1024)).padStart(4)], stat: ['STAT', 4, (_n, q) => (q === self ? 'R' : stateOf(q).letter)],
    nice: ['NI', 5, () => '    0'],
  };
  for (const c of cols) {
    if (!spec[c.name]) {
      t.warn(`bad -o argument '${c.name}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,time,tty,vsz,sid,stat,rss`);
      return 1;
    }
  }
  const width = (c: { name: string }) => spec[c.name][1];
  let header = '';
  cols.forEach((c, i) => {
    const h = c.header ?? spec[c.name][0];
    header += i === cols.length - 1 ? h : `${h.padEnd(width(c))} `;
  });
  const out = [header];
  for (const [n, q] of visibleProcesses(self)) {
    let line = '';
    cols.forEach((c, i) => {
      const v = spec[c.name][2](n, q) || '-';
      line += i === cols.length - 1 ? v : v + ' '.repeat(Math.max(1, width(c) - v.length + 1));
    });
    out.push(line);
  }
  t.out(out.map((l) => `${l}\n`).join(''));
  return 0;
}

export function free(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'bkmghwtlsc:', long: { bytes: 'b', kibi: 'k', mebi: 'm', gibi: 'g', human: 'h', total: 't', wide: 'w' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-bkmgh]');
  const m = memInfo(t.ctx.ns.host, t.ctx.kernel);
  const buffCache = m.buffers + m.cached;
  const unit = p.lastOf('b', 'k', 'm', 'g', 'h') ?? 'k';
  if (!t.gnu) {
    const show = (v: number) => (unit === 'h' ? humanBusybox(v) : String(Math.round(v / (unit === 'b' ? 1 : unit === 'm' ? 1 << 20 : unit === 'g' ? 1 << 30 : 1024))));
    const row = (vs: number[]) => vs.map((v) => show(v).padStart(12)).join('');
    t.out(`       ${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join('')}\n`);
    t.out(`Mem:   ${row([m.total, m.total - m.free - buffCache, m.free, m.shared, buffCache, m.available])}\n`);
    t.out(`Swap:  ${row([m.swapTotal, m.swapTotal - m.swapFree, m.swapFree])}\n`);
    return 0;
  }
  const show = (v: number): string => {
    if (unit === 'h') return humanProcps(v);
    const div = unit === 'b' ? 1 : unit === 'm' ? 1 << 20 : unit === 'g' ? 1 << 30 : 1024;
    return String(Math.floor(v / div));
  };
  const row = (label: string, vs: number[]) => `${label.padEnd(8)}${vs.map((v) => show(v).padStart(12)).join('')}\n`;
  t.out('               total        used        free      shared  buff/cache   available\n');
  t.out(row('Mem:', [m.total, m.used, m.free, m.shared, buffCache, m.available]));
  t.out(row('Swap:', [m.swapTotal, m.swapTotal - m.swapFree, m.swapFree]));
  if (p.has('t')) t.out(row('Total:', [m.total + m.swapTotal, m.used, m.free + m.swapFree]));
  return 0;
}

/** procps free -h: B, Ki, Mi, Gi with one decimal below 10. */
function humanProcps(bytes: number): string {
  const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  if (bytes < 1024) return `${bytes}B`;
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return v < 10 ? `${v.toFixed(1)}${units[u]}` : `${Math.round(v)}${units[u]}`;
}

export function uptime(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'psV', long: { pretty: 'p', since: 's' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-s]');
  const host = t.ctx.ns.host;
  const up = uptimeSeconds(host, t.ctx.kernel);
  if (p.has('s')) {
    t.out(`${strftime('%Y-%m-%d %H:%M:%S', host.bootTime)}\n`);
    return 0;
  }
  const days = Math.floor(up / 86400);
  const hours = Math.floor(up / 3600) % 24;
  const mins = Math.floor(up / 60) % 60;
  if (p.has('p')) {
    const parts = [days ? `${days} day${days > 1 ? 's' : ''}` : '', hours ? `${hours} hour${hours > 1 ? 's' : ''}` : '', `${mins} minute${mins === 1 ? '' : 's'}`].filter(Boolean);
    t.out(`up ${parts.join(', ')}\n`);
    return 0;
  }
  const l = runnable(t.ctx.kernel).toFixed(2);
  const upText = `${days ? `${days} day${days > 1 ? 's' : ''}, ` : ''}${hours ? `${String(hours).padStart(2)}:${String(mins).padStart(2, '0')}` : `${mins} min`}`;
  if (t.gnu) t.out(` ${strftime('%H:%M:%S', t.now)} up ${upText},  0 users,  load average: ${l}, ${l}, ${l}\n`);
  else t.out(` ${strftime('%H:%M:%S', t.now)} up ${upText},  0 users,  load average: ${l}, ${l}, ${l}\n`);
  return 0;
}

export function nproc(t: Tool, args: string[]): number {
  const p = getopt(args, { short: '', long: { all: 'all', 'ignore=': 'ignore' } });
  if (isOptError(p)) return t.badOption(p.error, 1);
  const n = Math.max(1, t.ctx.ns.host.cpus - Number(p.value('ignore') ?? 0));
  t.out(`${n}\n`);
  return 0;
}

export function kill(t: Tool, args: string[]): number {
  let sig: number = SIGTERM;
  let i = 0;
  const a0 = args[0];
  const list = () => {
    const names = Object.entries(SIGNALS).sort((x, y) => x[1] - y[1]);
    if (t.gnu) t.out(`${names.map(([n, v]) => `${String(v).padStart(2)}) ${n}`).join('\n')}\n`);
    else t.out(names.map(([n]) => n.slice(3)).join(' ') + '\n');
    return 0;
  };
  if (a0 === '-l' || a0 === '-L' || a0 === '--list') {
    if (args[1] !== undefined) {
      const n = Number(args[1]);
      const name = Number.isInteger(n) ? signalName(n > 128 ? n - 128 : n) : undefined;
      if (!name) {
        t.warn(`unknown signal ${args[1]}`);
        return 1;
      }
      t.out(`${name.slice(3)}\n`);
      return 0;
    }
    return list();
  }
  if (a0 === '-s' || a0 === '-n' || a0 === '--signal') {
    const s = parseSignal(args[1] ?? '');
    if (s === undefined) {
      t.warn(t.gnu ? `unknown signal name: ${args[1] ?? ''}` : `bad signal name '${args[1] ?? ''}'`);
      return 1;
    }
    sig = s;
    i = 2;
  } else if (a0 !== undefined && /^-[A-Za-z0-9]+$/.test(a0) && a0 !== '--') {
    const s = parseSignal(a0.slice(1));
    if (s === undefined) {
      t.warn(t.gnu ? `unknown signal name: ${a0.slice(1)}` : `bad signal name '${a0.slice(1)}'`);
      return 1;
    }
    sig = s;
    i = 1;
  }
  if (args[i] === '--') i++;
  const pids = args.slice(i);
  if (pids.length === 0) {
    if (t.gnu) t.err(`kill: not enough arguments\n`);
    else return t.badOption('', 1, '[-l] [-SIG] PID...');
    return 1;
  }
  let status = 0;
  for (const s of pids) {
    const n = Number(s);
    if (!/^-?\d+$/.test(s)) {
      t.warn(t.gnu ? `failed to parse argument: '${s}'` : `bad pid '${s}'`);
      status = 1;
      continue;
    }
    const targets = n === -1 ? visibleProcesses(t.ctx.proc).map(([x]) => x).filter((x) => x !== 1 && x !== t.ctx.proc.pidIn(t.ctx.proc.pidns)) : [n];
    for (const pid of targets) {
      const r = t.ctx.kill(pid, sig);
      if (r && n !== -1) {
        t.warn(t.gnu ? `(${pid}): ${r === 'ESRCH' ? 'No such process' : 'Operation not permitted'}` : `can't kill pid ${pid}: ${r === 'ESRCH' ? 'No such process' : 'Operation not permitted'}`);
        status = 1;
      }
    }
  }
  return status;
}
