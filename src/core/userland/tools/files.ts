// Tools that create and remove names: touch, mkdir, rm, rmdir, ln, pwd. Each
// step is one syscall on the overlay (so copy-up and whiteouts happen exactly
// where the kernel would make them) and each failure is reported the way the
// flavour words it, then the tool goes on with the next operand.
import { FsError } from '../../fs/types';
import { getopt, isOptError } from './getopt';
import { baseOf, isErr, type Tool } from './tool';

function missing(t: Tool): number {
  t.warn('missing operand');
  if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
  else t.err(`BusyBox v1.37.0 (2025-05-26 20:04:45 UTC) multi-call binary.\n\nUsage: ${t.name} [OPTIONS] FILE...\n`);
  return 1;
}

/** `touch -d` values: ISO dates and times, `@SECONDS`, "now". */
export function parseDate(s: string, now: number): number | undefined {
  const v = s.trim();
  if (v === 'now' || v === '') return now;
  if (/^@-?\d+(\.\d+)?$/.test(v)) return Math.round(Number(v.slice(1)) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (!m) return undefined;
  let ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.round(Number(`0.${m[7] ?? '0'}`) * 1000));
  const tz = m[8];
  if (tz && tz !== 'Z' && tz !== 'UTC') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(tz)!;
    ms -= (z[1] === '-' ? -1 : 1) * (+z[2] * 60 + +z[3]) * 60_000;
  }
  return ms;
}

export function touch(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'acd:fhmr:t:', long: { 'no-create': 'c', 'date=': 'd', 'reference=': 'r', 'no-dereference': 'h' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-c] [-d DATE] [-t DATE] [-r FILE] FILE...');
  if (p.operands.length === 0) return missing(t);
  let when: number | undefined;
  const d = p.value('d');
  if (d !== undefined) {
    when = parseDate(d, t.now);
    if (when === undefined) {
      t.warn(t.gnu ? `invalid date format ${t.qa(d)}` : `invalid date '${d}'`);
      return 1;
    }
  }
  const ts = p.value('t');
  if (ts !== undefined) {
    const m = /^(?:(\d{2})?(\d{2}))?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(ts);
    if (!m) {
      t.warn(t.gnu ? `invalid date format ${t.qa(ts)}` : `invalid date '${ts}'`);
      return 1;
    }
    const year = m[2] !== undefined ? Number(`${m[1] ?? (Number(m[2]) < 69 ? '20' : '19')}${m[2]}`) : new Date(t.now).getUTCFullYear();
    when = Date.UTC(year, +m[3] - 1, +m[4], +m[5], +m[6], +(m[7] ?? 0));
  }
  const ref = p.value('r');
  if (ref !== undefined) {
    const st = t.fs.stat(ref);
    if (isErr(st)) {
      t.warn(t.gnu ? `failed to get attributes of ${t.qa(ref)}: ${st.message}` : `${ref}: ${st.message}`);
      return 1;
    }
    when = st.mtime;
  }
  let status = 0;
  for (const f of p.operands) {
    let e: FsError | undefined;
    if (!t.fs.exists(f)) {
      if (p.has('c')) continue;
      e = t.fs.writeFile(f, '');
      if (!e && when !== undefined) e = t.fs.utimes(f, when);
    } else e = t.fs.utimes(f, when);
    if (e) {
      t.warn(t.gnu ? `${e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EISDIR' ? 'cannot touch' : 'setting times of'} ${t.qa(f)}: ${e.message}` : `${f}: ${e.message}`);
      status = 1;
    }
  }
  return status;
}

