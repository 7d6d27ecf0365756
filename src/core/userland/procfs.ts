// /proc as one process sees it: the processes of its PID namespace with PIDs
// as numbered there (PPid 0 for a parent outside), the host's memory, CPUs,
// uptime and kernel (containers share the host kernel), its mount table; and
// /sys/fs/cgroup from its cgroup. Pure functions over the kernel's state: the
// container runtime mounts their output, and tools read the same functions.
import type { Cgroup } from '../kernel/cgroup';
import type { Kernel, Process } from '../kernel/process';
import type { HostInfo, Sys } from './types';

export interface MountInfo {
  source: string;
  target: string;
  fstype: string;
  options: string;
  /** Filesystem size, used and available space in bytes (df); the host's disk when absent. */
  size?: number;
  used?: number;
  avail?: number;
}

/** A Sys whose runtime knows its mounts (the container runtime adds this). */
export interface MountProvider {
  mounts?: () => MountInfo[];
}

export interface ProcOptions {
  kernel: Kernel<Sys>;
  self: Process<Sys>;
  host: HostInfo;
  cgroup?: Cgroup;
  mounts?: MountInfo[];
  /** `host` shows the cgroup's real path (cgroupns=host); private (the v2 default) shows "/". */
  cgroupns?: 'private' | 'host';
}

/** The host's disk, for df when the runtime gives no sizes: a 100 GiB ext4 root. */
export const HOST_DISK = { size: 105_089_261_568, used: 21_900_832_768 };
/** What the host's own processes and page cache hold outside the simulation. */
export const HOST_BASELINE = { used: 1_180_000_000, buffCache: 2_150_000_000, shared: 11_600_000 };
const CLK_TCK = 100;

