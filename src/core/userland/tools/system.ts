// mount (the namespace's mount table) and df (sizes of those mounts: the
// overlay root reports the host's disk, as overlayfs passes statfs through),
// and top (procps/BusyBox summary and process list; -b -n N or a terminal).
import { commOf, memInfo, mountsOf, runnable, stateOf, uptimeSeconds, visibleProcesses, vszOf, HOST_DISK, type MountInfo } from '../procfs';
import { topTime } from '../../kernel/cpu-time';
import { humanBusybox, humanGnu, strftime } from './format';
import { getopt, isOptError } from './getopt';
import { isErr, type Tool } from './tool';
import { UserDb } from './users';

/** The mounts as the process sees them: the runtime's table, or /proc/mounts when procfs is mounted. */
function table(t: Tool): MountInfo[] {
  const sys = t.ctx.ns as typeof t.ctx.ns & { mounts?: () => MountInfo[] };
  if (!sys.mounts) {
    const text = t.fs.readFile('/proc/mounts');
    if (!isErr(text) && text.trim() !== '') {
      return text
        .trim()
        .split('\n')
        .map((l) => l.split(' '))
        .map(([source, target, fstype, options]) => ({ source, target, fstype, options }));
    }
  }
  return mountsOf(t.ctx.ns);
}

