// `docker stats` / `docker container stats` (cli/command/container/stats.go,
// stats_helpers.go, formatter_stats.go): one collector per container reading
// GET /containers/{id}/stats, a table redrawn every 500 ms of the world's
// clock with \x1b[H … \x1b[K … \x1b[J until Ctrl-C, or printed once with
// --no-stream. Without names, the container list and the events stream decide
// which containers are shown.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { ApiStream } from '../core/daemon/api';
import { DaemonError, callJson, filtersJson } from './api-call';
import { callJsonStream } from './api-stream';
import { contextValue, formatWrite, headerValue } from './formatter';
import { FORMAT_HELP, truncateID } from './cmd-images';
import { INTERRUPTED } from './cmd-pull';
import { bytesSize, humanSizeWithPrecision } from './units';

/** The parts of container.StatsResponse the CLI reads. */
export interface StatsJson {
  name?: string;
  id?: string;
  pids_stats?: { current?: number };
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op: string; value: number }> | null };
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
}

interface Entry {
  container: string;
  name: string;
  id: string;
  cpu: number;
  mem: number;
  memPct: number;
  memLimit: number;
  rx: number;
  tx: number;
  read: number;
  write: number;
  pids: number;
  invalid: boolean;
  error?: string;
  stream?: ApiStream<unknown>;
}

const newEntry = (container: string): Entry => ({
  container,
  name: '',
  id: '',
  cpu: 0,
  mem: 0,
  memPct: 0,
  memLimit: 0,
  rx: 0,
  tx: 0,
  read: 0,
  write: 0,
  pids: 0,
  invalid: false,
});

/** calculateCPUPercentUnix, calculateBlockIO, calculateMemUsageUnixNoCache, calculateNetwork. */
function apply(e: Entry, v: StatsJson): void {
  const cpu = v.cpu_stats ?? {};
  const pre = v.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  let online = cpu.online_cpus ?? 0;
  if (online === 0) online = cpu.cpu_usage?.percpu_usage?.length ?? 0;
  let read = 0;
  let write = 0;
  for (const b of v.blkio_stats?.io_service_bytes_recursive ?? []) {
    const c = b.op[0];
    if (c === 'r' || c === 'R') read += b.value;
    else if (c === 'w' || c === 'W') write += b.value;
  }
  const m = v.memory_stats ?? {};
  const usage = m.usage ?? 0;
  let mem = usage;
  const v1 = m.stats?.total_inactive_file;
  const v2 = m.stats?.inactive_file ?? 0;
  if (v1 !== undefined && v1 < usage) mem = usage - v1;
  else if (v2 < usage) mem = usage - v2;
  const limit = m.limit ?? 0;
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(v.networks ?? {})) {
    rx += n.rx_bytes;
    tx += n.tx_bytes;
  }
  Object.assign(e, {
    name: v.name ?? '',
    id: v.id ?? '',
    cpu: systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0,
    mem,
    memLimit: limit,
    memPct: limit !== 0 ? (mem / limit) * 100 : 0,
    rx,
    tx,
    read,
    write,
    pids: v.pids_stats?.current ?? 0,
  });
}

const pct = (v: number) => v.toFixed(2) + '%';

function statsContext(e: Entry, trunc: boolean) {
  const bad = e.invalid;
  return contextValue('container.statsContext', {
    Container: e.container,
    Name: e.name.length > 1 ? e.name.slice(1) : '--',
    ID: trunc ? truncateID(e.id) : e.id,
    CPUPerc: bad ? '--' : pct(e.cpu),
    MemUsage: bad ? '-- / --' : `${bytesSize(e.mem)} / ${bytesSize(e.memLimit)}`,
    MemPerc: bad ? '--' : pct(e.memPct),
    NetIO: bad ? '--' : `${humanSizeWithPrecision(e.rx, 3)} / ${humanSizeWithPrecision(e.tx, 3)}`,
    BlockIO: bad ? '--' : `${humanSizeWithPrecision(e.read, 3)} / ${humanSizeWithPrecision(e.write, 3)}`,
    PIDs: bad ? '--' : String(e.pids),
  });
}

const HEADER = headerValue({
  Container: 'CONTAINER',
  Name: 'NAME',
  ID: 'CONTAINER ID',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
});

const DEFAULT_FORMAT =
  'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

/** What waits on the world's clock; with no clock the command does not wait. */
function sleeper(ctx: RunContext): (ms: number) => Promise<void> {
  return ctx.io.sleep ?? (() => Promise.resolve());
}

/**
 * Ctrl-C as docker 28.5.2 takes it: the first cancels the requests (every row
 * turns to --); with named containers the screen goes on until the third, which
 * forces the exit (docker/cli#6090, fixed only in 29).
 */
function interrupts(
  ctx: RunContext,
  onFirst: () => void,
): { forced: Promise<'forced'>; count: () => number; off: () => void } {
  let n = 0;
  let force: (v: 'forced') => void = () => undefined;
  const forced = new Promise<'forced'>((r) => (force = r));
  const press = () => {
    n++;
    if (n === 1) onFirst();
    if (n === 3) force('forced');
  };
  if (ctx.io.interrupt?.interrupted) press();
  const off = ctx.io.interrupt?.onInterrupt(press) ?? (() => undefined);
  return { forced, count: () => n, off };
}

class Collectors {
  readonly entries: Entry[] = [];
  private readonly firsts: Promise<void>[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly stream: boolean,
  ) {}

  has(id: string): boolean {
    return this.entries.some((e) => e.container === id);
  }

  remove(id: string): void {
    const i = this.entries.findIndex((e) => e.container === id);
    if (i >= 0) {
      this.entries[i].stream?.cancel();
      this.entries.splice(i, 1);
    }
  }

