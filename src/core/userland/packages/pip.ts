// pip 25.1.1 as a program: option parsing with optparse's errors, and the
// install / uninstall / list / freeze / show commands working on the
// container's site-packages through the process's own view of the files,
// talking to the index over the simulated network. `runPip` is also what
// `python3 -m pip` runs.
import { FsError } from '../../fs/types';
import { fsOf, type FileSystem, type UserContext } from '../types';
import { findPythonEnv, installedDists, type InstalledDist, type PyEnv } from './pip-env';
import { PipIndex } from './pip-index';
import { PipLog } from './pip-log';
import { pipInstall } from './pip-install-command';
import { pipUninstall } from './pip-uninstall-command';
import { pipVersionCheck } from './pip-selfcheck';
import { pipFreeze, pipList, pipShow } from './pip-query';

export const PIP_VERSION_FALLBACK = '25.1.1';

const COMMANDS: [string, string][] = [
  ['install', 'Install packages.'],
  ['lock', 'Generate a lock file.'],
  ['download', 'Download packages.'],
  ['uninstall', 'Uninstall packages.'],
  ['freeze', 'Output installed packages in requirements format.'],
  ['inspect', 'Inspect the python environment.'],
  ['list', 'List installed packages.'],
  ['show', 'Show information about installed packages.'],
  ['check', 'Verify installed packages have compatible dependencies.'],
  ['config', 'Manage local and global configuration.'],
  ['search', 'Search PyPI for packages.'],
  ['cache', "Inspect and manage pip's wheel cache."],
  ['index', 'Inspect information available from package indexes.'],
  ['wheel', 'Build wheels from your requirements.'],
  ['hash', 'Compute hashes of package archives.'],
  ['completion', 'A helper command used for command completion.'],
  ['debug', 'Show information useful for debugging.'],
  ['help', 'Show help for commands.'],
];

const USAGE: Record<string, string[]> = {
  install: ['[options] <requirement specifier> [package-index-options] ...', '[options] -r <requirements file> [package-index-options] ...', '[options] [-e] <vcs project url> ...', '[options] [-e] <local project path> ...', '[options] <archive url/path> ...'],
  uninstall: ['[options] <package> ...', '[options] -r <requirements file> ...'],
  list: ['[options]'],
  show: ['[options] <package> ...'],
  freeze: ['[options]'],
};

/** Everything pip's option parser collected. */
export interface PipOptions {
  verbosity: number;
  requirements: string[];
  args: string[];
  upgrade: boolean;
  forceReinstall: boolean;
  ignoreInstalled: boolean;
  noDeps: boolean;
  user: boolean;
  noCache: boolean;
  cacheDir?: string;
  disableVersionCheck: boolean;
  rootUserAction: 'warn' | 'ignore';
  indexUrl: string;
  yes: boolean;
  dryRun: boolean;
  files: boolean;
  all: boolean;
  format: string;
  retries: number;
  noWarnScriptLocation: boolean;
}

/** The process's view of the pip world: files, interpreter, installed distributions. */
export interface PipContext {
  ctx: UserContext;
  fs: FileSystem;
  log: PipLog;
  env: PyEnv;
  opts: PipOptions;
  index: PipIndex;
  prog: string;
}

export function sitePaths(pc: { env: PyEnv; fs: FileSystem }): string[] {
  return pc.fs.exists(pc.env.userSite) ? [pc.env.userSite, pc.env.site] : [pc.env.site];
}

export function distributions(pc: { env: PyEnv; fs: FileSystem }): Map<string, InstalledDist> {
  return installedDists(pc.fs, sitePaths(pc));
}

export function usageError(ctx: UserContext, prog: string, command: string | undefined, msg: string): number {
  const lines = command && USAGE[command] ? USAGE[command].map((u) => `  ${prog} ${command} ${u}`) : [`  ${prog} <command> [options]`];
  ctx.stderr.write(`\nUsage:   \n${lines.join('\n')}\n\n${msg}\n`);
  return 2;
}