export function mount(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 't:orwanv', long: { 'types=': 't' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[OPTIONS] [-o OPT] DEVICE NODE');
  if (p.operands.length > 0) {
    // mount(2) needs CAP_SYS_ADMIN, which Docker drops
    t.warn(t.gnu ? `${p.operands[p.operands.length - 1]}: permission denied.` : `permission denied (are you root?)`);
    return t.gnu ? 32 : 1;
  }
  const type = p.value('t');
  for (const m of table(t)) {
    if (type !== undefined && m.fstype !== type) continue;
    t.out(`${m.source} on ${m.target} type ${m.fstype} (${m.options})\n`);
  }
  return 0;
}

interface DfRow {
  source: string;
  target: string;
  fstype: string;
  size: number;
  used: number;
  avail: number;
}

const PSEUDO = new Set(['proc', 'sysfs', 'devpts', 'mqueue', 'cgroup', 'cgroup2']);

export function df(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'hkmPTait:x:', long: { 'human-readable': 'h', all: 'a', 'print-type': 'T', 'type=': 't', 'exclude-type=': 'x', portability: 'P' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-PkmhT] [-t TYPE] [FILESYSTEM]...');
  const mounts = table(t);
  const rowOf = (m: MountInfo): DfRow => {
    const size = m.size ?? HOST_DISK.size;
    const used = m.used ?? (m.size === undefined ? HOST_DISK.used : 0);
    // ext4 keeps 5% for root: Available is less than Size - Used
    return { source: m.source, target: m.target, fstype: m.fstype, size, used, avail: m.avail ?? Math.max(0, size - used - (m.size === undefined ? Math.floor(size * 0.05) : 0)) };
  };
  let rows: DfRow[];
  let status = 0;
  if (p.operands.length) {
    rows = [];
    for (const f of p.operands) {
      const real = t.fs.realpath(f);
      if (isErr(real)) {
        t.warn(t.gnu ? `${t.qf(f)}: ${real.message}` : `${f}: ${real.message}`);
        status = 1;
        continue;
      }
      // the longest mount point that contains the file
      const m = [...mounts].filter((x) => real === x.target || real.startsWith(x.target === '/' ? '/' : `${x.target}/`)).sort((a, b) => b.target.length - a.target.length)[0];
      if (m) rows.push(rowOf(m));
    }
  } else {
    rows = mounts
      .filter((m) => p.has('a') || !PSEUDO.has(m.fstype))
      .map(rowOf)
      .filter((r) => p.has('a') || r.size > 0);
    if (t.gnu && !p.has('a')) {
      // GNU df shows a device once: of its bind mounts, the one with the shortest mount point
      const best = new Map<string, DfRow>();
      for (const r of rows) {
        const b = best.get(r.source);
        if (r.source.startsWith('/') && (!b || r.target.length < b.target.length)) best.set(r.source, r);
      }
      rows = rows.filter((r) => !r.source.startsWith('/') || best.get(r.source) === r);
    }
  }
  const type = p.value('t');
  if (type !== undefined) rows = rows.filter((r) => r.fstype === type);
  const human = p.has('h');
  const pct = (r: DfRow) => (r.size === 0 ? '-' : `${Math.ceil((r.used * 100) / (r.used + r.avail || 1))}%`);
  const num = (b: number) => (human ? (t.gnu ? humanGnu(b) : humanBusybox(b)) : String(Math.ceil(b / (p.has('m') ? 1 << 20 : 1024))));
  if (!t.gnu) {
    // BusyBox: the device in 20 columns, then %9s fields
    t.out(`Filesystem           ${p.has('T') ? 'Type       ' : ''}${(human ? '     Size' : p.has('m') ? '1M-blocks' : '1K-blocks').padEnd(15)}Used Available Use% Mounted on\n`);
    for (const r of rows) {
      const dev = r.source.length > 20 ? `${r.source}\n${' '.repeat(20)}` : r.source.padEnd(20);
      const ty = p.has('T') ? ` ${r.fstype.padEnd(10)}` : '';
      t.out(`${dev}${ty} ${num(r.size).padStart(9)} ${num(r.used).padStart(9)} ${num(r.avail).padStart(9)} ${pct(r).padStart(4)} ${r.target}\n`);
    }
    return status;
  }
  // GNU: minimum widths from df.c's field table, the source left aligned, the mount point last
  const header = ['Filesystem', ...(p.has('T') ? ['Type'] : []), human ? 'Size' : p.has('m') ? '1M-blocks' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const mins = [14, ...(p.has('T') ? [4] : []), 5, 5, 5, 4, 0];
  const cells = rows.map((r) => [r.source, ...(p.has('T') ? [r.fstype] : []), num(r.size), num(r.used), num(r.avail), pct(r), r.target]);
  const all = [header, ...cells];
  const n = header.length;
  const widths = header.map((_, i) => Math.max(mins[i], ...all.map((r) => r[i].length)));
  const typeCol = p.has('T') ? 1 : -1;
  t.out(all.map((r) => r.map((c, i) => (i === 0 || i === typeCol ? c.padEnd(widths[i]) : i === n - 1 ? c : c.padStart(widths[i]))).join(' ') + '\n').join(''));
  return status;
}

export async function top(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'bn:d:Hp:u:cio:w?', long: {} });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-b] [-n COUNT] [-d SECONDS]');
  const batch = p.has('b');
  if (!batch && !t.ctx.tty) {
    t.warn(t.gnu ? 'failed tty get' : "can't get terminal size");
    return 1;
  }
  const iterations = p.value('n') !== undefined ? Number(p.value('n')) : Infinity;
  const delay = Number(p.value('d') ?? (t.gnu ? 3 : 5)) * 1000;
  let quit = false;
  if (!batch) {
    void (async () => {
      for (;;) {
        const c = await t.ctx.read().catch(() => null);
        if (c === null || c.includes('q')) {
          quit = true;
          return;
        }
      }
    })();
  }
  for (let i = 0; i < iterations && !quit; i++) {
    const screen = t.gnu ? procpsScreen(t) : busyboxScreen(t);
    t.out(batch ? `${screen}${t.gnu ? '\n' : ''}` : `\x1b[H\x1b[2J${screen}`);
    if (i + 1 < iterations) await t.ctx.sleep(delay);
  }
  return 0;
}

