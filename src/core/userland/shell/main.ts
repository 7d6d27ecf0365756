// The shell as a program: its command line (-c string [name [args]],
// script [args], -s, -i, -l, set options), start-up (variables, rc files of
// interactive bash, signal dispositions), and the three ways of reading
// commands: a string, a script file, or standard input (with a prompt when
// it is a terminal).
import { FsError, ERRNO_MESSAGES } from '../../fs/types';
import type { Process } from '../../kernel/process';
import type { Sys, UserContext, UserProgram } from '../types';
import { reportDoneJobs } from './builtins-jobs';
import './eval';
import { evalString } from './eval';
import type { Flavour } from './flavour';
import { inputOf, type InputBuffer } from './io';
import { defaultPS1, promptText, readable } from './prompt';
import { runLines, type LineSource } from './reader';
import { ReturnFrom, Shell, type Options } from './shell';

/**
 * Terminal integration (what VS Code's and iTerm2's shell integration read
 * from escape codes in the prompt): the terminal that started an interactive
 * shell learns, before each prompt, that the last command finished and its $?.
 */
export type PromptObserver = (status: number, continuation: boolean) => void;
export const promptObservers = new WeakMap<Process<Sys>, PromptObserver>();

interface Invocation {
  command?: string;
  script?: string;
  arg0: string;
  params: string[];
  interactive?: boolean;
  login: boolean;
  norc: boolean;
  set: Array<[keyof Options, boolean]>;
}

const SHORT: Record<string, keyof Options> = { e: 'e', x: 'x', u: 'u', f: 'f', C: 'C', v: 'v', a: 'a' };

/** Parse the shell's own arguments; a string is the usage error to print. */
function parseArgs(f: Flavour, argv: readonly string[]): Invocation | string {
  const name = argv[0] ?? 'sh';
  const inv: Invocation = { arg0: name, params: [], login: name.startsWith('-'), norc: false, set: [] };
  let i = 1;
  let cflag = false;
  let sflag = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (f.name === 'bash' && a.startsWith('--')) {
      if (a === '--login') inv.login = true;
      else if (a === '--norc' || a === '--noprofile' || a === '--posix' || a === '--noediting') inv.norc ||= a === '--norc';
      else return `${name}: ${a}: invalid option\n`;
      continue;
    }
    if (!/^[-+]./.test(a)) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'c' && on) cflag = true;
      else if (c === 's' && on) sflag = true;
      else if (c === 'i') inv.interactive = on;
      else if (c === 'l') inv.login = true;
      else if (c === 'o') {
        const opt = argv[++i];
        const map: Record<string, keyof Options> = { errexit: 'e', xtrace: 'x', nounset: 'u', noglob: 'f', pipefail: 'pipefail', verbose: 'v', allexport: 'a', noclobber: 'C' };
        if (opt && map[opt]) inv.set.push([map[opt], on]);
      } else if (SHORT[c]) inv.set.push([SHORT[c], on]);
      else if (c === 'm' || c === 'h' || c === 'B' || c === 'p' || c === 'E' || c === 'b') continue;
      else return f.name === 'bash' ? `${name}: -${c}: invalid option\n` : f.name === 'ash' ? `${name}: Illegal option -${c}\n` : `${name}: 0: Illegal option -${c}\n`;
    }
  }
  const rest = argv.slice(i);
  if (cflag) {
    if (rest.length === 0) return f.name === 'bash' ? `${name}: -c: option requires an argument\n` : f.name === 'ash' ? `${name}: -c requires an argument\n` : `${name}: 0: -c requires an argument\n`;
    inv.command = rest[0];
    if (rest.length > 1) inv.arg0 = rest[1];
    inv.params = rest.slice(2);
  } else if (sflag || rest.length === 0) inv.params = rest;
  else {
    inv.script = rest[0];
    inv.arg0 = rest[0];
    inv.params = rest.slice(1);
  }
  return inv;
}

/** Variables every shell sets at start-up, and bash's own. */
function initVars(sh: Shell): void {
  const v = sh.vars;
  const fs = sh.fs();
  v.set('IFS', ' \t\n');
  const pwd = v.get('PWD');
  if (!pwd || fs.realpath(pwd) !== fs.realpath('.')) v.export('PWD', sh.cwd);
  v.set('PPID', String(sh.ctx.proc.nsPpid));
  v.set('OPTIND', '1');
  if (v.get('PS1') === undefined) v.set('PS1', defaultPS1(sh));
  if (v.get('PS2') === undefined) v.set('PS2', '> ');
  if (v.get('PS4') === undefined) v.set('PS4', '+ ');
  if (sh.flavour.name === 'ash') {
    // BusyBox's BASH_SHLVL_VAR and BASH_HOSTNAME_VAR (on with ASH_BASH_COMPAT, as Alpine builds it):
    // SHLVL is atoi()+1 printed unsigned, HOSTNAME is set but not exported
    const lvl = Number.parseInt(v.get('SHLVL') ?? '0', 10);
    v.export('SHLVL', String(((Number.isNaN(lvl) ? 0 : lvl) + 1) >>> 0));
    if (v.get('HOSTNAME') === undefined) v.set('HOSTNAME', sh.ctx.ns.uts.hostname);
  }
  if (sh.flavour.name === 'bash') {
    const me = sh.passwd(sh.ctx.proc.uid);
    if (v.get('HOME') === undefined && me) v.set('HOME', me.home);
    if (v.get('SHELL') === undefined && me) v.set('SHELL', me.shell);
    v.set('BASH', '/usr/bin/bash');
    v.set('BASH_VERSION', '5.2.15(1)-release');
    v.set('HOSTNAME', sh.ctx.ns.uts.hostname);
    v.set('HOSTTYPE', 'x86_64');
    v.set('MACHTYPE', 'x86_64-pc-linux-gnu');
    v.set('OSTYPE', 'linux-gnu');
    v.set('UID', String(sh.ctx.proc.uid));
    v.set('EUID', String(sh.ctx.proc.uid));
    const lvl = Number(v.get('SHLVL') ?? '0');
    v.export('SHLVL', String(Number.isFinite(lvl) ? lvl + 1 : 1));
  }
}

