// chmod, chown and chgrp: octal and symbolic modes (u+x, go-w, a=rX, +t),
// owners by name from the image's /etc/passwd or by number, -R walks that do
// not follow symlinks. Only root (or the owner, for chmod) may change these;
// the overlay copies a lower file up before changing its metadata.
import type { Stats } from '../../fs/types';
import { getopt, isOptError } from './getopt';
import { isErr, type Tool } from './tool';
import { UserDb } from './users';

/** Apply a chmod mode spec to `base`. Returns undefined when the spec is invalid. */
export function applyMode(spec: string, base: number, isDir: boolean, umask = 0o022): number | undefined {
  if (/^0*[0-7]{1,4}$/.test(spec)) {
    const v = parseInt(spec, 8);
    // GNU keeps a directory's setuid/setgid bits unless 5+ digits say otherwise
    return isDir && spec.length < 4 ? v | (base & 0o6000) : v;
  }
  let mode = base;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] === '' ? 'a' : m[1];
    const explicitWho = m[1] !== '';
    let mask = 0;
    if (who.includes('u') || who.includes('a')) mask |= 0o4700;
    if (who.includes('g') || who.includes('a')) mask |= 0o2070;
    if (who.includes('o') || who.includes('a')) mask |= 0o1007;
    for (const op of m[2].match(/[-+=](?:[rwxXst]*|[ugo])/g) ?? []) {
      const action = op[0];
      const perms = op.slice(1);
      let bits = 0;
      if (/^[ugo]$/.test(perms)) {
        const src = perms === 'u' ? (mode >> 6) & 7 : perms === 'g' ? (mode >> 3) & 7 : mode & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const c of perms) {
          if (c === 'r') bits |= 0o444;
          else if (c === 'w') bits |= 0o222;
          else if (c === 'x') bits |= 0o111;
          else if (c === 'X') bits |= isDir || mode & 0o111 ? 0o111 : 0;
          else if (c === 's') bits |= 0o6000;
          else if (c === 't') bits |= 0o1000;
        }
      }
      let eff = bits & mask;
      // without u/g/o/a the umask limits what + and = may set
      if (!explicitWho && action !== '-') eff &= ~umask | 0o7000;
      if (action === '+') mode |= eff;
      else if (action === '-') mode &= ~eff;
      else mode = (mode & ~(mask & (explicitWho ? 0o7777 : 0o777 | 0o7000))) | eff;
    }
  }
  return mode & 0o7777;
}

interface Walk {
  recursive: boolean;
  /** Called for each path; return an error text to report. */
  visit: (path: string, st: Stats) => string | undefined;
}

/** Command-line names are followed; inside -R walks symlinks are left alone. */
function walk(t: Tool, paths: string[], w: Walk, cannotAccess: (p: string, msg: string) => void): number {
  let status = 0;
  const one = (path: string, top: boolean) => {
    const st = top ? t.fs.stat(path) : t.fs.lstat(path);
    if (isErr(st)) {
      cannotAccess(path, st.message);
      status = 1;
      return;
    }
    if (!top && st.kind === 'symlink') return;
    const err = w.visit(path, st);
    if (err) {
      t.warn(err);
      status = 1;
    }
    if (w.recursive && st.kind === 'dir') {
      const names = t.fs.readdir(path);
      if (isErr(names)) {
        t.warn(t.gnu ? `cannot read directory ${t.qa(path)}: ${names.message}` : `${path}: ${names.message}`);
        status = 1;
        return;
      }
      for (const n of names) one(path.endsWith('/') ? path + n : `${path}/${n}`, false);
    }
  };
  for (const p of paths) one(p, true);
  return status;
}

function missing(t: Tool, after?: string): number {
  t.warn(after ? `missing operand after ${t.qa(after)}` : 'missing operand');
  if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
  return 1;
}

