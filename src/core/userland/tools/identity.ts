// Small facts about the process and its namespaces: id/whoami/groups (names
// from the image's own /etc/passwd), uname (the host's kernel), date, sleep on
// the clock, env/printenv, which, true/false, clear, basename/dirname,
// readlink/realpath. hostname has a file of its own.
import { getopt, isOptError } from './getopt';
import { strftime } from './format';
import { parseDate } from './files';
import { runChild } from './spawn';
import { BUSYBOX_BANNER, isErr, type Tool } from './tool';
import { UserDb } from './users';

export function id(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'ugGnrz', long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-ugGnr] [USER]');
  const db = new UserDb(t.fs);
  let uid = t.ctx.proc.uid;
  let gid = t.ctx.proc.gid;
  let groups: number[];
  const who = p.operands[0];
  if (who !== undefined) {
    // coreutils takes a number too; BusyBox's xuname2uid looks the name up only
    const pw =
      db.user(who) ?? (t.gnu && /^\d+$/.test(who) ? db.passwd.find((x) => x.uid === Number(who)) : undefined);
    if (!pw) {
      t.warn(t.gnu ? `${t.qa(who)}: no such user` : `unknown user ${who}`);
      return 1;
    }
    uid = pw.uid;
    gid = pw.gid;
    groups = db.groupsOf(pw);
  } else groups = ownGroups(t, db);
  const uname = db.userName(uid);
  const gname = db.groupName(gid);
  const named = (n: number, name: string | undefined) => (name !== undefined ? `${n}(${name})` : String(n));
  const only = p.lastOf('u', 'g', 'G');
  if (only) {
    const ns = only === 'u' ? [uid] : only === 'g' ? [gid] : groups;
    // each ID is written as it is looked up, the complaint about a nameless one next to it
    // (coreutils complains before printing the number, BusyBox's print_common after; both
    // flush stdout first); the newline comes last
    let failed = false;
    ns.forEach((n, i) => {
      const name = only === 'u' ? db.userName(n) : db.groupName(n);
      const nameless = p.has('n') && name === undefined;
      if (nameless) failed = true;
      if (nameless && t.gnu) t.warn(`cannot find name for ${only === 'u' ? 'user' : 'group'} ID ${n}`);
      t.out(`${i > 0 ? ' ' : ''}${p.has('n') && name !== undefined ? name : String(n)}`);
      // BusyBox's print_common has one word for both (whoami's xuid2uname says "unknown uid")
      if (nameless && !t.gnu) t.warn(`unknown ID ${n}`);
    });
    t.out('\n');
    return failed ? 1 : 0;
  }
  t.out(`uid=${named(uid, uname)} gid=${named(gid, gname)} groups=${groups.map((g) => named(g, db.groupName(g))).join(',')}\n`);
  return 0;
}

/**
 * getgroups(2) of the process: what the runtime set up (a container's user: its gid,
 * then the groups /etc/group lists it in, unless -u named a group), else those of
 * its user in /etc/group when it is known.
 */
function ownGroups(t: Tool, db: UserDb): number[] {
  const set = t.ctx.proc.groups;
  if (set !== undefined) return [...set];
  const { uid, gid } = t.ctx.proc;
  const pw = db.passwd.find((x) => x.uid === uid);
  return pw && pw.gid === gid ? db.groupsOf(pw) : [gid];
}