const envFlag = (env: Record<string, string>, k: string) => {
  const v = (env[k] ?? '').toLowerCase();
  return v !== '' && v !== '0' && v !== 'false' && v !== 'no' && v !== 'off';
};

type Parsed = { command?: string; opts: PipOptions } | { exit: number };

function parseArgs(ctx: UserContext, prog: string, argv: string[]): Parsed {
  const env = ctx.env;
  const opts: PipOptions = {
    verbosity: 0,
    requirements: [],
    args: [],
    upgrade: false,
    forceReinstall: false,
    ignoreInstalled: false,
    noDeps: false,
    user: false,
    noCache: env.PIP_NO_CACHE_DIR !== undefined && env.PIP_NO_CACHE_DIR !== '' && env.PIP_NO_CACHE_DIR !== '0' && env.PIP_NO_CACHE_DIR.toLowerCase() !== 'false',
    disableVersionCheck: envFlag(env, 'PIP_DISABLE_PIP_VERSION_CHECK'),
    rootUserAction: (env.PIP_ROOT_USER_ACTION ?? '') === 'ignore' ? 'ignore' : 'warn',
    indexUrl: env.PIP_INDEX_URL || 'https://pypi.org/simple',
    yes: envFlag(env, 'PIP_YES'),
    dryRun: false,
    files: false,
    all: false,
    format: 'columns',
    retries: 5,
    noWarnScriptLocation: false,
  };
  let command: string | undefined;
  const takesValue = new Set(['-r', '--requirement', '-i', '--index-url', '--root-user-action', '--cache-dir', '--format', '--retries', '--timeout', '--progress-bar', '--extra-index-url', '-c', '--constraint', '--log', '--python', '--proxy', '--trusted-host', '-t', '--target', '--prefix', '--root', '--exists-action']);
  const known = new Set([...takesValue, '-h', '--help', '-V', '--version', '-v', '--verbose', '-q', '--quiet', '-U', '--upgrade', '--force-reinstall', '--no-deps', '-I', '--ignore-installed', '--user', '--no-cache-dir', '--disable-pip-version-check', '-y', '--yes', '--dry-run', '-f', '--files', '--all', '--no-input', '--break-system-packages', '--pre', '--no-warn-script-location', '--no-color', '--isolated', '--no-compile', '--compile', '-o', '--outdated', '-l', '--local', '--not-required', '--no-index', '--upgrade-strategy']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      opts.args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (command === undefined) command = a;
      else opts.args.push(a);
      continue;
    }
    let flag = a;
    let value: string | undefined;
    if (a.startsWith('--') && a.includes('=')) {
      flag = a.slice(0, a.indexOf('='));
      value = a.slice(a.indexOf('=') + 1);
    } else if (!a.startsWith('--') && a.length > 2) {
      // short options bundle: -qq, -vv, -rreq.txt, -Uq
      const first = `-${a[1]}`;
      if (takesValue.has(first)) {
        flag = first;
        value = a.slice(2);
      } else if ([...a.slice(1)].every((c) => known.has(`-${c}`) && !takesValue.has(`-${c}`))) {
        argv.splice(i + 1, 0, ...[...a.slice(2)].map((c) => `-${c}`));
        flag = first;
      }
    }
    if (!known.has(flag)) {
      const candidates = [...known].filter((k) => k.startsWith('--') && flag.startsWith('--') && k.startsWith(flag));
      if (candidates.length === 1) flag = candidates[0];
      else return { exit: usageError(ctx, prog, command, `no such option: ${flag}`) };
    }
    if (takesValue.has(flag) && value === undefined) {
      value = argv[++i];
      if (value === undefined) return { exit: usageError(ctx, prog, command, `${flag} option requires 1 argument`) };
    }
    switch (flag) {
      case '-h':
      case '--help':
        return { command: 'help', opts: { ...opts, args: command ? [command] : [] } };
      case '-V':
      case '--version':
        return { command: '--version', opts };
      case '-v':
      case '--verbose':
        opts.verbosity++;
        break;
      case '-q':
      case '--quiet':
        opts.verbosity--;
        break;
      case '-r':
      case '--requirement':
        opts.requirements.push(value!);
        break;
      case '-i':
      case '--index-url':
        opts.indexUrl = value!;
        break;
      case '--root-user-action':
        if (value !== 'warn' && value !== 'ignore') return { exit: usageError(ctx, prog, command, `option --root-user-action: invalid choice: '${value}' (choose from 'warn', 'ignore')`) };
        opts.rootUserAction = value;
        break;
      case '--cache-dir':
        opts.cacheDir = value;
        break;
      case '--format':
        opts.format = value!;
        break;
      case '--retries':
        opts.retries = Number(value);
        break;
      case '-U':
      case '--upgrade':
        opts.upgrade = true;
        break;
      case '--force-reinstall':
        opts.forceReinstall = true;
        break;
      case '--no-deps':
        opts.noDeps = true;
        break;
      case '-I':
      case '--ignore-installed':
        opts.ignoreInstalled = true;
        break;
      case '--user':
        opts.user = true;
        break;
      case '--no-cache-dir':
        opts.noCache = true;
        break;
      case '--disable-pip-version-check':
      case '--no-index':
        opts.disableVersionCheck = true;
        break;
      case '-y':
      case '--yes':
        opts.yes = true;
        break;
      case '--dry-run':
        opts.dryRun = true;
        break;
      case '-f':
      case '--files':
        opts.files = true;
        break;
      case '--all':
        opts.all = true;
        break;
      case '--no-warn-script-location':
        opts.noWarnScriptLocation = true;
        break;
      default:
        break;
    }
  }
  return { command, opts };
}

