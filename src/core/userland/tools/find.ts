// find (an expression tree of tests and actions over a directory walk), du
// (1 KiB blocks as ext4 allocates them, children before parents) and xargs.
import type { Stats } from '../../fs/types';
import { humanBusybox, humanGnu, kBlocks } from './format';
import { getopt, isOptError } from './getopt';
import { chunks } from './input';
import { runChild } from './spawn';
import { isErr, type Tool } from './tool';
import { UserDb } from './users';

/** fnmatch(3) without FNM_PATHNAME: *, ?, [...] and backslash escapes. */
export function globToRegExp(glob: string, icase = false): RegExp {
  let s = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') s += '.*';
    else if (c === '?') s += '.';
    else if (c === '[') {
      const j = glob.indexOf(']', i + 2);
      if (j < 0) s += '\\[';
      else {
        let body = glob.slice(i + 1, j);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        s += `[${body.replace(/\\/g, '\\\\')}]`;
        i = j;
      }
    } else if (c === '\\' && i + 1 < glob.length) s += `\\${glob[++i]}`.replace(/^\\([A-Za-z0-9])$/, '$1');
    else s += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${s}$`, icase ? 'is' : 's');
}

type Node =
  | { op: 'and' | 'or'; a: Node; b: Node }
  | { op: 'not'; a: Node }
  | { op: 'test'; fn: (path: string, st: Stats, depth: number) => boolean }
  | { op: 'action'; fn: (path: string, st: Stats) => Promise<boolean> };

interface Ctx {
  maxdepth: number;
  mindepth: number;
  hasAction: boolean;
  /** -follow / -L: stat through symlinks while walking. */
  follow: boolean;
  /** -quit ran: stop walking. */
  quit: boolean;
}

export async function find(t: Tool, args: string[]): Promise<number> {
  let i = 0;
  const starts: string[] = [];
  while (i < args.length && !args[i].startsWith('-') && args[i] !== '!' && args[i] !== '(') starts.push(args[i++]);
  if (starts.length === 0) starts.push('.');
  const c: Ctx = { maxdepth: Infinity, mindepth: 0, hasAction: false, follow: false, quit: false };
  const db = new UserDb(t.fs);
  let failed = false;
  const bad = (msg: string): never => {
    throw new FindError(msg);
  };
  const toks = args.slice(i);
  let k = 0;
  const need = (name: string) => {
    if (k >= toks.length) bad(t.gnu ? `missing argument to \`${name}'` : `${name} requires an argument`);
    return toks[k++];
  };
  const primary = (): Node | undefined => {
    const tok = toks[k++];
    switch (tok) {
      case '(': {
        const e = orExpr();
        if (toks[k++] !== ')') bad(t.gnu ? 'invalid expression; you have used a binary operator with nothing before it.' : 'unrecognized: (');
        return e;
      }
      case '!': case '-not': return { op: 'not', a: primary()! };
      case '-name': case '-iname': {
        const re = globToRegExp(need(tok), tok === '-iname');
        return { op: 'test', fn: (p) => re.test(p === '/' ? '/' : p.replace(/\/+$/, '').split('/').pop()!) };
      }
      case '-path': case '-wholename': case '-ipath': {
        const re = globToRegExp(need(tok), tok === '-ipath');
        return { op: 'test', fn: (p) => re.test(p) };
      }
      case '-type': {
        const ty = need(tok);
        const kinds: Record<string, string> = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev', b: 'blockdev' };
        if (!/^[fdlbcps](,[fdlbcps])*$/.test(ty)) bad(t.gnu ? `Unknown argument to -type: ${ty}` : `unrecognized: ${ty}`);
        const want = ty.split(',').map((x) => kinds[x]);
        return { op: 'test', fn: (_p, st) => want.includes(st.kind) };
      }
      case '-maxdepth': case '-mindepth': {
        const v = need(tok);
        if (!/^\d+$/.test(v)) bad(t.gnu ? `Expected a positive decimal integer argument to ${tok}, but got ${t.qa(v)}` : `invalid number '${v}'`);
        if (tok === '-maxdepth') c.maxdepth = Number(v);
        else c.mindepth = Number(v);
        return { op: 'test', fn: () => true };
      }
      case '-empty': return { op: 'test', fn: (p, st) => (st.kind === 'dir' ? (t.fs.readdir(p) as string[]).length === 0 : st.kind === 'file' && st.size === 0) };
      case '-user': {
        const u = need(tok);
        const uid = db.user(u)?.uid ?? (/^\d+$/.test(u) ? Number(u) : bad(t.gnu ? `${t.qa(u)} is not the name of a known user` : `unknown user '${u}'`));
        return { op: 'test', fn: (_p, st) => st.uid === uid };
      }
      case '-group': {
        const g = need(tok);
        const gid = db.groupByName(g)?.gid ?? (/^\d+$/.test(g) ? Number(g) : bad(t.gnu ? `${t.qa(g)} is not the name of an existing group` : `unknown group '${g}'`));
        return { op: 'test', fn: (_p, st) => st.gid === gid };
      }
      case '-perm': {
        const v = need(tok);
        const m = /^([-/]?)([0-7]+)$/.exec(v);
        if (!m) bad(t.gnu ? `invalid mode ${t.qa(v)}` : `invalid mode '${v}'`);
        const bits = parseInt(m![2], 8);
        return { op: 'test', fn: (_p, st) => (m![1] === '-' ? (st.mode & bits) === bits : m![1] === '/' ? (st.mode & bits) !== 0 || bits === 0 : (st.mode & 0o7777) === bits) };
      }
      case '-size': {
        const v = need(tok);
        const m = /^([+-]?)(\d+)([bckMG]?)$/.exec(v);
        if (!m) bad(t.gnu ? `invalid -size type` : `invalid size '${v}'`);
        const unit = { b: 512, c: 1, k: 1024, M: 1 << 20, G: 1 << 30, '': 512 }[m![3] as 'b'];
        const n = Number(m![2]);
        return {
          op: 'test',
          fn: (_p, st) => {
            const units = Math.ceil(st.size / unit);
            return m![1] === '+' ? units > n : m![1] === '-' ? units < n : units === n;
          },
        };
      }
      case '-newer': {
        const ref = t.fs.stat(need(tok));
        if (isErr(ref)) bad(`${t.qa(toks[k - 1])}: ${ref.message}`);
        const when = (ref as Stats).mtime;
        return { op: 'test', fn: (_p, st) => st.mtime > when };
      }
      case '-follow':
        c.follow = true;
        return { op: 'test', fn: () => true };
      case '-quit':
        c.hasAction = true;
        return { op: 'action', fn: async () => ((c.quit = true), true) };
      case '-true': return { op: 'test', fn: () => true };
      case '-false': return { op: 'test', fn: () => false };
      case '-print': case '-print0': {
        c.hasAction = true;
        const end = tok === '-print' ? '\n' : '\0';
        return { op: 'action', fn: async (p) => (t.out(p + end), true) };
      }
      case '-ls': {
        c.hasAction = true;
        return { op: 'action', fn: async (p, st) => (t.out(`${p} ${st.size}\n`), true) };
      }
      case '-delete': {
        c.hasAction = true;
        c.mindepth = Math.max(c.mindepth, 0);
        return {
          op: 'action',
          fn: async (p, st) => {
            const e = st.kind === 'dir' ? t.fs.rmdir(p) : t.fs.unlink(p);
            if (e) {
              t.warn(t.gnu ? `cannot delete ${t.qa(p)}: ${e.message}` : `${p}: ${e.message}`);
              failed = true;
              return false;
            }
            return true;
          },
        };
      }
      case '-exec': case '-ok': {
        c.hasAction = true;
        const cmd: string[] = [];
        while (k < toks.length && toks[k] !== ';' && toks[k] !== '+') cmd.push(toks[k++]);
        if (k >= toks.length || cmd.length === 0) bad(t.gnu ? `missing argument to \`${tok}'` : `-exec requires an argument`);
        k++;
        return {
          op: 'action',
          fn: async (p) => {
            const argv = cmd.map((a) => a.split('{}').join(p));
            const r = await runChild(t, argv);
            if (typeof r !== 'number') {
              t.warn(t.gnu ? `${t.qa(argv[0])}: ${r.message}` : `${argv[0]}: ${r.message}`);
              failed = true;
              return false;
            }
            return r === 0;
          },
        };
      }
      default:
        k--;
        if (tok !== undefined && tok.startsWith('-')) bad(t.gnu ? `unknown predicate ${t.qa(tok)}` : `unrecognized: ${tok}`);
        if (tok !== undefined) bad(t.gnu ? `paths must precede expression: ${t.qa(tok)}` : `unrecognized: ${tok}`);
        return undefined;
    }
  };
  const andExpr = (): Node | undefined => {
    let a = primary();
    while (a && k < toks.length && toks[k] !== '-o' && toks[k] !== '-or' && toks[k] !== ')' && toks[k] !== ',') {
      if (toks[k] === '-a' || toks[k] === '-and') k++;
      const b = primary();
      if (!b) break;
      a = { op: 'and', a, b };
    }
    return a;
  };
  const orExpr = (): Node | undefined => {
    let a = andExpr();
    while (a && (toks[k] === '-o' || toks[k] === '-or')) {
      k++;
      const b = andExpr();
      if (!b) bad(t.gnu ? 'invalid expression; you have used a binary operator with nothing after it.' : 'unrecognized: -o');
      a = { op: 'or', a, b: b! };
    }
    return a;
  };
  let expr: Node | undefined;
  try {
    expr = k < toks.length ? orExpr() : undefined;
    if (k < toks.length) bad(t.gnu ? `paths must precede expression: ${t.qa(toks[k])}` : `unrecognized: ${toks[k]}`);
  } catch (e) {
    if (e instanceof FindError) {
      t.warn(e.message);
      return 1;
    }
    throw e;
  }
  const evaluate = async (n: Node, path: string, st: Stats, depth: number): Promise<boolean> => {
    switch (n.op) {
      case 'and': return (await evaluate(n.a, path, st, depth)) && evaluate(n.b, path, st, depth);
      case 'or': return (await evaluate(n.a, path, st, depth)) || evaluate(n.b, path, st, depth);
      case 'not': return !(await evaluate(n.a, path, st, depth));
      case 'test': return n.fn(path, st, depth);
      case 'action': return n.fn(path, st);
    }
  };
  const deleting = toks.includes('-delete');
  const walk = async (path: string, depth: number, top: boolean) => {
    if (c.quit) return;
    const st = top || c.follow ? t.fs.stat(path) : t.fs.lstat(path);
    const lst = isErr(st) && top ? t.fs.lstat(path) : st;
    if (isErr(lst)) {
      t.warn(t.gnu ? `${t.qa(path)}: ${lst.message}` : `${path}: ${lst.message}`);
      failed = true;
      return;
    }
    const visit = async () => {
      if (depth < c.mindepth) return;
      const ok = expr ? await evaluate(expr, path, lst, depth) : true;
      if (ok && !c.hasAction) t.out(`${path}\n`);
    };
    // -delete implies -depth: contents first
    if (!deleting) await visit();
    if (lst.kind === 'dir' && depth < c.maxdepth) {
      const names = t.fs.readdir(path);
      if (isErr(names)) {
        t.warn(t.gnu ? `${t.qa(path)}: ${names.message}` : `${path}: ${names.message}`);
        failed = true;
      } else {
        for (const n of names) {
          if (c.quit) break;
          await walk(path.endsWith('/') ? path + n : `${path}/${n}`, depth + 1, false);
        }
      }
    }
    if (deleting) await visit();
  };
  for (const s of starts) await walk(s, 0, true);
  return failed ? 1 : 0;
}

