// The process part of the OCI spec Docker generates: the user (runc's
// lookup in the container's /etc/passwd and /etc/group), the environment
// (the daemon's defaults, the container's Env, then HOME), and the cgroup
// resources from HostConfig (reference §8).
import { FsError } from '../fs/types';
import type { CgroupLimits } from '../kernel/cgroup';
import { DEFAULT_PATH } from '../userland/exec';
import type { FileSystem } from '../userland/types';
import type { ContainerRecord } from './containers-types';

/** HostConfig resources → the cgroup v2 files runc writes (reference §8). */
export function limitsOf(rec: ContainerRecord): CgroupLimits {
  const hc = rec.HostConfig;
  const mem = hc.Memory ?? 0;
  const swap = hc.MemorySwap ?? 0;
  const nano = hc.NanoCpus ?? 0;
  const pids = hc.PidsLimit ?? 0;
  return {
    memoryMax: mem > 0 ? mem : undefined,
    memorySwapMax: mem > 0 && swap > 0 ? swap - mem : undefined,
    cpuQuota:
      nano > 0 ? Math.floor((nano * 100_000) / 1e9) : (hc.CpuQuota ?? 0) > 0 ? hc.CpuQuota! : undefined,
    cpuPeriod: nano > 0 ? 100_000 : hc.CpuPeriod || 100_000,
    pidsMax: pids > 0 ? pids : undefined,
  };
}

/** CreateDaemonEnvironment + ReplaceOrAppendEnvValues, then runc's HOME. */
export function processEnv(
  rec: ContainerRecord,
  tty: boolean,
  home: string,
  extra: string[] = [],
): Record<string, string> {
  const base = [`PATH=${DEFAULT_PATH}`, `HOSTNAME=${rec.Config.Hostname ?? ''}`];
  if (tty) base.push('TERM=xterm');
  const list = replaceOrAppend(replaceOrAppend(base, rec.Config.Env ?? []), extra);
  const env: Record<string, string> = {};
  for (const e of list) {
    const i = e.indexOf('=');
    env[e.slice(0, i)] = e.slice(i + 1);
  }
  if (!('HOME' in env)) env.HOME = home;
  return env;
}

export function replaceOrAppend(defaults: string[], overrides: string[]): string[] {
  const out = [...defaults];
  const at = new Map(out.map((e, i) => [e.split('=')[0], i]));
  const unset = new Set<number>();
  for (const v of overrides) {
    const i = v.indexOf('=');
    if (i < 0) {
      const j = at.get(v);
      if (j !== undefined) unset.add(j);
      continue;
    }
    const j = at.get(v.slice(0, i));
    if (j !== undefined) out[j] = v;
    else {
      at.set(v.slice(0, i), out.length);
      out.push(v);
    }
  }
  return out.filter((_, i) => !unset.has(i));
}

export interface ExecUser {
  uid: number;
  gid: number;
  home: string;
  /** The process's supplementary groups: its gid, then (moby's getUser) Sgids. */
  groups: number[];
}

/**
 * runc's GetExecUserPath over the container's /etc/passwd and /etc/group, then (moby's getUser)
 * the --group-add groups, by name or number, after the user's own.
 */
export function resolveUser(
  fs: FileSystem,
  spec: string,
  groupAdd: readonly string[] = [],
): ExecUser | { error: string } {
  const [userPart, groupPart] = spec.split(':', 2) as [string, string | undefined];
  const passwd = readTable(fs, '/etc/passwd');
  let uid = 0;
  let gid = 0;
  let home = '/';
  const u =
    userPart === ''
      ? passwd.find((r) => r[2] === '0')
      : /^\d+$/.test(userPart)
        ? passwd.find((r) => r[2] === userPart)
        : passwd.find((r) => r[0] === userPart);
  if (u) {
    uid = Number(u[2]);
    gid = Number(u[3]);
    home = u[5] ?? '/';
  } else if (/^\d+$/.test(userPart)) uid = Number(userPart);
  else if (userPart !== '')
    return { error: `unable to find user ${userPart}: no matching entries in passwd file` };
  const explicitGroup = groupPart !== undefined && groupPart !== '';
  if (explicitGroup) {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const g = readTable(fs, '/etc/group').find((r) => r[0] === groupPart);
      if (!g) return { error: `unable to find group ${groupPart}: no matching entries in group file` };
      gid = Number(g[2]);
    }
  }
  // GetExecUser: supplementary groups (the /etc/group entries listing the user) only in the
  // implicit form, a user found in passwd and no group given; getUser puts the gid first
  const groups = [gid];
  if (u && !explicitGroup)
    for (const g of readTable(fs, '/etc/group')) {
      const n = Number(g[2]);
      if ((g[3] ?? '').split(',').includes(u[0]) && !groups.includes(n)) groups.push(n);
    }
  // GetAdditionalGroupsPath: a name or number in /etc/group, else a bare number; each once
  const added: number[] = [];
  for (const ag of groupAdd) {
    const rows = readTable(fs, '/etc/group').filter((r) => r[0] === ag || r[2] === ag);
    if (rows.length === 0 && !/^\d+$/.test(ag))
      return { error: `Unable to find group ${ag}: no matching entries in group file` };
    for (const n of rows.length ? rows.map((r) => Number(r[2])) : [Number(ag)])
      if (!added.includes(n)) added.push(n);
  }
  for (const n of added) if (!groups.includes(n)) groups.push(n);
  return { uid, gid, home, groups };
}

/** Parsed tables by their text: every container of an image reads the same /etc/passwd. */
const tables = new Map<string, readonly string[][]>();

function readTable(fs: FileSystem, path: string): readonly string[][] {
  const text = fs.readFile(path);
  if (text instanceof FsError) return [];
  let rows = tables.get(text);
  if (rows === undefined) {
    rows = text
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => l.split(':'));
    // a pure function of the text: the map only has to stay small
    if (tables.size >= 32) tables.clear();
    tables.set(text, rows);
  }
  return rows;
}
