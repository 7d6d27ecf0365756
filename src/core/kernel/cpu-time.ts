// A process's CPU time as procps-ng's ps derives its columns from /proc
// (src/ps/output.c): jiffies at USER_HZ 100 of utime+stime, over the seconds
// since the process started. `docker top` runs the host's ps and the ps inside
// a container reads the same kernel, so both format through here.

/** USER_HZ: the tick /proc/<pid>/stat counts utime and stime in. */
export const HERTZ = 100;

export interface CpuAccounted {
  /** ms since the epoch. */
  readonly startTime: number;
  cpuUsageUsec(): number;
}

/** TICS_ALL: utime + stime in jiffies. */
export function cpuTicks(p: CpuAccounted): number {
  return Math.floor(p.cpuUsageUsec() / (1_000_000 / HERTZ));
}

/** TIME_ELAPSED × Hertz, as ps truncates it: jiffies of the process's life. */
function lifeJiffies(p: CpuAccounted, now: number): number {
  return Math.floor(((now - p.startTime) / 1000) * HERTZ);
}

/** pr_c: "processor utilisation", integer percent of its life spent on a CPU, at most 99. */
export function psC(p: CpuAccounted, now: number): string {
  const jiffies = lifeJiffies(p, now);
  const pcpu = jiffies > 0 ? Math.floor((cpuTicks(p) * 100) / jiffies) : 0;
  return String(Math.min(99, pcpu));
}

/** pr_pcpu: %CPU as ##.# (per mille; from 100% on without the decimal). */
export function psPcpu(p: CpuAccounted, now: number): string {
  const jiffies = lifeJiffies(p, now);
  const pcpu = jiffies > 0 ? Math.floor((cpuTicks(p) * 1000) / jiffies) : 0;
  if (pcpu > 999) return String(Math.floor(pcpu / 10));
  return `${Math.floor(pcpu / 10)}.${pcpu % 10}`;
}

/** pr_time: cumulative CPU time [dd-]hh:mm:ss. */
export function psTime(p: CpuAccounted): string {
  let t = Math.floor(cpuTicks(p) / HERTZ);
  const ss = t % 60;
  t = Math.floor(t / 60);
  const mm = t % 60;
  t = Math.floor(t / 60);
  const hh = t % 24;
  const dd = Math.floor(t / 24);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${dd ? `${dd}-` : ''}${two(hh)}:${two(mm)}:${two(ss)}`;
}

/** pr_bsdtime (ps aux's TIME): minutes:seconds, "%3u:%02u". */
export function psBsdTime(p: CpuAccounted): string {
  const u = Math.floor(cpuTicks(p) / HERTZ);
  return `${String(Math.floor(u / 60)).padStart(3)}:${String(u % 60).padStart(2, '0')}`;
}

/** top's TIME+ (scale_tics at width 9): minutes:seconds.hundredths of utime+stime. */
export function topTime(p: CpuAccounted): string {
  const t = cpuTicks(p);
  const cs = t % HERTZ;
  const s = Math.floor(t / HERTZ);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${String(cs).padStart(2, '0')}`;
}
