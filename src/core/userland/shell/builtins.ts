// The builtin table of each shell and the builtins about the shell itself:
// cd, pwd, exit, return, break, continue, eval, `.`, type, command, alias,
// umask, let, shopt, hash, history. `env`, `sleep` and friends are programs.
import { joinPath, normalizePath } from '../../fs/path';
import { ERRNO_MESSAGES, FsError } from '../../fs/types';
import { lookPath } from '../exec';
import { evalArith, ArithError } from './arith';
import { echo, printf, read } from './builtins-io';
import { jobs, kill, trap, wait } from './builtins-jobs';
import { exportCmd, getopts, local, readonlyCmd, set, shift, unset } from './builtins-vars';
import type { Flavour } from './flavour';
import { BreakLoop, ContinueLoop, ev, ExitShell, ReturnFrom, type Shell } from './shell';
import { test } from './test-cmd';
import { runArgv } from './command';

export type Builtin = (sh: Shell, argv: string[]) => Promise<number>;

const SPECIAL = new Set(['.', ':', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset', 'source']);

export function isSpecialBuiltin(name: string): boolean {
  return SPECIAL.has(name) && name !== 'source';
}

export const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);

async function cd(sh: Shell, argv: string[]): Promise<number> {
  const f = sh.flavour.name;
  let args = argv.slice(1);
  while (args[0] === '-L' || args[0] === '-P' || args[0] === '--') args = args.slice(1);
  if (f === 'bash' && args.length > 1) {
    sh.error('too many arguments', 'cd');
    return 1;
  }
  let dir: string | undefined = args[0];
  let print = false;
  if (dir === undefined) {
    dir = sh.vars.get('HOME');
    if (dir === undefined) {
      if (f !== 'bash') return 0;
      sh.error('HOME not set', 'cd');
      return 1;
    }
  } else if (dir === '-') {
    dir = sh.vars.get('OLDPWD');
    print = true;
    if (dir === undefined) {
      sh.error(f === 'bash' ? 'OLDPWD not set' : f === 'ash' ? "can't cd to -: No such file or directory" : "can't cd to -", 'cd');
      return f === 'bash' ? 1 : 2;
    }
  }
  if (dir === '') return 0;
  const pwd = sh.vars.get('PWD') ?? sh.cwd;
  const target = normalizePath(dir.startsWith('/') ? dir : joinPath(pwd.startsWith('/') ? pwd : sh.cwd, dir));
  const fs = sh.fs();
  const st = fs.stat(target);
  let errno: keyof typeof ERRNO_MESSAGES | undefined;
  if (st instanceof FsError) errno = st.code;
  else if (st.kind !== 'dir') errno = 'ENOTDIR';
  else if (fs.access(target, 1)) errno = 'EACCES';
  if (errno) {
    const why = ERRNO_MESSAGES[errno];
    sh.error(f === 'bash' ? `${dir}: ${why}` : f === 'ash' ? `can't cd to ${dir}: ${why}` : `can't cd to ${dir}`, 'cd');
    return f === 'bash' ? 1 : 2;
  }
  sh.vars.set('OLDPWD', pwd);
  sh.vars.set('PWD', target);
  sh.ctx.proc.cwd = target;
  if (print) sh.out(`${target}\n`);
  return 0;
}

async function pwd(sh: Shell, argv: string[]): Promise<number> {
  const physical = argv.includes('-P');
  const logical = sh.vars.get('PWD');
  const fs = sh.fs();
  const real = fs.realpath('.');
  let dir = logical && logical.startsWith('/') && fs.realpath(logical) === real ? logical : sh.cwd;
  if (physical && !(real instanceof FsError)) dir = real;
  sh.out(`${dir}\n`);
  return 0;
}

function numberArg(sh: Shell, builtin: string, s: string | undefined, dflt: number): number {
  if (s === undefined) return dflt;
  if (/^-?\d+$/.test(s)) return Number(s) & 0xff;
  const bash = sh.flavour.name === 'bash';
  sh.error(bash ? `${s}: numeric argument required` : `Illegal number: ${s}`, builtin);
  if (bash) return 2;
  return sh.fatal(2);
}

async function exit(sh: Shell, argv: string[]): Promise<number> {
  if (sh.interactive && sh.flavour.name === 'bash' && !sh.subshell) sh.errOut('exit\n');
  if (sh.flavour.name === 'bash' && argv.length > 2) {
    sh.error('too many arguments', 'exit');
    return 1;
  }
  throw new ExitShell(numberArg(sh, 'exit', argv[1], sh.status));
}

async function returnCmd(sh: Shell, argv: string[]): Promise<number> {
  const n = numberArg(sh, 'return', argv[1], sh.status);
  if (sh.funcDepth === 0 && sh.sourceDepth === 0) {
    if (sh.flavour.name === 'bash') {
      sh.error("can only `return' from a function or sourced script", 'return');
      return 1;
    }
    throw new ExitShell(n);
  }
  throw new ReturnFrom(n);
}

function loopJump(kind: 'break' | 'continue'): (sh: Shell, argv: string[]) => Promise<number> {
  return async (sh, argv) => {
    const n = numberArg(sh, kind, argv[1], 1);
    if (n < 1) {
      sh.error(sh.flavour.name === 'bash' ? `${argv[1]}: loop count out of range` : `Illegal number: ${argv[1]}`, kind);
      return 1;
    }
    if (sh.loopDepth === 0) {
      if (sh.flavour.name === 'bash') sh.error("only meaningful in a `for', `while', or `until' loop", kind);
      return 0;
    }
    const k = Math.min(n, sh.loopDepth);
    throw kind === 'break' ? new BreakLoop(k) : new ContinueLoop(k);
  };
}

async function evalCmd(sh: Shell, argv: string[]): Promise<number> {
  const text = argv.slice(1).join(' ');
  if (text.trim() === '') return 0;
  return ev().evalString(sh, text, { exitLast: false });
}

async function dot(sh: Shell, argv: string[]): Promise<number> {
  const f = sh.flavour.name;
  const name = argv[1];
  if (name === undefined) {
    sh.error(f === 'bash' ? 'filename argument required' : 'not enough arguments', argv[0]);
    return 2;
  }
  const fs = sh.fs();
  let path: string | undefined = name;
  if (!name.includes('/')) {
    path = undefined;
    for (const dir of (sh.vars.get('PATH') ?? '').split(':')) {
      const p = `${dir || '.'}/${name}`;
      const st = fs.stat(p);
      if (!(st instanceof FsError) && st.kind === 'file') {
        path = p;
        break;
      }
    }
    if (path === undefined && f === 'bash' && fs.exists(name)) path = name;
  }
  const text = path === undefined ? undefined : fs.readFile(path);
  if (text === undefined || text instanceof FsError) {
    const errno = text instanceof FsError ? text.code : 'ENOENT';
    if (f === 'bash') sh.error(`${name}: ${ERRNO_MESSAGES[errno]}`);
    else if (f === 'ash') sh.error(path === undefined ? `${name}: not found` : `can't open '${name}': ${ERRNO_MESSAGES[errno]}`);
    else sh.error(`cannot open ${name}: ${errno === 'ENOENT' ? 'No such file' : ERRNO_MESSAGES[errno]}`, '.');
    return f === 'bash' ? 1 : sh.fatal(2);
  }
  const saved = argv.length > 2 ? sh.params : undefined;
  if (saved) sh.params = argv.slice(2);
  sh.sourceDepth++;
  try {
    return await ev().evalString(sh, text, { exitLast: false });
  } catch (e) {
    if (e instanceof ReturnFrom) return e.status;
    throw e;
  } finally {
    sh.sourceDepth--;
    if (saved) sh.params = saved;
  }
}

type Kind = { kind: 'alias'; value: string } | { kind: 'keyword' } | { kind: 'function' } | { kind: 'special' } | { kind: 'builtin' } | { kind: 'file'; path: string } | undefined;

function commandKind(sh: Shell, name: string, aliases = true): Kind {
  const a = sh.aliases.get(name);
  if (aliases && a !== undefined) return { kind: 'alias', value: a };
  if (KEYWORDS.has(name) || (name === '[[' && sh.flavour.name === 'bash')) return { kind: 'keyword' };
  if (isSpecialBuiltin(name) && sh.flavour.name !== 'bash') return { kind: 'special' };
  if (sh.functions.has(name)) return { kind: 'function' };
  if (builtinFor(sh.flavour, name)) return { kind: isSpecialBuiltin(name) ? 'special' : 'builtin' };
  const path = lookPath(sh.fs(), name, sh.vars.get('PATH'));
  if (path && (name.includes('/') ? sh.fs().exists(path) : true)) return { kind: 'file', path };
  return undefined;
}

async function type(sh: Shell, argv: string[]): Promise<number> {
  const f = sh.flavour.name;
  let status = 0;
  for (const name of argv.slice(1)) {
    const k = commandKind(sh, name);
    if (!k) {
      if (f === 'bash') sh.error(`${name}: not found`, 'type');
      else sh.out(`${name}: not found\n`);
      status = f === 'bash' ? 1 : 127;
      continue;
    }
    const what =
      k.kind === 'alias'
        ? f === 'bash'
          ? `is aliased to \`${k.value}'`
          : `is an alias for ${k.value}`
        : k.kind === 'keyword'
          ? 'is a shell keyword'
          : k.kind === 'function'
            ? f === 'bash'
              ? 'is a function'
              : 'is a shell function'
            : k.kind === 'special'
              ? f === 'bash'
                ? 'is a shell builtin'
                : 'is a special shell builtin'
              : k.kind === 'builtin'
                ? 'is a shell builtin'
                : `is ${k.path}`;
    sh.out(`${name} ${what}\n`);
  }
  return status;
}

async function command(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  let mode: 'run' | 'v' | 'V' = 'run';
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const o = args.shift()!;
    if (o === '--') break;
    if (o.includes('v')) mode = 'v';
    else if (o.includes('V')) mode = 'V';
  }
  if (args.length === 0) return 0;
  if (mode === 'V') return type(sh, ['type', ...args]);
  if (mode === 'v') {
    let status = 0;
    for (const name of args) {
      const k = commandKind(sh, name);
      if (!k) status = sh.flavour.name === 'dash' ? 127 : 1;
      else if (k.kind === 'alias') sh.out(`alias ${name}='${k.value}'\n`);
      else if (k.kind === 'file') sh.out(`${k.path}\n`);
      else sh.out(`${name}\n`);
    }
    return status;
  }
  return runArgv(sh, args);
}