class FindError extends Error {}

export async function du(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'sahcd:kmxL', long: { summarize: 's', all: 'a', 'human-readable': 'h', total: 'c', 'max-depth=': 'd' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-aHLdclsxhmk] [FILE]...');
  const maxDepth = p.has('s') ? 0 : p.value('d') !== undefined ? Number(p.value('d')) : Infinity;
  const show = (kb: number) => (p.has('h') ? (t.gnu ? humanGnu(kb * 1024) : humanBusybox(kb * 1024)) : p.has('m') ? String(Math.ceil(kb / 1024)) : String(kb));
  let status = 0;
  let total = 0;
  const walk = (path: string, depth: number): number => {
    const st = t.fs.lstat(path);
    if (isErr(st)) {
      t.warn(t.gnu ? `cannot access ${t.qa(path)}: ${st.message}` : `${path}: ${st.message}`);
      status = 1;
      return 0;
    }
    let kb = kBlocks(st.kind, st.size);
    if (st.kind === 'dir') {
      const names = t.fs.readdir(path);
      if (isErr(names)) {
        t.warn(t.gnu ? `cannot read directory ${t.qa(path)}: ${names.message}` : `${path}: ${names.message}`);
        status = 1;
      } else for (const n of names) kb += walk(path.endsWith('/') ? path + n : `${path}/${n}`, depth + 1);
    }
    if (depth <= maxDepth && (st.kind === 'dir' || p.has('a') || depth === 0)) t.out(`${show(kb)}\t${path}\n`);
    return kb;
  };
  for (const f of p.operands.length ? p.operands : ['.']) total += walk(f, 0);
  if (p.has('c')) t.out(`${show(total)}\ttotal\n`);
  return status;
}