/** The mount table of a process's mount namespace: the runtime's, or a plain Docker container's. */
export function mountsOf(sys: Sys): MountInfo[] {
  const provided = (sys as Sys & MountProvider).mounts?.();
  if (provided) return provided;
  return [
    { source: 'overlay', target: '/', fstype: 'overlay', options: 'rw,relatime' },
    { source: 'proc', target: '/proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
    { source: 'tmpfs', target: '/dev', fstype: 'tmpfs', options: 'rw,nosuid,size=65536k,mode=755,inode64', size: 67_108_864, used: 0 },
    { source: 'devpts', target: '/dev/pts', fstype: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666' },
    { source: 'sysfs', target: '/sys', fstype: 'sysfs', options: 'ro,nosuid,nodev,noexec,relatime' },
    { source: 'cgroup', target: '/sys/fs/cgroup', fstype: 'cgroup2', options: 'ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot' },
    { source: 'mqueue', target: '/dev/mqueue', fstype: 'mqueue', options: 'rw,nosuid,nodev,noexec,relatime' },
    { source: 'shm', target: '/dev/shm', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=65536k,inode64', size: 67_108_864, used: 0 },
    { source: '/dev/sda1', target: '/etc/resolv.conf', fstype: 'ext4', options: 'rw,relatime,discard,errors=remount-ro' },
    { source: '/dev/sda1', target: '/etc/hostname', fstype: 'ext4', options: 'rw,relatime,discard,errors=remount-ro' },
    { source: '/dev/sda1', target: '/etc/hosts', fstype: 'ext4', options: 'rw,relatime,discard,errors=remount-ro' },
  ];
}

export function mountsText(mounts: MountInfo[]): string {
  return mounts.map((m) => `${m.source} ${m.target} ${m.fstype} ${m.options} 0 0\n`).join('');
}

const VFS_FLAGS = new Set(['rw', 'ro', 'nosuid', 'nodev', 'noexec', 'relatime', 'noatime', 'nodiratime', 'strictatime', 'sync', 'dirsync']);

/**
 * /proc/PID/mountinfo: `ID PARENT MAJ:MIN ROOT MOUNTPOINT MOUNT-OPTS - FSTYPE SOURCE SUPER-OPTS`,
 * the per-mount flags apart from the filesystem's own options (nginx's 30-tune-worker-processes.sh
 * finds the cgroup2 mount here).
 */
export function mountinfoText(mounts: MountInfo[]): string {
  const base = 1549;
  return mounts
    .map((m, i) => {
      let parent = 1335;
      let best = -1;
      mounts.forEach((o, j) => {
        if (j >= i) return;
        const under = o.target === '/' || m.target.startsWith(`${o.target}/`);
        if (under && o.target.length > best) {
          best = o.target.length;
          parent = base + j;
        }
      });
      const opts = m.options.split(',');
      const mountOpts = opts.filter((o) => VFS_FLAGS.has(o)).join(',');
      const superOpts = [m.fstype === 'sysfs' ? 'ro' : 'rw', ...opts.filter((o) => !VFS_FLAGS.has(o))].join(',');
      const dev = m.source.startsWith('/dev/sd') ? '8:1' : `0:${118 + i}`;
      return `${base + i} ${parent} ${dev} / ${m.target} ${mountOpts} - ${m.fstype} ${m.source} ${superOpts}\n`;
    })
    .join('');
}

/** Processes visible from `self`'s PID namespace, by PID there. */
export function visibleProcesses(self: Process<Sys>): Array<[number, Process<Sys>]> {
  return [...self.pidns.members.entries()].map(([n, p]) => [n, p as Process<Sys>] as [number, Process<Sys>]).sort((a, b) => a[0] - b[0]);
}

/** A process's parent as numbered in `self`'s namespace (0 when the parent is outside it). */
export function ppidIn(self: Process<Sys>, p: Process<Sys>): number {
  return p.parent?.pidIn(self.pidns) ?? 0;
}

/** comm: the executable's name, at most 15 bytes (TASK_COMM_LEN). */
export function commOf(p: Process<Sys>): string {
  const a0 = p.argv[0] ?? '';
  return a0.slice(a0.lastIndexOf('/') + 1).slice(0, 15);
}

export function stateOf(p: Process<Sys>): { letter: string; word: string } {
  if (p.state === 'stopped') return { letter: 'T', word: 'stopped' };
  if (p.state === 'exited') return { letter: 'Z', word: 'zombie' };
  return p.spinning > 0 ? { letter: 'R', word: 'running' } : { letter: 'S', word: 'sleeping' };
}

/** Virtual size: the resident set plus mapped but untouched libraries and stack. */
export function vszOf(p: Process<Sys>): number {
  return p.rss + 2_424_832;
}

export interface MemInfo {
  total: number;
  free: number;
  available: number;
  buffers: number;
  cached: number;
  shared: number;
  used: number;
  swapTotal: number;
  swapFree: number;
}

/** The host's memory: every simulated process's resident set on top of the host's own. */
export function memInfo(host: HostInfo, kernel: Kernel<Sys>): MemInfo {
  let rss = 0;
  for (const p of kernel.processes.values()) rss += p.rss;
  const used = Math.min(host.memTotal, HOST_BASELINE.used + rss);
  const buffCache = Math.min(HOST_BASELINE.buffCache, host.memTotal - used);
  const buffers = Math.floor(buffCache * 0.06);
  return {
    total: host.memTotal,
    free: Math.max(0, host.memTotal - used - buffCache),
    available: Math.max(0, host.memTotal - used - Math.floor(buffCache * 0.1)),
    buffers,
    cached: buffCache - buffers,
    shared: HOST_BASELINE.shared,
    used,
    swapTotal: 0,
    swapFree: 0,
  };
}

const kB = (bytes: number) => `${String(Math.floor(bytes / 1024)).padStart(8)} kB`;

function meminfoText(m: MemInfo): string {
  const rows: Array<[string, number]> = [
    ['MemTotal', m.total], ['MemFree', m.free], ['MemAvailable', m.available], ['Buffers', m.buffers], ['Cached', m.cached],
    ['SwapCached', 0], ['Active', Math.floor(m.used * 0.4)], ['Inactive', Math.floor(m.cached * 0.6)], ['Shmem', m.shared],
    ['SwapTotal', m.swapTotal], ['SwapFree', m.swapFree],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(15)}${kB(v)}\n`).join('');
}

function cpuinfoText(host: HostInfo): string {
  let out = '';
  for (let i = 0; i < host.cpus; i++) {
    out += `processor\t: ${i}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nstepping\t: 7\ncpu MHz\t\t: 2200.214\ncache size\t: 39424 KB\nphysical id\t: 0\nsiblings\t: ${host.cpus}\ncore id\t\t: ${i}\ncpu cores\t: ${host.cpus}\napicid\t\t: ${i}\nfpu\t\t: yes\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch avx2 avx512f\nbogomips\t: 4400.42\naddress sizes\t: 46 bits physical, 48 bits virtual\n\n`;
  }
  return out;
}

/** Seconds since the host booted. */
export function uptimeSeconds(host: HostInfo, kernel: Kernel<Sys>): number {
  return Math.max(0, (kernel.clock.now() - host.bootTime) / 1000);
}

/** Threads wanting a CPU right now: what the load averages track. */
export function runnable(kernel: Kernel<Sys>): number {
  let n = 0;
  for (const p of kernel.processes.values()) n += p.spinning;
  return n;
}

export function loadavgText(kernel: Kernel<Sys>, self: Process<Sys>): string {
  const r = runnable(kernel);
  const l = r.toFixed(2);
  const lastPid = Math.max(0, ...self.pidns.members.keys());
  return `${l} ${l} ${l} ${Math.max(1, r)}/${kernel.processes.size} ${lastPid}\n`;
}

function statusText(p: Process<Sys>, nsPid: number, ppid: number, o: ProcOptions): string {
  const st = stateOf(p);
  const chain: number[] = [];
  for (let ns: typeof p.pidns | undefined = p.pidns; ns; ns = ns.parent) {
    const n = p.pidIn(ns);
    if (n !== undefined) chain.unshift(n);
    if (ns === o.self.pidns) break;
  }
  const ids = chain.join('\t');
  return [
    `Name:\t${commOf(p)}`, 'Umask:\t0022', `State:\t${st.letter} (${st.word})`, `Tgid:\t${nsPid}`, 'Ngid:\t0', `Pid:\t${nsPid}`, `PPid:\t${ppid}`,
    'TracerPid:\t0', `Uid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}`, `Gid:\t${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}`, 'FDSize:\t64', `Groups:\t${p.gid === 0 ? '0 ' : ''}`,
    `NStgid:\t${ids}`, `NSpid:\t${ids}`, `NSpgid:\t${ids}`, `NSsid:\t${ids}`,
    `VmPeak:\t${kB(vszOf(p)).trimStart().padStart(8)}`, `VmSize:\t${kB(vszOf(p))}`, `VmRSS:\t${kB(p.rss)}`, 'Threads:\t1',
    `voluntary_ctxt_switches:\t${1 + Math.floor((o.kernel.clock.now() - p.startTime) / 10_000)}`, 'nonvoluntary_ctxt_switches:\t0',
  ].join('\n') + '\n';
}

function statText(p: Process<Sys>, nsPid: number, ppid: number, o: ProcOptions): string {
  const start = Math.floor(((p.startTime - o.host.bootTime) / 1000) * CLK_TCK);
  const fields = [nsPid, `(${commOf(p)})`, stateOf(p).letter, ppid, nsPid, nsPid, 0, -1, 4194560, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 1, 0, start, vszOf(p), Math.ceil(p.rss / 4096)];
  return `${fields.join(' ')}\n`;
}

/**
 * /proc/net/if_inet6 (net/ipv6/addrconf.c if6_seq_show: address, ifindex,
 * prefix length, scope, flags, name): lo's ::1 in every namespace. Docker's
 * networks here are IPv4-only, and on those the daemon disables IPv6 on eth0,
 * so eth0 has no link-local address to list.
 */
export function ifInet6Text(): string {
  return `${'0'.repeat(31)}1 01 80 10 80 ${'lo'.padStart(8)}\n`;
}

/** The files of /proc for `self`: absolute paths and contents. */
export function procEntries(o: ProcOptions): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const cgLine = o.cgroup && o.cgroupns === 'host' ? `0::${o.cgroup.path}\n` : '0::/\n';
  for (const [n, p] of visibleProcesses(o.self)) {
    const ppid = ppidIn(o.self, p);
    const dir = `/proc/${n}`;
    out.push([`${dir}/status`, statusText(p, n, ppid, o)]);
    out.push([`${dir}/stat`, statText(p, n, ppid, o)]);
    out.push([`${dir}/cmdline`, p.argv.map((a) => `${a}\0`).join('')]);
    out.push([`${dir}/comm`, `${commOf(p)}\n`]);
    out.push([`${dir}/environ`, Object.entries(p.env).map(([k, v]) => `${k}=${v}\0`).join('')]);
    out.push([`${dir}/cgroup`, p.cgroup === o.cgroup ? cgLine : `0::${p.cgroup?.path ?? '/'}\n`]);
    out.push([`${dir}/mounts`, mountsText(o.mounts ?? [])]);
    out.push([`${dir}/mountinfo`, mountinfoText(o.mounts ?? [])]);
    out.push([`${dir}/net/if_inet6`, ifInet6Text()]);
  }
  const now = uptimeSeconds(o.host, o.kernel);
  out.push(['/proc/meminfo', meminfoText(memInfo(o.host, o.kernel))]);
  out.push(['/proc/cpuinfo', cpuinfoText(o.host)]);
  out.push(['/proc/uptime', `${now.toFixed(2)} ${(now * o.host.cpus * 0.97).toFixed(2)}\n`]);
  out.push(['/proc/loadavg', loadavgText(o.kernel, o.self)]);
  out.push(['/proc/mounts', mountsText(o.mounts ?? [])]);
  out.push(['/proc/version', `Linux version ${o.host.kernelRelease} (buildd@lcy02-amd64-100) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) ${o.host.kernelVersion}\n`]);
  out.push(['/proc/sys/kernel/pid_max', '4194304\n']);
  out.push(['/proc/sys/kernel/hostname', `${o.self.ns.uts.hostname}\n`]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The symlinks of /proc: self, and each process's cwd. */
export function procLinks(o: ProcOptions): Array<[string, string]> {
  const self = o.self.pidIn(o.self.pidns) ?? o.self.nsPid;
  const out: Array<[string, string]> = [['/proc/self', String(self)], ['/proc/thread-self', `${self}/task/${self}`], ['/proc/net', 'self/net']];
  for (const [n, p] of visibleProcesses(o.self)) out.push([`/proc/${n}/cwd`, p.cwd]);
  return out;
}

/** /sys/fs/cgroup inside a container with a private cgroup namespace: the container's own cgroup at the root. */
export function cgroupEntries(cgroup: Cgroup): Array<[string, string]> {
  return Object.entries(cgroup.files())
    .map(([k, v]) => [`/sys/fs/cgroup/${k}`, v] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
