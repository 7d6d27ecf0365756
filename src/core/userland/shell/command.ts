// Simple commands and pipelines: expansion, assignments, lookup (special
// builtins, functions, builtins, $PATH), running programs as child
// processes or — for the last command of a process — in place (exec), and
// waiting with each shell's report of a job killed by a signal.
import { isGenerated, utf8Decode } from '../../fs/content';
import { FsError } from '../../fs/types';
import { ProcessKilled, type Process } from '../../kernel/process';
import { Pipe } from '../../kernel/stream';
import { lookPath, resolveExec, type ExecFailure } from '../exec';
import type { Sys } from '../types';
import type { Node, Redir, SimpleNode, Word } from './ast';
import { assignmentName } from './ast';
import { builtinFor, isSpecialBuiltin } from './builtins';
import { execInPlace } from './exec-in-place';
import { ExpandError, expandPattern, expandSingle, expandWords } from './expand';
import { SIGNAL_TEXT } from './flavour';
import { applyRedirs, withRedirs } from './redirect';
import { EV_EXIT, EV_TESTED, Execed, ReturnFrom, ev, type Shell } from './shell';
import { expandFailed } from './eval';

/** How bash and busybox quote a word in `set -x` output. */
export function traceQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_/.,+:=@%^-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

async function trace(sh: Shell, assigns: Array<[string, string]>, argv: string[]): Promise<void> {
  if (!sh.opts.x) return;
  const ps4 = sh.vars.get('PS4') ?? '+ ';
  const q = sh.flavour.name === 'dash' ? (s: string) => s : traceQuote;
  const words = [...assigns.map(([k, v]) => `${k}=${q(v)}`), ...argv.map(q)];
  sh.errOut(`${ps4}${words.join(' ')}\n`);
}

export async function evalSimple(sh: Shell, node: SimpleNode, flags: number): Promise<number> {
  sh.line = node.line;
  const substBefore = sh.substCount;
  let argv: string[];
  const assigns: Array<[string, string]> = [];
  try {
    argv = isCond(sh, node) ? await expandCond(sh, node.words) : await expandWords(sh, node.words);
    for (const a of node.assigns) {
      const name = assignmentName(a)!;
      const value = await expandSingle(sh, a, 'assign');
      assigns.push([name, value.slice(name.length + 1)]);
    }
  } catch (e) {
    if (e instanceof ExpandError) return expandFailed(sh, e);
    throw e;
  }
  const substStatus = sh.substCount !== substBefore ? sh.status : 0;
  if (argv.length === 0) {
    await trace(sh, assigns, []);
    for (const [k, v] of assigns) {
      if (!sh.vars.set(k, v, sh.opts.a)) {
        sh.error(sh.readonlyMessage(k));
        return sh.flavour.name === 'bash' ? 1 : sh.fatal(2);
      }
    }
    if (node.redirs.length > 0) {
      const failed = await applyRedirs(sh, node.redirs, sh.fds.clone());
      if (failed !== undefined) return failed;
    }
    return substStatus;
  }
  await trace(sh, assigns, argv);
  const name = argv[0];
  const bash = sh.flavour.name === 'bash';
  const fn = sh.functions.get(name);
  if (name === 'exec') return execBuiltin(sh, node, argv, assigns);
  if (isSpecialBuiltin(name) && !(bash && fn)) {
    for (const [k, v] of assigns) sh.vars.set(k, v, sh.opts.a);
    return withRedirs(sh, node.redirs, () => runBuiltin(sh, name, argv));
  }
  if (fn) return withTempVars(sh, assigns, () => withRedirs(sh, node.redirs, () => callFunction(sh, fn, argv, flags)));
  if (builtinFor(sh.flavour, name)) return withTempVars(sh, assigns, () => withRedirs(sh, node.redirs, () => runBuiltin(sh, name, argv)));
  return runExternal(sh, node.redirs, argv, assigns, flags);
}

/** `command name args`: a builtin or a program, never a function. */
export async function runArgv(sh: Shell, argv: string[]): Promise<number> {
  if (builtinFor(sh.flavour, argv[0])) return runBuiltin(sh, argv[0], argv);
  return runExternal(sh, [], argv, [], 0);
}

/** `[[ … ]]` (bash, busybox): words are not split or globbed; the right side of == and != is a pattern. */
function isCond(sh: Shell, node: SimpleNode): boolean {
  const w = node.words[0];
  return sh.flavour.bashisms && w !== undefined && w.value === '[[' && w.parts.every((p) => p.quoting === 'none');
}

async function expandCond(sh: Shell, words: readonly Word[]): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    out.push(prev === '==' || prev === '!=' || (prev === '=' && out.length > 2) ? await expandPattern(sh, w.parts) : await expandSingle(sh, w));
  }
  return out;
}