export function whoami(t: Tool, args: string[]): number {
  if (args.length > 0 && t.gnu) {
    t.warn(`extra operand ${t.qa(args[0])}`);
    t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  const uid = t.ctx.proc.uid;
  const name = new UserDb(t.fs).userName(uid);
  if (name === undefined) {
    t.warn(t.gnu ? `cannot find name for user ID ${uid}` : `unknown uid ${uid}`);
    return 1;
  }
  t.out(`${name}\n`);
  return 0;
}

export function groups(t: Tool, args: string[]): number {
  const db = new UserDb(t.fs);
  const who = args[0];
  const pw = who !== undefined ? db.user(who) : db.passwd.find((x) => x.uid === t.ctx.proc.uid);
  if (who !== undefined && !pw) {
    t.warn(t.gnu ? `${t.qa(who)}: no such user` : `unknown user ${who}`);
    return 1;
  }
  const ids = who === undefined ? ownGroups(t, db) : pw ? db.groupsOf(pw) : [t.ctx.proc.gid];
  t.out(`${who !== undefined && t.gnu ? `${who} : ` : ''}${ids.map((g) => db.groupName(g) ?? String(g)).join(' ')}\n`);
  return 0;
}

export function uname(t: Tool, args: string[]): number {
  const p = getopt(args, {
    short: 'asnrvmpio',
    long: { all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', 'kernel-version': 'v', machine: 'm', processor: 'p', 'hardware-platform': 'i', 'operating-system': 'o' },
  });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-snrvmpioa]');
  const h = t.ctx.ns.host;
  const fields: Array<[string, string]> = [
    ['s', 'Linux'], ['n', t.ctx.ns.uts.hostname], ['r', h.kernelRelease], ['v', h.kernelVersion], ['m', h.machine],
    ['p', t.gnu ? 'unknown' : 'unknown'], ['i', t.gnu ? 'unknown' : 'unknown'], ['o', 'GNU/Linux'],
  ];
  let want = new Set(p.seq.map((o) => o.key));
  if (want.size === 0) want = new Set(['s']);
  if (want.has('a')) {
    // -a leaves out -p and -i when they are unknown
    want = new Set(['s', 'n', 'r', 'v', 'm', 'o']);
  }
  t.out(`${fields.filter(([k]) => want.has(k)).map(([, v]) => v).join(' ')}\n`);
  return 0;
}

export function date(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'd:uRIs:r:', long: { 'date=': 'd', utc: 'u', universal: 'u', 'rfc-email': 'R', 'iso-8601?': 'I', 'set=': 's', 'reference=': 'r' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[OPTIONS] [+FMT] [[-s] TIME]');
  let when = t.now;
  const d = p.value('d');
  if (d !== undefined) {
    const v = parseDate(d, t.now);
    if (v === undefined) {
      t.warn(t.gnu ? `invalid date ${t.qa(d)}` : `invalid date '${d}'`);
      return 1;
    }
    when = v;
  }
  const ref = p.value('r');
  if (ref !== undefined) {
    const st = t.fs.stat(ref);
    if (isErr(st)) {
      t.warn(`${ref}: ${st.message}`);
      return 1;
    }
    when = st.mtime;
  }
  const fmtArg = p.operands.find((o) => o.startsWith('+'));
  const setArg = p.value('s') ?? p.operands.find((o) => !o.startsWith('+'));
  if (setArg !== undefined) {
    // clock_settime needs CAP_SYS_TIME
    t.warn(t.gnu ? 'cannot set date: Operation not permitted' : "can't set date: Operation not permitted");
    return 1;
  }
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (p.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  if (p.has('I')) fmt = '%Y-%m-%d';
  if (fmtArg) fmt = fmtArg.slice(1);
  t.out(`${strftime(fmt, when)}\n`);
  return 0;
}

/** sleep NUMBER[smhd]... on the world's clock. */
export async function sleep(t: Tool, args: string[]): Promise<number> {
  if (args.length === 0) {
    t.warn('missing operand');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    else t.err(`BusyBox v1.37.0 (2025-05-26 20:04:45 UTC) multi-call binary.\n\nUsage: sleep [N]...\n`);
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    const m = /^(\d*\.?\d+(?:e[+-]?\d+)?)([smhd]?)$/i.exec(a === 'inf' || a === 'infinity' ? 'Infinity' : a);
    if (!m && a !== 'inf' && a !== 'infinity') {
      t.warn(t.gnu ? `invalid time interval ${t.qa(a)}` : `invalid number '${a}'`);
      if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
      return 1;
    }
    if (!m) {
      ms = Infinity;
      continue;
    }
    ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2].toLowerCase() as 's'];
  }
  if (ms === Infinity) await t.ctx.wait(new Promise<never>(() => undefined));
  await t.ctx.sleep(ms);
  return 0;
}

export async function env(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'iu:0C:', long: { 'ignore-environment': 'i', 'unset=': 'u', null: '0', 'chdir=': 'C' }, stopAtOperand: true });
  if (isOptError(p)) return t.badOption(p.error, 125, '[-i] [-u NAME] [-] [NAME=VALUE]... [PROG ARGS]');
  const ops = [...p.operands];
  let clean = p.has('i');
  if (ops[0] === '-') {
    clean = true;
    ops.shift();
  }
  const vars: Record<string, string> = clean ? {} : { ...t.ctx.env };
  for (const u of p.values('u')) delete vars[u];
  while (ops.length && /^[^=]+=/.test(ops[0])) {
    const a = ops.shift()!;
    const eq = a.indexOf('=');
    vars[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (ops.length === 0) {
    const end = p.has('0') ? '\0' : '\n';
    t.out(Object.entries(vars).map(([k, v]) => `${k}=${v}${end}`).join(''));
    return 0;
  }
  const r = await runChild(t, ops, vars);
  if (typeof r === 'number') return r;
  t.warn(t.gnu ? `${t.qa(ops[0])}: ${r.message}` : `can't execute '${ops[0]}': ${r.message}`);
  return r.error === 'not-found' ? 127 : 126;
}

export function printenv(t: Tool, args: string[]): number {
  const p = getopt(args, { short: '0', long: { null: '0' } });
  if (isOptError(p)) return t.badOption(p.error, 2);
  const end = p.has('0') ? '\0' : '\n';
  if (p.operands.length === 0) {
    t.out(Object.entries(t.ctx.env).map(([k, v]) => `${k}=${v}${end}`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of p.operands) {
    const v = t.ctx.env[n];
    if (v === undefined) status = 1;
    else t.out(`${v}${end}`);
  }
  return status;
}

/** which: the first executable of that name in $PATH (debianutils prints nothing for a miss). */
export function which(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'as' });
  if (isOptError(p)) return t.badOption(p.error, 2, '[-a] COMMAND...');
  if (p.operands.length === 0) return 1;
  let status = 0;
  const path = (t.ctx.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
  for (const name of p.operands) {
    const hits: string[] = [];
    const candidates = name.includes('/') ? [name] : path.map((d) => `${d === '' ? '.' : d}/${name}`);
    for (const c of candidates) {
      const st = t.fs.stat(c);
      if (!isErr(st) && st.kind === 'file' && t.fs.access(c, 1) === undefined) {
        hits.push(c);
        if (!p.has('a')) break;
      }
    }
    if (hits.length === 0) status = 1;
    else if (!p.has('s')) t.out(hits.map((h) => `${h}\n`).join(''));
  }
  return status;
}

export const trueTool = (): number => 0;
export const falseTool = (): number => 1;

/** clear: the terminfo sequence for xterm (home, erase screen, erase scrollback). */
export function clear(t: Tool): number {
  const term = t.ctx.env.TERM;
  if (t.gnu && term === undefined) {
    t.err("TERM environment variable not set.\n");
    return 1;
  }
  t.out(t.gnu ? '\x1b[H\x1b[2J\x1b[3J' : '\x1b[H\x1b[J');
  return 0;
}

export function basename(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'as:z', long: { multiple: 'a', 'suffix=': 's', zero: 'z' } });
  if (isOptError(p)) return t.badOption(p.error, 1, 'FILE [SUFFIX]');
  const ops = p.operands;
  if (ops.length === 0) {
    t.warn('missing operand');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  const multiple = p.has('a') || p.has('s');
  const suffix = p.value('s') ?? (!multiple ? ops[1] : undefined);
  if (!multiple && ops.length > 2) {
    t.warn(`extra operand ${t.qa(ops[2])}`);
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  const names = multiple ? ops : [ops[0]];
  for (const n of names) {
    let b = n.replace(/\/+$/, '');
    b = b === '' ? (n.startsWith('/') ? '/' : '') : b.slice(b.lastIndexOf('/') + 1);
    if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
    t.out(`${b}${p.has('z') ? '\0' : '\n'}`);
  }
  return 0;
}

export function dirname(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'z', long: { zero: 'z' } });
  if (isOptError(p)) return t.badOption(p.error, 1, 'FILENAME');
  if (p.operands.length === 0) {
    t.warn('missing operand');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  for (const n of p.operands) {
    const s = n.replace(/\/+$/, '');
    let d: string;
    if (s === '') d = n.startsWith('/') ? '/' : '.';
    else if (!s.includes('/')) d = '.';
    else d = s.slice(0, s.lastIndexOf('/')).replace(/\/+$/, '') || '/';
    t.out(`${d}${p.has('z') ? '\0' : '\n'}`);
  }
  return 0;
}

export function readlink(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'fenqsvmz', long: { canonicalize: 'f', 'canonicalize-existing': 'e', 'no-newline': 'n', quiet: 'q', silent: 's', verbose: 'v' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-fnv] FILE');
  let status = 0;
  for (const f of p.operands) {
    const r = p.has('f') || p.has('e') || p.has('m') ? t.fs.realpath(f) : t.fs.readlink(f);
    if (isErr(r)) {
      if (p.has('v')) t.warn(`${f}: ${r.message}`);
      status = 1;
      continue;
    }
    t.out(p.has('n') ? r : `${r}\n`);
  }
  return status;
}

export function realpath(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'eEmqsLPz', long: { 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', quiet: 'q' } });
  if (isOptError(p)) return t.badOption(p.error, 1, 'FILE...');
  let status = 0;
  for (const f of p.operands) {
    const r = t.fs.realpath(f);
    if (isErr(r)) {
      if (!p.has('q')) t.warn(`${t.qf(f)}: ${r.message}`);
      status = 1;
      continue;
    }
    t.out(`${r}\n`);
  }
  return status;
}

/** tty: the name of the terminal on stdin (a container's -t gives it the console pty), else "not a tty". */
export function tty(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 's', long: { silent: 's', quiet: 's' } });
  // both say 2 for a bad call (SUSv3: greater than 1)
  if (isOptError(p)) {
    t.badOption(p.error, 2, '[-s]');
    return 2;
  }
  if (p.operands.length > 0) {
    // coreutils names the operand; BusyBox only shows its usage
    if (t.gnu) t.badOption(`extra operand ${t.qa(p.operands[0])}`, 2);
    else t.err(`${BUSYBOX_BANNER}\n\nUsage: tty [-s]\n\nPrint file name of stdin's terminal\n\n\t-s\tPrint nothing, only return exit status\n`);
    return 2;
  }
  const name = t.ctx.tty ? '/dev/pts/0' : 'not a tty';
  if (!p.has('s')) t.out(`${name}\n`);
  return t.ctx.tty ? 0 : 1;
}