export function chmod(t: Tool, args: string[]): number {
  // a mode like -w looks like an option: take it out first, as chmod's own parsing does
  const modeArgs: string[] = [];
  const rest: string[] = [];
  for (const a of args) (/^-[rwxXst]+$/.test(a) && !/^-[Rcfv]+$/.test(a) ? modeArgs : rest).push(a);
  const p = getopt(rest, { short: 'Rcfv', long: { recursive: 'R', changes: 'c', silent: 'f', quiet: 'f', verbose: 'v' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-Rcvf] MODE[,MODE]... FILE...');
  const ops = [...modeArgs, ...p.operands];
  if (ops.length === 0) return missing(t);
  if (ops.length === 1) return missing(t, ops[0]);
  const spec = ops[0];
  const umask = 0o022;
  if (applyMode(spec, 0, false, umask) === undefined) {
    t.warn(t.gnu ? `invalid mode: ${t.qa(spec)}` : `invalid mode '${spec}'`);
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  return walk(
    t,
    ops.slice(1),
    {
      recursive: p.has('R'),
      visit: (path, st) => {
        const mode = applyMode(spec, st.mode, st.kind === 'dir', umask)!;
        const e = t.fs.chmod(path, mode);
        if (e) return p.has('f') ? undefined : t.gnu ? `changing permissions of ${t.qa(path)}: ${e.message}` : `${path}: ${e.message}`;
        if (p.has('v') || (p.has('c') && mode !== st.mode)) {
          t.out(mode === st.mode ? `mode of ${t.qa(path)} retained as ${octal(mode)}\n` : `mode of ${t.qa(path)} changed from ${octal(st.mode)} to ${octal(mode)}\n`);
        }
        return undefined;
      },
    },
    (path, msg) => t.warn(t.gnu ? `cannot access ${t.qa(path)}: ${msg}` : `${path}: ${msg}`),
  );
}

function octal(mode: number): string {
  return `${mode.toString(8).padStart(4, '0')} (${rwx(mode)})`;
}

function rwx(mode: number): string {
  const s = (b: number) => `${b & 4 ? 'r' : '-'}${b & 2 ? 'w' : '-'}${b & 1 ? 'x' : '-'}`;
  return s(mode >> 6) + s(mode >> 3) + s(mode);
}

/** OWNER[:GROUP] with names from the image; -1 leaves a part unchanged. */
function parseOwner(t: Tool, db: UserDb, spec: string, groupOnly: boolean): { uid: number; gid: number } | undefined {
  const sep = spec.search(/[:.]/);
  const u = groupOnly ? '' : sep < 0 ? spec : spec.slice(0, sep);
  const g = groupOnly ? spec : sep < 0 ? undefined : spec.slice(sep + 1);
  let uid = -1;
  let gid = -1;
  if (u !== '') {
    const pw = db.user(u);
    if (pw) uid = pw.uid;
    else if (/^\d+$/.test(u)) uid = Number(u);
    else {
      t.warn(t.gnu ? `invalid user: ${t.qa(spec)}` : `unknown user ${u}`);
      return undefined;
    }
    // "user:" means the user's login group
    if (g === '') gid = pw?.gid ?? -1;
  }
  if (g !== undefined && g !== '') {
    const gr = db.groupByName(g);
    if (gr) gid = gr.gid;
    else if (/^\d+$/.test(g)) gid = Number(g);
    else {
      t.warn(t.gnu ? `invalid group: ${t.qa(spec)}` : `unknown group ${g}`);
      return undefined;
    }
  }
  return { uid, gid };
}

export function chown(t: Tool, args: string[], groupOnly = false): number {
  const p = getopt(args, { short: 'RhfvcHLP', long: { recursive: 'R', 'no-dereference': 'h', silent: 'f', quiet: 'f', verbose: 'v', changes: 'c' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-Rh]... USER[:[GRP]] FILE...');
  const ops = p.operands;
  if (ops.length === 0) return missing(t);
  if (ops.length === 1) return missing(t, ops[0]);
  const ids = parseOwner(t, new UserDb(t.fs), ops[0], groupOnly);
  if (!ids) return 1;
  return walk(
    t,
    ops.slice(1),
    {
      recursive: p.has('R'),
      visit: (path) => {
        const e = t.fs.chown(path, ids.uid, ids.gid);
        if (e && !p.has('f')) return t.gnu ? `changing ${groupOnly ? 'group' : 'ownership'} of ${t.qa(path)}: ${e.message}` : `${path}: ${e.message}`;
        return undefined;
      },
    },
    (path, msg) => t.warn(t.gnu ? `cannot access ${t.qa(path)}: ${msg}` : `${path}: ${msg}`),
  );
}