export async function xargs(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'n:I:d:0trxL:P:s:', long: { 'max-args=': 'n', 'null': '0', verbose: 't', 'no-run-if-empty': 'r', 'delimiter=': 'd', 'max-procs=': 'P' }, stopAtOperand: true });
  if (isOptError(p)) return t.badOption(p.error, 1, '[OPTIONS] [PROG ARGS]');
  const cmd = p.operands.length ? p.operands : ['echo'];
  let input = '';
  for await (const c of chunks(t, { kind: 'stdin' })) input += c;
  let items: string[];
  if (p.has('0')) items = input.split('\0').filter((s, i, a) => i < a.length - 1 || s !== '');
  else if (p.value('d') !== undefined) items = input.split(p.value('d')!.replace('\\n', '\n')).filter((s, i, a) => i < a.length - 1 || s !== '');
  else if (p.value('I') !== undefined || p.value('L') !== undefined) items = input.split('\n').map((l) => l.trim()).filter(Boolean);
  else items = [...input.matchAll(/"([^"]*)"|'([^']*)'|((?:\\.|[^\s"'])+)/g)].map((m) => m[1] ?? m[2] ?? m[3].replace(/\\(.)/g, '$1'));
  const repl = p.value('I');
  const per = repl !== undefined ? 1 : p.value('n') !== undefined ? Math.max(1, Number(p.value('n'))) : p.value('L') !== undefined ? Math.max(1, Number(p.value('L'))) : Infinity;
  // GNU runs the command once even with no input; -r (and BusyBox by default) does not
  if (items.length === 0 && (p.has('r') || !t.gnu)) return 0;
  const batches: string[][] = [];
  if (items.length === 0) batches.push([]);
  for (let i = 0; i < items.length; i += per === Infinity ? items.length : per) batches.push(items.slice(i, i + (per === Infinity ? items.length : per)));
  let status = 0;
  for (const b of batches) {
    const argv = repl !== undefined ? cmd.map((a) => a.split(repl).join(b[0] ?? '')) : [...cmd, ...b];
    if (p.has('t')) t.err(`${argv.join(' ')}\n`);
    const r = await runChild(t, argv);
    if (typeof r !== 'number') {
      t.warn(t.gnu ? `${argv[0]}: ${r.message}` : `${argv[0]}: ${r.message}`);
      return r.error === 'not-found' ? 127 : 126;
    }
    if (r === 255) {
      t.warn(`${argv[0]}: exited with status 255; aborting`);
      return 124;
    }
    if (r > 128) {
      t.warn(`${argv[0]}: terminated by signal ${r - 128}`);
      return 125;
    }
    if (r !== 0) status = 123;
  }
  return status;
}