async function sourceIfReadable(sh: Shell, path: string): Promise<void> {
  if (!readable(sh, path)) return;
  const text = sh.fs().readFile(path);
  if (text instanceof FsError) return;
  sh.sourceDepth++;
  try {
    await evalString(sh, text, { exitLast: false });
  } catch (e) {
    if (!(e instanceof ReturnFrom)) throw e;
  } finally {
    sh.sourceDepth--;
  }
}

async function startupFiles(sh: Shell, inv: Invocation): Promise<void> {
  const home = sh.vars.get('HOME');
  if (inv.login) {
    await sourceIfReadable(sh, '/etc/profile');
    if (home) {
      const candidates = sh.flavour.name === 'bash' ? ['.bash_profile', '.bash_login', '.profile'] : ['.profile'];
      const first = candidates.map((c) => `${home}/${c}`).find((p) => readable(sh, p));
      if (first) await sourceIfReadable(sh, first);
    }
  } else if (sh.flavour.name === 'bash' && sh.interactive && !inv.norc) {
    await sourceIfReadable(sh, '/etc/bash.bashrc');
    if (home) await sourceIfReadable(sh, `${home}/.bashrc`);
  }
}

/** Standard input, line by line; at a prompt, SIGINT abandons the line. */
class StreamSource implements LineSource {
  constructor(
    private readonly sh: Shell,
    private readonly input: InputBuffer,
  ) {}

  async next(): Promise<{ line: string; nl: boolean } | null | 'interrupt'> {
    const sh = this.sh;
    for (;;) {
      const before = sh.interruptedAt ?? 0;
      const wake = sh.wakeSignal();
      const token = { cancelled: false };
      let got: { line: string; nl: boolean } | null | { wokenBy: number } | undefined;
      try {
        got = await sh.ctx.wait(Promise.race([this.input.readLine('\n', token), wake.promise]));
      } finally {
        // a read that lost the race must not take the next line
        if (got === undefined || (got !== null && 'wokenBy' in got)) token.cancelled = true;
        wake.cancel();
      }
      if (got === null || !('wokenBy' in got)) return got;
      if ((sh.interruptedAt ?? 0) !== before) {
        this.input.discard();
        sh.out('\n');
        return 'interrupt';
      }
      await sh.runTraps();
    }
  }

  hasMore(): boolean {
    return true;
  }
}

async function runShell(sh: Shell, inv: Invocation): Promise<number> {
  const f = sh.flavour;
  if (sh.interactive) for (const sig of [2, 3, 15]) sh.applyTrap(sig);
  await startupFiles(sh, inv);
  if (inv.command !== undefined) {
    sh.commandMode = true;
    return evalString(sh, inv.command, { exitLast: f.execLastOfC });
  }
  if (inv.script !== undefined) {
    const fs = sh.fs();
    const st = fs.stat(inv.script);
    const text = st instanceof FsError ? st : st.kind === 'dir' ? new FsError('EISDIR', inv.script) : fs.readFile(inv.script);
    if (text instanceof FsError) {
      const why = ERRNO_MESSAGES[text.code];
      const name = sh.ctx.argv[0];
      if (f.name === 'bash') {
        sh.errOut(`${name}: ${inv.script}: ${why}\n`);
        return text.code === 'ENOENT' ? 127 : 126;
      }
      sh.errOut(f.name === 'ash' ? `${name}: can't open '${inv.script}': ${why}\n` : `${name}: 0: cannot open ${inv.script}: ${text.code === 'ENOENT' ? 'No such file' : why}\n`);
      return f.name === 'ash' ? 2 : 2;
    }
    sh.script = f.name === 'bash' ? undefined : inv.script;
    return evalString(sh, text, { exitLast: false });
  }
  const src = new StreamSource(sh, inputOf(sh.ctx.stdin));
  if (!sh.interactive) return runLines(sh, src, { exitLast: false });
  const status = await runLines(sh, src, {
    exitLast: false,
    prompt: async (more) => {
      if (!more) reportDoneJobs(sh);
      promptObservers.get(sh.ctx.proc)?.(sh.status, more);
      sh.out(await promptText(sh, more ? 'PS2' : 'PS1'));
    },
    onCommand: (text) => {
      const line = text.replace(/\n$/, '');
      if (f.name !== 'dash' && line.trim() !== '') sh.history.push(line);
    },
  });
  if (f.name === 'bash') sh.errOut('exit\n');
  return status;
}

/** The program of one shell flavour: dash, bash or busybox ash. */
export function shellMain(flavour: Flavour): UserProgram {
  return async (ctx: UserContext) => {
    const inv = parseArgs(flavour, ctx.argv);
    if (typeof inv === 'string') {
      ctx.stderr.write(inv);
      return 2;
    }
    const sh = new Shell(ctx, flavour, inv.arg0.replace(/^-/, ''));
    sh.params = inv.params;
    for (const [k, on] of inv.set) sh.opts[k] = on;
    sh.interactive = inv.interactive ?? (inv.command === undefined && inv.script === undefined && ctx.tty);
    initVars(sh);
    return sh.runAsProcess(() => runShell(sh, inv));
  };
}