function generalHelp(prog: string): string {
  const cmds = COMMANDS.map(([n, s]) => `  ${n.padEnd(28)}${s}`).join('\n');
  return `\nUsage:   \n  ${prog} <command> [options]\n\nCommands:\n${cmds}\n\nGeneral Options:\n  -h, --help                  Show help.\n  -v, --verbose               Give more output. Option is additive, and can be\n                              used up to 3 times.\n  -V, --version               Show version and exit.\n  -q, --quiet                 Give less output. Option is additive, and can be\n                              used up to 3 times (corresponding to WARNING,\n                              ERROR, and CRITICAL logging levels).\n  --retries <retries>         Maximum attempts to establish a new HTTP\n                              connection. (default: 5)\n  --cache-dir <dir>           Store the cache data in <dir>.\n  --no-cache-dir              Disable the cache.\n  --disable-pip-version-check\n                              Don't periodically check PyPI to determine\n                              whether a new version of pip is available for\n                              download. Implied with --no-index.\n`;
}

/** Levenshtein-ish guess for "maybe you meant" (difflib.get_close_matches, cutoff 0.6). */
function guessCommand(name: string): string | undefined {
  const ratio = (a: string, b: string) => {
    // difflib's ratio: 2*M/T with M the longest-common-subsequence-like match count
    const m: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) m[i][j] = a[i - 1] === b[j - 1] ? m[i - 1][j - 1] + 1 : Math.max(m[i - 1][j], m[i][j - 1]);
    return (2 * m[a.length][b.length]) / (a.length + b.length);
  };
  let best: [string, number] | undefined;
  for (const [c] of COMMANDS) {
    const r = ratio(name, c);
    if (r >= 0.6 && (!best || r > best[1])) best = [c, r];
  }
  return best?.[0];
}