async function runBuiltin(sh: Shell, name: string, argv: string[]): Promise<number> {
  const b = builtinFor(sh.flavour, name)!;
  return b(sh, argv);
}

/** `A=1 cmd` for builtins and functions: the assignment lasts for the command only. */
async function withTempVars(sh: Shell, assigns: Array<[string, string]>, fn: () => Promise<number>): Promise<number> {
  if (assigns.length === 0) return fn();
  sh.vars.pushScope();
  for (const [k, v] of assigns) {
    sh.vars.local(k, v);
    sh.vars.export(k);
  }
  try {
    return await fn();
  } finally {
    sh.vars.popScope();
  }
}

export async function callFunction(sh: Shell, body: Node, argv: string[], flags: number): Promise<number> {
  const saved = sh.params;
  sh.params = argv.slice(1);
  sh.funcDepth++;
  sh.vars.pushScope();
  try {
    return await ev().evalNode(sh, body, flags & EV_TESTED);
  } catch (e) {
    if (e instanceof ReturnFrom) return e.status;
    throw e;
  } finally {
    sh.vars.popScope();
    sh.funcDepth--;
    sh.params = saved;
  }
}

/** The message and status for a command that cannot be run. */
function execFailed(sh: Shell, name: string, f: ExecFailure, builtin?: 'exec'): number {
  const bash = sh.flavour.name === 'bash';
  if (builtin && (f.kind === 'not-found' || f.kind === 'no-such-file')) {
    sh.error(`${name}: not found`, builtin);
    return 127;
  }
  if (f.kind === 'unsimulated') {
    sh.errOut(`${f.message}\n`);
    return 126;
  }
  if (f.kind === 'permission-denied') {
    const st = sh.fs().stat(name);
    const dir = name.includes('/') && !(st instanceof FsError) && st.kind === 'dir';
    sh.error(`${name}: ${bash && dir ? 'Is a directory' : 'Permission denied'}`, builtin);
    return 126;
  }
  if (bash && name.includes('/')) {
    if (sh.fs().exists(name)) {
      const interp = /^#!\s*(\S+)/.exec(String(sh.fs().readFile(name)))?.[1] ?? name;
      sh.error(`${name}: ${interp}: bad interpreter: No such file or directory`);
      return 126;
    }
    sh.error(`${name}: No such file or directory`);
    return 127;
  }
  sh.error(sh.flavour.notFound(name));
  return 127;
}

/** A text file without `#!`: execve says ENOEXEC and the shell runs it as a script itself. */
function scriptWithoutInterpreter(sh: Shell, name: string, env: Record<string, string>): string | undefined {
  const path = lookPath(sh.fs(), name, env.PATH);
  if (!path) return undefined;
  const c = sh.fs().readContent(path);
  if (c instanceof FsError || isGenerated(c)) return undefined;
  const text = typeof c === 'string' ? c : utf8Decode(c);
  return text.includes('\0') ? undefined : text;
}

async function runExternal(sh: Shell, redirs: Redir[], argv: string[], assigns: Array<[string, string]>, flags: number): Promise<number> {
  const fds = sh.fds.clone();
  const failed = await applyRedirs(sh, redirs, fds);
  if (failed !== undefined) return failed;
  const env = sh.vars.environ(Object.fromEntries(assigns), sh.flavour.name !== 'bash');
  const target = resolveExec(sh.fs(), argv, env, sh.ctx.ns.programs);
  if ('kind' in target) {
    const script = target.kind === 'unsimulated' ? scriptWithoutInterpreter(sh, argv[0], env) : undefined;
    if (script === undefined) return execFailed(sh, argv[0], target);
    return runScriptChild(sh, argv, script, fds);
  }
  const stdio = { stdin: fds.reader(0), stdout: fds.writer(1), stderr: fds.writer(2), tty: sh.ctx.tty && fds.reader(0) === sh.ctx.stdin && fds.writer(1) === sh.ctx.stdout };
  const bash = sh.flavour.name === 'bash';
  if (flags & EV_EXIT && !sh.hasTraps() && !(bash && redirs.length > 0)) {
    throw new Execed(await execInPlace(sh.ctx, target, env, stdio));
  }
  const p = await sh.spawn({ program: target.program.run, argv: target.argv, env, cwd: sh.cwd, uid: sh.ctx.proc.uid, gid: sh.ctx.proc.gid, ...stdio, rss: target.program.rss });
  return waitJob(sh, [p], [argv.join(' ')], true);
}

async function runScriptChild(sh: Shell, argv: string[], text: string, fds: ReturnType<Shell['fds']['clone']>): Promise<number> {
  const p = await sh.fork(
    async (child) => {
      child.fds = fds;
      child.arg0 = argv[0];
      child.script = argv[0];
      child.params = argv.slice(1);
      child.functions = new Map();
      return ev().evalString(child, text, { exitLast: false });
    },
    { stdin: fds.reader(0), stdout: fds.writer(1) },
  );
  return p ? waitJob(sh, [p], [argv.join(' ')], true) : sh.status;
}