function procpsScreen(t: Tool): string {
  const host = t.ctx.ns.host;
  const k = t.ctx.kernel;
  const procs = visibleProcesses(t.ctx.proc);
  const db = new UserDb(t.fs);
  const up = uptimeSeconds(host, k);
  const hours = Math.floor(up / 3600);
  const mins = Math.floor(up / 60) % 60;
  const l = runnable(k).toFixed(2);
  const states = procs.map(([, q]) => (q === t.ctx.proc ? 'R' : stateOf(q).letter));
  const m = memInfo(host, k);
  const mib = (b: number) => (b / 1048576).toFixed(1);
  const cpuIdle = Math.max(0, 100 - (runnable(k) / host.cpus) * 100);
  const lines = [
    `top - ${strftime('%H:%M:%S', t.now)} up ${hours ? `${String(hours).padStart(2)}:${String(mins).padStart(2, '0')}` : `${mins} min`},  0 users,  load average: ${l}, ${l}, ${l}`,
    `Tasks:${String(procs.length).padStart(4)} total,${String(states.filter((s) => s === 'R').length).padStart(4)} running,${String(states.filter((s) => s === 'S').length).padStart(4)} sleeping,${String(states.filter((s) => s === 'T').length).padStart(4)} stopped,   0 zombie`,
    `%Cpu(s):${(100 - cpuIdle).toFixed(1).padStart(5)} us,  0.0 sy,  0.0 ni,${cpuIdle.toFixed(1).padStart(5)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st `,
    `MiB Mem :${mib(m.total).padStart(9)} total,${mib(m.free).padStart(9)} free,${mib(m.used).padStart(9)} used,${mib(m.buffers + m.cached).padStart(9)} buff/cache     `,
    `MiB Swap:${mib(0).padStart(9)} total,${mib(0).padStart(9)} free,${mib(0).padStart(9)} used.${mib(m.available).padStart(9)} avail Mem `,
    '',
    '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  ];
  for (const [n, q] of procs) {
    const user = (db.userName(q.uid) ?? String(q.uid)).slice(0, 8);
    const st = q === t.ctx.proc ? 'R' : stateOf(q).letter;
    lines.push(
      `${String(n).padStart(7)} ${user.padEnd(8)}  20   0 ${String(Math.floor(vszOf(q) / 1024)).padStart(7)} ${String(Math.floor(q.rss / 1024)).padStart(6)} ${String(Math.floor(q.rss / 1024 / 2)).padStart(6)} ${st} ${(q.spinning ? 100 * Math.min(1, q.spinning) : 0).toFixed(1).padStart(5)} ${((q.rss / host.memTotal) * 100).toFixed(1).padStart(5)} ${topTime(q).padStart(9)} ${commOf(q)}`,
    );
  }
  return lines.map((x) => `${x}\n`).join('');
}

function busyboxScreen(t: Tool): string {
  const host = t.ctx.ns.host;
  const k = t.ctx.kernel;
  const procs = visibleProcesses(t.ctx.proc);
  const db = new UserDb(t.fs);
  const m = memInfo(host, k);
  const K = (b: number) => `${Math.floor(b / 1024)}K`;
  const l = runnable(k).toFixed(2);
  const lastPid = Math.max(0, ...procs.map(([n]) => n));
  const lines = [
    `Mem: ${K(m.used)} used, ${K(m.free)} free, ${K(m.shared)} shrd, ${K(m.buffers)} buff, ${K(m.cached)} cached`,
    `CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq`,
    `Load average: ${l} ${l} ${l} ${Math.max(1, runnable(k))}/${k.processes.size} ${lastPid}`,
    '\x1b[7m  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\x1b[m',
  ];
  if (!t.ctx.tty) lines[3] = '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND';
  for (const [n, q] of procs) {
    const ppid = q.parent?.pidIn(t.ctx.proc.pidns) ?? 0;
    const vsz = Math.floor(vszOf(q) / 1024);
    const st = q === t.ctx.proc ? 'R' : stateOf(q).letter;
    lines.push(`${String(n).padStart(5)} ${String(ppid).padStart(5)} ${(db.userName(q.uid) ?? String(q.uid)).padEnd(8).slice(0, 8)} ${st.padEnd(4)} ${String(vsz).padStart(5)}   0%   0   0% ${q.argv.join(' ')}`);
  }
  return lines.map((x) => `${x}\n`).join('');
}