/** pip's main(): `args` are the words after `pip`. */
export async function runPip(ctx: UserContext, args: readonly string[], prog = 'pip'): Promise<number> {
  const fs = fsOf(ctx);
  const parsed = parseArgs(ctx, prog, [...args]);
  if ('exit' in parsed) return parsed.exit;
  const { opts } = parsed;
  const command = parsed.command;
  const env = findPythonEnv(fs, ctx.env);
  if (!env) {
    ctx.stderr.write(`${prog}: this simulation has no Python installation here (no /usr/local/lib/python3.*)\n`);
    return 1;
  }
  // the interpreter starting and pip importing its modules
  await ctx.sleep(280);
  const log = new PipLog(ctx, opts.verbosity);
  const pipDist = installedDists(fs, [env.site]).get('pip');
  const pipVersion = pipDist?.version ?? PIP_VERSION_FALLBACK;
  if (command === '--version') {
    log.info(`pip ${pipVersion} from ${env.site}/pip (python ${env.short})`);
    return 0;
  }
  if (command === undefined || command === 'help') {
    const topic = opts.args[0];
    if (topic && USAGE[topic]) {
      ctx.stdout.write(`\nUsage:   \n${USAGE[topic].map((u) => `  ${prog} ${topic} ${u}`).join('\n')}\n\nDescription:\n  ${COMMANDS.find(([n]) => n === topic)?.[1] ?? ''}\n`);
      return 0;
    }
    ctx.stdout.write(generalHelp(prog));
    return 0;
  }
  const cacheDir = opts.noCache ? undefined : (opts.cacheDir ?? `${ctx.env.XDG_CACHE_HOME || `${env.home}/.cache`}/pip`);
  const index = new PipIndex(ctx, fs, log, opts.indexUrl, cacheDir, opts.retries);
  const pc: PipContext = { ctx, fs, log, env, opts, index, prog };
  switch (command) {
    case 'install': {
      index.checkCacheDir();
      const r = await pipInstall(pc);
      // pip checks its own version in a finally block, before the exception's message is logged
      if (!opts.disableVersionCheck) await pipVersionCheck(pc, pipDist);
      if (r.error) log.critical(r.error);
      return r.code;
    }
    case 'uninstall':
      return pipUninstall(pc);
    case 'list':
      return pipList(pc, pipDist);
    case 'freeze':
      return pipFreeze(pc);
    case 'show':
      return pipShow(pc);
    default: {
      if (COMMANDS.some(([n]) => n === command)) {
        log.error(`Stevedore's pip does not simulate "pip ${command}" (install, uninstall, list, freeze and show are)`);
        return 1;
      }
      const guess = guessCommand(command);
      log.error(`unknown command "${command}"${guess ? ` - maybe you meant "${guess}"` : ''}`);
      return 1;
    }
  }
}

/** What a command returns: its exit code and the error pip logs after the version check. */
export interface CommandResult {
  code: number;
  error?: string;
}

export function warnRoot(pc: PipContext): void {
  if (pc.opts.rootUserAction !== 'warn' || pc.ctx.proc.uid !== 0) return;
  pc.log.warning(
    "Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.",
  );
}

/** pip's tabulate: columns padded to the widest cell, rows right-stripped. */
export function tabulate(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join(' ').replace(/\s+$/, ''));
}

/** Read a requirements file (pip's req_file: comments, continuations, -r nesting). */
export function readRequirementsFile(fs: FileSystem, path: string, seen = new Set<string>()): { line: string; comesFrom: string }[] | { error: string } {
  const text = fs.readFile(path);
  if (text instanceof FsError) {
    const errno = text.code === 'ENOENT' ? 2 : text.code === 'EACCES' ? 13 : text.code === 'EISDIR' ? 21 : 5;
    return { error: `Could not open requirements file: [Errno ${errno}] ${text.message}: '${path}'` };
  }
  seen.add(path);
  const out: { line: string; comesFrom: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let l = lines[i];
    while (l.endsWith('\\') && i + 1 < lines.length) l = l.slice(0, -1) + lines[++i];
    l = l.replace(/(^|\s+)#.*$/, '').trim();
    if (!l) continue;
    const nested = /^(?:-r|--requirement)(?:\s+|=)(.+)$/.exec(l) ?? /^-r(\S+)$/.exec(l);
    if (nested) {
      const target = nested[1].startsWith('/') ? nested[1] : `${path.slice(0, path.lastIndexOf('/') + 1)}${nested[1]}`;
      if (seen.has(target)) continue;
      const sub = readRequirementsFile(fs, target, seen);
      if ('error' in sub) return sub;
      out.push(...sub);
      continue;
    }
    if (l.startsWith('-')) continue; // index options and the like
    out.push({ line: l.replace(/\s+--hash[= ]\S+/g, ''), comesFrom: `-r ${path} (line ${start + 1})` });
  }
  return out;
}