/** exec: with a command, become it; without, make the redirections permanent. */
async function execBuiltin(sh: Shell, node: SimpleNode, argv: string[], assigns: Array<[string, string]>): Promise<number> {
  const fds = sh.fds.clone();
  const failed = await applyRedirs(sh, node.redirs, fds);
  if (failed !== undefined) return sh.interactive ? failed : sh.fatal(failed);
  const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
  if (args.length === 0) {
    sh.fds = fds;
    for (const [k, v] of assigns) sh.vars.set(k, v, sh.opts.a);
    return 0;
  }
  const env = sh.vars.environ(Object.fromEntries(assigns), sh.flavour.name !== 'bash');
  const target = resolveExec(sh.fs(), args, env, sh.ctx.ns.programs);
  if ('kind' in target) {
    const status = execFailed(sh, args[0], target, 'exec');
    return sh.interactive && sh.flavour.name === 'bash' ? status : sh.fatal(status);
  }
  const tty = sh.ctx.tty && fds.reader(0) === sh.ctx.stdin && fds.writer(1) === sh.ctx.stdout;
  throw new Execed(await execInPlace(sh.ctx, target, env, { stdin: fds.reader(0), stdout: fds.writer(1), stderr: fds.writer(2), tty }));
}

/**
 * Wait for a job's processes. A foreground job's processes get an
 * interactive shell's SIGINT; a signal that killed one is reported as each
 * shell does (dash/ash: "Killed" per process; bash: the job's last process).
 */
export async function waitJob(sh: Shell, procs: Array<Process<Sys>>, texts: string[], foreground: boolean): Promise<number> {
  if (foreground) sh.fg = procs;
  let statuses;
  try {
    statuses = await sh.ctx.wait(Promise.all(procs.map((p) => p.exited)));
  } finally {
    if (foreground) sh.fg = [];
  }
  const last = statuses[statuses.length - 1];
  let code = last.code;
  if (sh.opts.pipefail) for (const s of statuses) if (s.code !== 0) code = s.code;
  if (!foreground) return code;
  if (sh.flavour.name !== 'bash') {
    for (const s of statuses) if (s.signal && s.signal !== 2 && s.signal !== 13) sh.errOut(`${SIGNAL_TEXT[s.signal] ?? `Signal ${s.signal}`}\n`);
  } else if (last.signal && last.signal !== 2 && last.signal !== 13) {
    if (sh.interactive) sh.errOut(`${SIGNAL_TEXT[last.signal]}\n`);
    else if (last.signal !== 15 && !sh.traps.has(last.signal)) {
      const lines = procs.map((p, k) => {
        const s = statuses[k];
        const what = s.signal ? (SIGNAL_TEXT[s.signal] ?? `Signal ${s.signal}`) : s.code ? `Exit ${s.code}` : 'Done';
        return `${String(p.nsPid).padStart(5)} ${what.padEnd(24)}${k > 0 ? '| ' : ''}${texts[k] ?? ''}`;
      });
      sh.errOut(`${sh.arg0}: line ${sh.line}: ${lines.join('\n')}\n`);
    }
  }
  if (sh.interactive && last.signal === 2) sh.out('\n');
  return code;
}

export async function evalPipe(sh: Shell, node: Extract<Node, { type: 'pipe' }>, _flags: number): Promise<number> {
  const n = node.cmds.length;
  const pipes = Array.from({ length: n - 1 }, () => new Pipe());
  const procs: Array<Process<Sys>> = [];
  for (let i = 0; i < n; i++) {
    const stdin = i > 0 ? pipes[i - 1] : undefined;
    const stdout = i < n - 1 ? pipes[i] : undefined;
    let p: Process<Sys> | undefined;
    try {
      p = await sh.fork((child) => ev().evalNode(child, node.cmds[i], EV_EXIT), { stdin, stdout });
    } catch (e) {
      // a failed fork ends what has started, as bash's terminate_current_pipeline does
      for (const q of procs) sh.ctx.kernel.terminate(q, { code: 128 + 9, signal: 9 });
      throw e;
    }
    if (!p) break;
    p.exited.then(() => {
      stdout?.close();
      stdin?.closeReader();
    });
    procs.push(p);
  }
  if (procs.length < n) {
    for (const pipe of pipes) pipe.close();
    return sh.status;
  }
  return waitJob(sh, procs, node.cmds.map(() => ''), true);
}

/** A loop that runs only builtins burns CPU: yield (and notice being killed) now and then. */
export async function loopTick(sh: Shell, n: number): Promise<void> {
  if (!sh.ctx.proc.alive) throw new ProcessKilled();
  if (n % 1000 === 999) await sh.ctx.spin(5);
}

export { EV_EXIT };