/** A mode argument for mkdir -m / install: octal or symbolic over 0777. */
export function mkdir(t: Tool, args: string[], parseMode: (spec: string, base: number, isDir: boolean) => number | undefined): number {
  const p = getopt(args, { short: 'pm:v', long: { parents: 'p', 'mode=': 'm', verbose: 'v' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-m MODE] [-p] DIRECTORY...');
  if (p.operands.length === 0) return missing(t);
  let mode: number | undefined;
  const m = p.value('m');
  if (m !== undefined) {
    mode = parseMode(m, 0o777, true);
    if (mode === undefined) {
      t.warn(t.gnu ? `invalid mode ${t.qa(m)}` : `invalid mode '${m}'`);
      return 1;
    }
  }
  let status = 0;
  for (const d of p.operands) {
    const created: string[] = [];
    if (p.has('p') && p.has('v')) {
      // -v names every directory -p makes
      let acc = d.startsWith('/') ? '' : '.';
      for (const part of d.split('/').filter(Boolean)) {
        acc = acc === '.' ? part : `${acc}/${part}`;
        if (!t.fs.exists(acc)) created.push(acc);
      }
    }
    const e = t.fs.mkdir(d, { recursive: p.has('p'), mode });
    // mkdir(2) applies the umask; an explicit -m is set exactly afterwards, as GNU does
    if (!e && mode !== undefined) t.fs.chmod(d, mode);
    if (e) {
      t.warn(t.gnu ? `cannot create directory ${t.qa(d)}: ${e.message}` : `can't create directory '${d}': ${e.message}`);
      status = 1;
      continue;
    }
    if (p.has('v')) for (const c of created.length ? created : [d]) t.out(t.gnu ? `mkdir: created directory ${t.qa(c)}\n` : `created directory: '${c}'\n`);
  }
  return status;
}

export function rmdir(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'pv', long: { parents: 'p', verbose: 'v', 'ignore-fail-on-non-empty': 'ignore' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-p] DIRECTORY...');
  if (p.operands.length === 0) return missing(t);
  let status = 0;
  for (const d of p.operands) {
    const chain = [d];
    if (p.has('p')) for (let x = d.replace(/\/+$/, ''); x.includes('/'); ) chain.push((x = x.slice(0, x.lastIndexOf('/'))) || '/');
    for (const x of chain) {
      if (x === '' || x === '/') break;
      const e = t.fs.rmdir(x);
      if (e) {
        if (!(p.has('ignore') && e.code === 'ENOTEMPTY')) {
          t.warn(t.gnu ? `failed to remove ${t.qa(x)}: ${e.message}` : `'${x}': ${e.message}`);
          status = 1;
        }
        break;
      }
      if (p.has('v')) t.out(`rmdir: removing directory, ${t.qa(x)}\n`);
    }
  }
  return status;
}

export function rm(t: Tool, args: string[]): number {
  const p = getopt(args, {
    short: 'fiIrRdv',
    long: { force: 'f', recursive: 'r', dir: 'd', verbose: 'v', 'no-preserve-root': 'npr', 'preserve-root?': 'pr', interactive: 'i' },
  });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-irf] FILE...');
  const force = p.lastOf('f', 'i', 'I') === 'f';
  const recursive = p.has('r') || p.has('R');
  if (p.operands.length === 0) return force ? 0 : missing(t);
  let status = 0;
  const report = (path: string, e: FsError) => {
    if (force && e.code === 'ENOENT') return;
    t.warn(t.gnu ? `cannot remove ${t.qa(path)}: ${e.message}` : `can't remove '${path}': ${e.message}`);
    status = 1;
  };
  const removeTree = (path: string): boolean => {
    const st = t.fs.lstat(path);
    if (isErr(st)) {
      report(path, st);
      return false;
    }
    if (st.kind !== 'dir') {
      const e = t.fs.unlink(path);
      if (e) report(path, e);
      else if (p.has('v')) t.out(`removed ${t.qa(path)}\n`);
      return !e;
    }
    const names = t.fs.readdir(path);
    if (isErr(names)) {
      report(path, names);
      return false;
    }
    let ok = true;
    for (const n of names) ok = removeTree(path.endsWith('/') ? path + n : `${path}/${n}`) && ok;
    if (!ok) return false;
    const e = t.fs.rmdir(path);
    if (e) report(path, e);
    else if (p.has('v')) t.out(`removed directory ${t.qa(path)}\n`);
    return !e;
  };
  for (const f of p.operands) {
    const trimmed = f.replace(/\/+$/, '');
    const last = baseOf(f);
    if (recursive && t.fs.realpath(f) === '/' && !p.has('npr')) {
      if (t.gnu) {
        t.warn(f === '/' ? `it is dangerous to operate recursively on '/'` : `it is dangerous to operate recursively on ${t.qa(f)} (same as '/')`);
        t.warn('use --no-preserve-root to override this failsafe');
      } else t.warn(`can't remove '${f}': Is a directory`);
      status = 1;
      continue;
    }
    if (last === '.' || last === '..' || trimmed.endsWith('/.') || trimmed.endsWith('/..')) {
      t.warn(t.gnu ? `refusing to remove '.' or '..' directory: skipping ${t.qa(f)}` : `can't remove '.' or '..'`);
      status = 1;
      continue;
    }
    const st = t.fs.lstat(f);
    if (isErr(st)) {
      report(f, st);
      continue;
    }
    if (st.kind === 'dir' && !recursive) {
      if (p.has('d')) {
        const e = t.fs.rmdir(f);
        if (e) report(f, e);
        continue;
      }
      t.warn(t.gnu ? `cannot remove ${t.qa(f)}: Is a directory` : `'${f}' is a directory`);
      status = 1;
      continue;
    }
    removeTree(f);
  }
  return status;
}

export function ln(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'sfnTvbS:', long: { symbolic: 's', force: 'f', 'no-dereference': 'n', 'no-target-directory': 'T', verbose: 'v' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-sfnbtv] [-S SUF] TARGET... LINK|DIR');
  const ops = p.operands;
  if (ops.length === 0) return missing(t);
  const symbolic = p.has('s');
  let targets = ops.slice(0, -1);
  let dest = ops[ops.length - 1];
  if (ops.length === 1) {
    targets = ops;
    dest = '.';
  }
  const destIsDir = (() => {
    if (p.has('T')) return false;
    const st = p.has('n') ? t.fs.lstat(dest) : t.fs.stat(dest);
    return !isErr(st) && st.kind === 'dir';
  })();
  if (targets.length > 1 && !destIsDir) {
    t.warn(t.gnu ? `target ${t.qa(dest)} is not a directory` : `${dest}: Not a directory`);
    return 1;
  }
  let status = 0;
  for (const target of targets) {
    const link = destIsDir || ops.length === 1 ? `${dest.replace(/\/+$/, '')}/${baseOf(target)}` : dest;
    const shown = ops.length === 1 ? baseOf(target) : link;
    if (!symbolic) {
      const st = t.fs.stat(target);
      if (isErr(st)) {
        t.warn(t.gnu ? `failed to access ${t.qa(target)}: ${st.message}` : `${target}: ${st.message}`);
        status = 1;
        continue;
      }
      if (st.kind === 'dir') {
        t.warn(t.gnu ? `${t.qa(target)}: hard link not allowed for directory` : `${target}: Operation not permitted`);
        status = 1;
        continue;
      }
    }
    if (p.has('f')) {
      const old = t.fs.lstat(link);
      if (!isErr(old) && old.kind !== 'dir') t.fs.unlink(link);
    }
    const e = symbolic ? t.fs.symlink(target, link) : hardLink(t, target, link);
    if (e) {
      t.warn(t.gnu ? `failed to create ${symbolic ? 'symbolic' : 'hard'} link ${t.qa(shown)}${e.code === 'EEXIST' ? '' : ` -> ${t.qa(target)}`}: ${e.message}` : `${shown}: ${e.message}`);
      status = 1;
      continue;
    }
    if (p.has('v')) t.out(`${t.qa(shown)} ${symbolic ? '->' : '=>'} ${t.qa(target)}\n`);
  }
  return status;
}

/**
 * The overlay keeps no inode numbers, so a hard link is made as a second name
 * with the same content and metadata (what `ls -l` shows of each name alike).
 */
function hardLink(t: Tool, target: string, link: string): FsError | undefined {
  if (t.fs.exists(link) || !isErr(t.fs.lstat(link))) return new FsError('EEXIST', link, 'link');
  const st = t.fs.stat(target);
  const c = t.fs.readContent(target);
  if (isErr(st)) return st;
  if (isErr(c)) return c;
  return t.fs.writeFile(link, c, { mode: st.mode }) ?? t.fs.chmod(link, st.mode) ?? (t.ctx.proc.uid === 0 ? t.fs.chown(link, st.uid, st.gid) : undefined) ?? t.fs.utimes(link, st.mtime);
}

export function pwd(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'LP', long: { logical: 'L', physical: 'P' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-LP]');
  const cwd = t.ctx.proc.cwd;
  const real = t.fs.realpath('.');
  const physical = isErr(real) ? cwd : real;
  // GNU /bin/pwd defaults to -P; BusyBox trusts $PWD when it names the same directory
  const logicalWanted = p.lastOf('L', 'P') === 'L' || (!t.gnu && p.lastOf('L', 'P') !== 'P');
  const envPwd = t.ctx.env.PWD;
  if (logicalWanted && envPwd && envPwd.startsWith('/') && t.fs.realpath(envPwd) === physical) {
    t.out(`${envPwd}\n`);
    return 0;
  }
  t.out(`${physical}\n`);
  return 0;
}
