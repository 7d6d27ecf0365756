// GET /containers/{id}/top (daemon/top_unix.go): the host's procps `ps` run
// with the student's options (default `-ef`) plus `-q` and the container's PIDs,
// its output split into fields and kept to the container's processes, with host
// PIDs: PID 1's parent is the containerd shim, outside the container.
import { fail, ok, type Result } from '../image/errors';
import type { Process } from '../kernel/process';
import { psEntry } from '../userland/tools/ps-entry';
import { psForest, psText } from '../userland/tools/ps-columns';
import { parsePsArgs, psWants, type PsRequest } from '../userland/tools/ps-options';
import type { Sys } from '../userland/types';
import type { ContainerEntry } from './containers-entry';
import type { Daemon } from './daemon';

export interface TopResponse {
  Titles: string[];
  Processes: string[][];
}

/** validatePSArgs: a renamed column may not take the PID column's title. */
function psArgsError(psArgs: string): string | undefined {
  for (const m of psArgs.matchAll(/\s+(\S*)=\s*(PID\S*)/g)) {
    if (m[1] !== 'pid') return `specifying "${m[1]}=${m[2]}" is not allowed`;
  }
  return undefined;
}

/** The host's users: the daemon's ps names root and shows other uids as numbers. */
const hostUser = (uid: number) => (uid === 0 ? 'root' : undefined);

/** Go's strings.FieldsFunc on ASCII blanks (fieldsASCII). */
const fields = (line: string) => line.split(/[\t\n\f\r ]+/).filter((f) => f !== '');

/** parsePSOutput: titles from the first line, rows kept when their PID is the container's. */
function parsePsOutput(output: string, pids: Set<number>): Result<TopResponse> {
  const lines = output.split('\n');
  const titles = fields(lines[0]);
  const pidIndex = titles.indexOf('PID');
  if (pidIndex < 0) return fail('system', "Couldn't find PID field in ps output");
  const processes: string[][] = [];
  let previousKept = false;
  // the last title takes the rest of the line (the command's own blanks)
  const row = (f: string[]) => [...f.slice(0, titles.length - 1), f.slice(titles.length - 1).join(' ')];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const f = fields(line);
    if (f[pidIndex] === '-') {
      if (previousKept) processes.push(row(f));
      continue;
    }
    const pid = /^[+-]?\d+$/.test(f[pidIndex]) ? Number(f[pidIndex]) : NaN;
    if (Number.isNaN(pid))
      return fail('system', `Unexpected pid '${f[pidIndex]}': strconv.Atoi: parsing "${f[pidIndex]}": invalid syntax`);
    previousKept = pids.has(pid);
    if (previousKept) processes.push(row(f));
  }
  return ok({ Titles: titles, Processes: processes });
}

export function topProcesses(daemon: Daemon, c: ContainerEntry, psArgs: string): Result<TopResponse> {
  if (psArgs === '') psArgs = '-ef';
  const bad = psArgsError(psArgs);
  if (bad) return fail('system', bad);
  if (!c.running || !c.live) return fail('conflict', `container ${c.id} is not running`);
  if (c.restarting)
    return fail('conflict', `Container ${c.id} is restarting, wait until the container is running`);
  const procs = daemon.deps.kernel.inCgroup(c.live.cgroup);
  const pids = new Set(procs.map((p) => p.pid));
  const args = psArgs.split(' ');
  const lookup = { uid: (n: string) => (n === 'root' || n === '0' ? 0 : /^\d+$/.test(n) ? Number(n) : undefined), gid: (n: string) => (n === 'root' || n === '0' ? 0 : /^\d+$/.test(n) ? Number(n) : undefined) };
  // `ps ARGS -qPIDS` reads only the container's processes; when ps refuses that
  // (ARGS select by other lists, or have a -q of their own) the daemon runs
  // `ps ARGS` and keeps the container's rows; its error is the one reported
  const alone = parsePsArgs(args, lookup);
  if ('error' in alone) return fail('system', `ps: error: ${alone.error}`);
  let req: PsRequest = alone;
  // (-q refuses forest listings too: the tree is then the host's, the container's rows under the shim)
  if (!alone.quick && alone.lists.length === 0 && !alone.forest) {
    const quick = parsePsArgs([...args, `-q${[...pids].join(',')}`], lookup);
    if (!('error' in quick)) req = quick;
  }
  const view = {
    pidOf: (q: Process<Sys>) => q.pid,
    userName: hostUser,
    groupName: hostUser,
    cpus: daemon.deps.host.cpus,
  };
  const root = { uid: 0, tty: '?' };
  const read = req.forest ? [...daemon.deps.kernel.processes.values()] : procs;
  const entries = read.map((p) => psEntry(p, view)).filter((e) => psWants(req, e, root));
  const rows = req.forest ? psForest(entries, req.forest) : entries;
  const clock = { now: daemon.deps.clock.now(), memTotalKb: daemon.deps.host.memTotal / 1024 };
  const top = parsePsOutput(psText(req.columns, req.headers, rows, clock), pids);
  if (top.ok) daemon.event(c, 'top');
  return top;
}