async function alias(sh: Shell, argv: string[]): Promise<number> {
  const show = (name: string, value: string) => sh.out(`${sh.flavour.name === 'bash' ? 'alias ' : ''}${name}='${value.replace(/'/g, "'\\''")}'\n`);
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    for (const [k, v] of [...sh.aliases].sort()) show(k, v);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else if (sh.aliases.has(a)) show(a, sh.aliases.get(a)!);
    else {
      sh.error(`${a}: not found`, 'alias');
      status = 1;
    }
  }
  return status;
}

async function unalias(sh: Shell, argv: string[]): Promise<number> {
  if (argv[1] === '-a') {
    sh.aliases.clear();
    return 0;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (!sh.aliases.delete(a)) {
      sh.error(`${a}: not found`, 'unalias');
      status = 1;
    }
  }
  return status;
}

async function umask(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  const symbolic = args[0] === '-S';
  const mode = args.find((a) => a !== '-S');
  if (mode === undefined) {
    if (!symbolic) sh.out(`${sh.umask.toString(8).padStart(4, '0')}\n`);
    else {
      const perms = (shift: number) => 'rwx'.split('').filter((_, i) => !(sh.umask & (4 >> i) << shift)).join('');
      sh.out(`u=${perms(6)},g=${perms(3)},o=${perms(0)}\n`);
    }
    return 0;
  }
  if (!/^[0-7]{1,4}$/.test(mode)) {
    sh.error(sh.flavour.name === 'bash' ? `${mode}: octal number out of range` : `Illegal mode: ${mode}`, 'umask');
    return 1;
  }
  sh.umask = parseInt(mode, 8);
  return 0;
}

