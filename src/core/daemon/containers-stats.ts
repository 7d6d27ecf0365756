// GET /containers/{id}/stats (daemon/stats.go, stats_unix.go statsV2): the
// collector samples each running container's cgroup once a second of the
// world's clock. stream=1 sends every sample with the previous one's CPU as
// precpu; stream=0 discards the first sample to prime precpu and sends the
// second; one-shot sends one at once. A container that is not running gives
// the empty response (only name and ID) without streaming.
import type { Clock } from '../clock';
import type { Cgroup } from '../kernel/cgroup';
import type { ApiResponse } from './api';
import type { ContainerEntry } from './containers-entry';
import { rfc3339Nano } from './containers-logs';
import type { Daemon } from './daemon';
import { networkStats, type NetworkStats } from './containers-stats-net';
import { boolValue, errorResponse, MessageStream } from './engine';

/** The collector's interval (daemon.go newStatsCollector(1 * time.Second)). */
export const COLLECT_INTERVAL_MS = 1000;

interface CpuStats {
  cpu_usage: { total_usage: number; usage_in_kernelmode: number; usage_in_usermode: number };
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

const NO_BLKIO = {
  io_service_bytes_recursive: null,
  io_serviced_recursive: null,
  io_queue_recursive: null,
  io_service_time_recursive: null,
  io_wait_time_recursive: null,
  io_merged_recursive: null,
  io_time_recursive: null,
  sectors_recursive: null,
};

function zeroCpu(): CpuStats {
  return {
    cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
}

/** StatsResponse{Name, ID}: what a container that is not running reports. */
export function emptyStats(c: ContainerEntry): Record<string, unknown> {
  return {
    name: c.rec.Name,
    id: c.id,
    read: '0001-01-01T00:00:00Z',
    preread: '0001-01-01T00:00:00Z',
    pids_stats: {},
    blkio_stats: NO_BLKIO,
    num_procs: 0,
    storage_stats: {},
    cpu_stats: zeroCpu(),
    precpu_stats: zeroCpu(),
    memory_stats: {},
  };
}

/** One sample of the cgroup (statsV2), without name/ID/precpu yet. */
export function sample(
  daemon: Daemon,
  cg: Cgroup,
  networks: Record<string, NetworkStats> | undefined,
): { read: number; cpu: CpuStats; rest: Record<string, unknown> } {
  const d = daemon.deps;
  const now = d.clock.now();
  const usage = Math.floor(cg.cpuUsageUsec());
  const user = Math.floor(usage * 0.8);
  // /proc/stat's total over all CPUs since boot, in nanoseconds (getSystemCPUUsage)
  const system = Math.max(0, now - d.host.bootTime) * 1e6 * d.host.cpus;
  const periods = cg.limits.cpuQuota !== undefined ? Math.floor(usage / (cg.limits.cpuPeriod ?? 100_000)) : 0;
  const cpu: CpuStats = {
    cpu_usage: {
      total_usage: usage * 1000,
      usage_in_kernelmode: (usage - user) * 1000,
      usage_in_usermode: user * 1000,
    },
    system_cpu_usage: system,
    online_cpus: d.host.cpus,
    throttling_data: { periods, throttled_periods: 0, throttled_time: 0 },
  };
  const limit =
    cg.limits.memoryMax !== undefined && cg.limits.memoryMax <= d.host.memTotal
      ? cg.limits.memoryMax
      : d.host.memTotal;
  // the processes' memory is anonymous memory: no page cache to subtract
  const mem: Record<string, number> = {
    active_anon: 0,
    active_file: 0,
    anon: cg.memoryCurrent,
    anon_thp: 0,
    file: 0,
    file_dirty: 0,
    file_mapped: 0,
    file_writeback: 0,
    inactive_anon: cg.memoryCurrent,
    inactive_file: 0,
    kernel_stack: 16384 * cg.pidsCurrent,
    pgactivate: 0,
    pgdeactivate: 0,
    pgfault: Math.floor(cg.memoryCurrent / 4096),
    pglazyfree: 0,
    pglazyfreed: 0,
    pgmajfault: 0,
    pgrefill: 0,
    pgscan: 0,
    pgsteal: 0,
    shmem: 0,
    slab: 0,
    slab_reclaimable: 0,
    slab_unreclaimable: 0,
    sock: 0,
    thp_collapse_alloc: 0,
    thp_fault_alloc: 0,
    unevictable: 0,
    workingset_activate: 0,
    workingset_nodereclaim: 0,
    workingset_refault: 0,
  };
  const blkio =
    cg.ioRead > 0 || cg.ioWrite > 0
      ? {
          ...NO_BLKIO,
          io_service_bytes_recursive: [
            { major: 8, minor: 0, op: 'read', value: cg.ioRead },
            { major: 8, minor: 0, op: 'write', value: cg.ioWrite },
          ],
        }
      : NO_BLKIO;
  const memoryStats: Record<string, unknown> = { usage: cg.memoryCurrent, stats: mem };
  if (cg.oomEvents > 0) memoryStats.failcnt = cg.oomEvents;
  memoryStats.limit = limit;
  const pids: Record<string, number> = {};
  if (cg.pidsCurrent > 0) pids.current = cg.pidsCurrent;
  if (cg.limits.pidsMax !== undefined) pids.limit = cg.limits.pidsMax;
  return {
    read: now,
    cpu,
    rest: {
      pids_stats: pids,
      blkio_stats: blkio,
      num_procs: 0,
      storage_stats: {},
      memory_stats: memoryStats,
      ...(networks ? { networks } : {}),
    },
  };
}

/** Milliseconds until the collector's next tick (it ticks on whole seconds of the clock). */
function untilTick(clock: Clock): number {
  const now = clock.now();
  return COLLECT_INTERVAL_MS - (now % COLLECT_INTERVAL_MS) || COLLECT_INTERVAL_MS;
}

/**
 * The samples the collector publishes for a container, from the next tick on:
 * the cgroup's numbers while it runs, the empty response otherwise.
 */
function subscribe(
  daemon: Daemon,
  c: ContainerEntry,
  publish: (doc: Record<string, unknown>) => boolean,
): () => void {
  const clock = daemon.deps.clock;
  let pre: CpuStats = zeroCpu();
  let preRead = 0;
  let timer: number | undefined;
  const tick = () => {
    const cg = c.live?.cgroup;
    let doc: Record<string, unknown>;
    if (c.removed) return;
    const net = cg && c.running ? networkStats(daemon, c) : undefined;
    // GetContainerStats' error (the donor's sandbox is gone): the collector publishes the empty response
    if (!cg || !c.running || !net?.ok) doc = emptyStats(c);
    else {
      const s = sample(daemon, cg, net.value);
      doc = {
        name: c.rec.Name,
        id: c.id,
        read: rfc3339Nano(s.read),
        preread: preRead === 0 ? '0001-01-01T00:00:00Z' : rfc3339Nano(preRead),
        ...pick(s.rest, ['pids_stats', 'blkio_stats', 'num_procs', 'storage_stats']),
        cpu_stats: s.cpu,
        precpu_stats: pre,
        ...pick(s.rest, ['memory_stats', 'networks']),
      };
      pre = s.cpu;
      preRead = s.read;
    }
    if (publish(doc)) timer = clock.setTimeout(tick, untilTick(clock));
  };
  timer = clock.setTimeout(tick, untilTick(clock));
  return () => {
    if (timer !== undefined) clock.clearTimeout(timer);
  };
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

export async function containerStats(
  daemon: Daemon,
  c: ContainerEntry,
  query: Readonly<Record<string, string | undefined>>,
): Promise<ApiResponse> {
  const stream = query.stream === undefined ? true : boolValue(query, 'stream');
  const oneShot = boolValue(query, 'one-shot');
  if (stream && oneShot)
    return { status: 400, body: { message: 'cannot have stream=true and one-shot=true' } };
  if (!stream && (!c.running || c.restarting)) return { status: 200, body: emptyStats(c) };
  if (oneShot) {
    const cg = c.live?.cgroup;
    if (!cg) return { status: 200, body: emptyStats(c) };
    const net = networkStats(daemon, c);
    if (!net.ok) return errorResponse(net);
    const s = sample(daemon, cg, net.value);
    return {
      status: 200,
      body: {
        name: c.rec.Name,
        id: c.id,
        read: rfc3339Nano(s.read),
        preread: '0001-01-01T00:00:00Z',
        ...pick(s.rest, ['pids_stats', 'blkio_stats', 'num_procs', 'storage_stats']),
        cpu_stats: s.cpu,
        precpu_stats: zeroCpu(),
        ...pick(s.rest, ['memory_stats', 'networks']),
      },
    };
  }
  if (!stream) {
    // the first frame only primes precpu
    let n = 0;
    const doc = await new Promise<Record<string, unknown>>((resolve) => {
      const stop = subscribe(daemon, c, (d) => {
        if (++n < 2) return true;
        stop();
        resolve(d);
        return false;
      });
    });
    return { status: 200, body: doc };
  }
  const out = new MessageStream<unknown>();
  const stop = subscribe(daemon, c, (d) => {
    if (out.isEnded) return false;
    out.push(d);
    return true;
  });
  const offRemove = () => {
    stop();
    out.end();
  };
  c.removeListeners.add(offRemove);
  out.onCancel(() => {
    stop();
    c.removeListeners.delete(offRemove);
  });
  return { status: 200, json: out };
}