  /** collect(): the first sample (or error, or 2 s without one) settles `first`. */
  add(container: string): void {
    if (this.has(container)) return;
    const e = newEntry(container);
    this.entries.push(e);
    const sleep = sleeper(this.ctx);
    let settle: () => void = () => undefined;
    const first = new Promise<void>((r) => (settle = r));
    this.firsts.push(first);
    let got = false;
    void (async () => {
      try {
        e.stream = await callJsonStream(this.ctx.client, {
          method: 'GET',
          path: `/containers/${container}/stats`,
          query: { stream: this.stream ? '1' : '0' },
        });
        // collect()'s 2 s wait starts once the response is there: a request that fails (No such
        // container) never times out, nor does a one-shot answer the daemon took 2 s to sample;
        // without a clock to wait on there is no timeout either
        if (this.ctx.io.sleep)
          sleep(2000).then(
            () => {
              if (got) return;
              // SetErrorAndReset: the row shows -- until a sample arrives
              Object.assign(e, newEntry(container), { invalid: true, error: 'timeout waiting for stats' });
              settle();
            },
            // the command may end (an error, Ctrl-C) before the 2 s: its process's wait is then cancelled
            () => undefined,
          );
        for await (const v of e.stream) {
          apply(e, v as StatsJson);
          e.invalid = false;
          e.error = undefined;
          got = true;
          settle();
          if (!this.stream) break;
        }
        // the daemon ended the stream (the container stopped): io.EOF marks the row invalid
        if (this.stream) e.invalid = true;
      } catch (err) {
        if (!(err instanceof DaemonError)) throw err;
        e.invalid = true;
        e.error = err.message;
      }
      settle();
    })();
  }

  waitFirst(): Promise<void> {
    return Promise.all(this.firsts).then(() => undefined);
  }

  stop(): void {
    for (const e of this.entries) e.stream?.cancel();
  }
}

/** Containers to show when none are named: the list, then start/create/die events as they come. */
async function watchAll(
  ctx: RunContext,
  c: Collectors,
  all: boolean,
): Promise<ApiStream<unknown> | undefined> {
  let events: ApiStream<unknown> | undefined;
  try {
    events = await callJsonStream(ctx.client, {
      method: 'GET',
      path: '/events',
      query: { filters: filtersJson([['type', 'container']]) },
    });
  } catch (err) {
    if (!(err instanceof DaemonError)) throw err;
  }
  const list = ((await callJson(ctx.client, {
    method: 'GET',
    path: '/containers/json',
    query: all ? { all: '1' } : {},
  })) ?? []) as Array<{ Id: string }>;
  for (const ctr of list) c.add(ctr.Id);
  if (events) {
    const ev = events;
    void (async () => {
      for await (const m of ev) {
        const msg = m as { Action?: string; Actor?: { ID?: string } };
        const id = msg.Actor?.ID ?? '';
        if (id === '') continue;
        if (msg.Action === 'start' || (all && msg.Action === 'create')) c.add(id);
        else if (!all && msg.Action === 'die') c.remove(id);
      }
    })();
  }
  return events;
}

async function runStats(ctx: RunContext): Promise<number> {
  const { flags, io } = ctx;
  const noStream = flags.bool('no-stream');
  const c = new Collectors(ctx, !noStream);
  const showAll = ctx.args.length === 0;
  let events: ApiStream<unknown> | undefined;
  if (showAll) events = await watchAll(ctx, c, flags.bool('all'));
  else for (const name of ctx.args) c.add(name);
  await c.waitFirst();
  if (!showAll) {
    const errs = c.entries.flatMap((e) => (e.error !== undefined ? [e.error] : []));
    if (errs.length > 0) {
      c.stop();
      throw new CliError(errs.join('\n'), 1);
    }
  }
  const format = flags.string('format') || 'table';
  const trunc = !flags.bool('no-trunc');
  const sleep = sleeper(ctx);
  const int = interrupts(ctx, () => {
    // the context is cancelled: every collector's request fails
    c.stop();
    for (const e of c.entries)
      Object.assign(e, newEntry(e.container), { name: e.name, id: e.id, invalid: true });
    events?.cancel();
  });
  try {
    for (;;) {
      // the display ticks every 500 ms, the first time too
      if ((await Promise.race([sleep(500), int.forced])) === 'forced') {
        io.stderr.write('\ngot 3 SIGTERM/SIGINTs, forcefully exiting\n');
        return 1;
      }
      const rows = c.entries.map((e) => statsContext(e, trunc));
      const r = formatWrite(format === 'table' ? DEFAULT_FORMAT : format, HEADER, rows);
      if (r.error) throw new CliError(r.error, 1);
      let text = r.out;
      if (!noStream) {
        // the real CLI appends the erase-to-end-of-line copy to the same buffer it splits
        text = '\x1b[H' + text;
        text += text
          .split('\n')
          .map((l) => `${l} \x1b[K\n`)
          .join('');
        text += '\x1b[J';
      }
      io.stdout.write(text);
      if (noStream || (c.entries.length === 0 && !showAll)) return int.count() > 0 ? INTERRUPTED : 0;
      // watching every container, the events stream fails with the cancelled context and ends the command
      if (showAll && int.count() > 0) return INTERRUPTED;
    }
  } finally {
    int.off();
    c.stop();
    events?.cancel();
  }
}

export const statsCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 0 },
  flags: [
    { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'no-stream', kind: 'bool', usage: 'Disable streaming stats and only pull the first result' },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate output' },
    { name: 'format', kind: 'string', usage: FORMAT_HELP },
  ],
  run: runStats,
};