async function let_(sh: Shell, argv: string[]): Promise<number> {
  let last = '0';
  for (const expr of argv.slice(1)) {
    const r = evalArith(expr, { get: (n) => sh.get(n), set: (n, v) => sh.set(n, v) }, true);
    if (r instanceof ArithError) {
      sh.error(`${r.expr}: syntax error in expression`, 'let');
      return 1;
    }
    last = r;
  }
  return last === '0' ? 1 : 0;
}

const SHOPTS = new Set(['checkwinsize', 'histappend', 'cmdhist', 'expand_aliases', 'extglob', 'globstar', 'nullglob', 'dotglob', 'nocaseglob', 'failglob', 'progcomp', 'promptvars', 'interactive_comments', 'autocd', 'cdspell', 'lithist', 'sourcepath', 'login_shell', 'huponexit']);

async function shopt(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (argv.includes('-o')) return argv.includes('-q') ? 1 : 0;
  for (const a of args) {
    if (!SHOPTS.has(a)) {
      sh.error(`${a}: invalid shell option name`, 'shopt');
      return 1;
    }
    if (a === 'expand_aliases' && (argv.includes('-s') || argv.includes('-u'))) sh.expandAliases = argv.includes('-s');
  }
  if (argv.includes('-q')) return args.every((a) => a === 'expand_aliases' ? sh.expandAliases || sh.interactive : ['checkwinsize', 'cmdhist', 'progcomp', 'promptvars', 'interactive_comments', 'sourcepath'].includes(a)) ? 0 : 1;
  return 0;
}

async function hash(sh: Shell, argv: string[]): Promise<number> {
  if (argv.length === 1 && sh.flavour.name === 'bash') sh.out('hash: hash table empty\n');
  return 0;
}

async function history(sh: Shell, argv: string[]): Promise<number> {
  if (argv[1] === '-c') {
    sh.history = [];
    return 0;
  }
  sh.history.forEach((line, i) => sh.out(`${String(i + 1).padStart(5)}  ${line}\n`));
  return 0;
}

async function times(sh: Shell): Promise<number> {
  sh.out('0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n');
  return 0;
}

const ok: Builtin = async () => 0;
const fail: Builtin = async () => 1;

const COMMON: Record<string, Builtin> = {
  ':': ok, true: ok, false: fail, cd, pwd, exit, return: returnCmd, break: loopJump('break'), continue: loopJump('continue'),
  eval: evalCmd, '.': dot, type, command, alias, unalias, umask, echo, printf, read, test, '[': test, trap, kill, wait, jobs,
  export: exportCmd, readonly: readonlyCmd, unset, local, set, shift, hash, times, getopts,
};

const TABLES: Record<Flavour['name'], Record<string, Builtin>> = {
  dash: COMMON,
  ash: { ...COMMON, source: dot, let: let_, '[[': test, chdir: cd, history },
  bash: { ...COMMON, source: dot, let: let_, '[[': test, shopt, history },
};

export function builtinFor(f: Flavour, name: string): Builtin | undefined {
  return Object.prototype.hasOwnProperty.call(TABLES[f.name], name) ? TABLES[f.name][name] : undefined;
}
