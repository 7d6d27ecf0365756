// Builtins about variables and options: export, readonly, unset, local,
// set (options, positional parameters, listing) and shift, with each
// shell's listing format and wording.
import type { Shell } from './shell';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How `set` and `export -p` quote a value: dash and busybox always single-quote, bash only when needed. */
function shQuote(sh: Shell, v: string): string {
  if (sh.flavour.name === 'bash' && /^[A-Za-z0-9_/.,+:@%=^-]*$/.test(v) && v !== '') return v;
  return `'${v.replace(/'/g, "'\\''")}'`;
}

function badName(sh: Shell, builtin: string, name: string): number {
  const bash = sh.flavour.name === 'bash';
  sh.error(bash ? `\`${name}': not a valid identifier` : `${name}: bad variable name`, builtin);
  return bash ? 1 : sh.fatal(2);
}

async function exportOrReadonly(sh: Shell, argv: string[], which: 'export' | 'readonly'): Promise<number> {
  const args = argv.slice(1);
  let unexport = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const opt = args.shift()!;
    if (opt === '--') break;
    if (opt === '-n') unexport = true;
  }
  if (args.length === 0) {
    for (const [k, v] of sh.vars.entries()) {
      if (which === 'export' ? !v.exported : !v.readonly) continue;
      if (sh.flavour.name === 'bash') {
        const flags = which === 'export' ? (v.readonly ? '-rx' : '-x') : v.exported ? '-rx' : '-r';
        sh.out(`declare ${flags} ${k}${v.value === undefined ? '' : `="${v.value.replace(/(["\\$`])/g, '\\$1')}"`}\n`);
      } else sh.out(`${which} ${k}${v.value === undefined ? '' : `=${shQuote(sh, v.value)}`}\n`);
    }
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    const value = eq < 0 ? undefined : a.slice(eq + 1);
    if (!NAME.test(name)) {
      status = badName(sh, which, a);
      continue;
    }
    if (which === 'readonly') sh.vars.setReadonly(name, value);
    else if (unexport) sh.vars.unexport(name);
    else if (!sh.vars.export(name, value)) {
      sh.error(sh.readonlyMessage(name), which);
      status = 1;
    }
  }
  return status;
}

export const exportCmd = (sh: Shell, argv: string[]) => exportOrReadonly(sh, argv, 'export');
export const readonlyCmd = (sh: Shell, argv: string[]) => exportOrReadonly(sh, argv, 'readonly');

export async function unset(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  let mode: 'v' | 'f' | 'both' = 'both';
  while (args[0]?.startsWith('-')) {
    const o = args.shift()!;
    if (o === '--') break;
    if (o === '-f') mode = 'f';
    else if (o === '-v') mode = 'v';
  }
  let status = 0;
  for (const name of args) {
    if (mode !== 'f' && sh.vars.has(name) === false && sh.functions.has(name) && mode === 'both') {
      sh.functions.delete(name);
      continue;
    }
    if (mode === 'f') {
      sh.functions.delete(name);
      continue;
    }
    if (!sh.vars.unset(name)) {
      sh.error(sh.flavour.name === 'bash' ? `${name}: cannot unset: readonly variable` : `${name}: is read only`, 'unset');
      status = 1;
    }
  }
  return status;
}

export async function local(sh: Shell, argv: string[]): Promise<number> {
  if (!sh.vars.inFunction) {
    sh.error(sh.flavour.name === 'bash' ? 'can only be used in a function' : 'not in a function', 'local');
    return sh.flavour.name === 'bash' ? 1 : 2;
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) return badName(sh, 'local', a);
    sh.vars.local(name, eq < 0 ? undefined : a.slice(eq + 1));
  }
  return 0;
}

const LONG: Record<string, keyof Shell['opts']> = {
  errexit: 'e', xtrace: 'x', nounset: 'u', noglob: 'f', noclobber: 'C', verbose: 'v', allexport: 'a', pipefail: 'pipefail',
};

export async function set(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [k, v] of sh.vars.entries()) if (v.value !== undefined) sh.out(`${k}=${shQuote(sh, v.value)}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      sh.params = args.slice(i + 1);
      return 0;
    }
    if (a === '-' || a === '+') {
      i++;
      break;
    }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'o') {
        const name = args[++i];
        if (name === undefined) {
          for (const [long, key] of Object.entries(LONG)) {
            sh.out(sh.flavour.name === 'bash' ? `${long.padEnd(15)}\t${sh.opts[key] ? 'on' : 'off'}\n` : `${long.padEnd(16)}${sh.opts[key] ? 'on' : 'off'}\n`);
          }
          continue;
        }
        const key = LONG[name];
        if (!key || (key === 'pipefail' && sh.flavour.name === 'dash')) {
          sh.error(sh.flavour.name === 'bash' ? `${name}: invalid option name` : `Illegal option -o ${name}`, 'set');
          return sh.flavour.name === 'bash' ? 1 : sh.fatal(2);
        }
        sh.opts[key] = on;
        continue;
      }
      const key = (['e', 'x', 'u', 'f', 'C', 'v', 'a'] as const).find((k) => k === c);
      if (!key) {
        if (c === 'm' || c === 'h' || c === 'b' || c === 'n' || c === 'B' || c === 'H') continue;
        sh.error(sh.flavour.name === 'bash' ? `-${c}: invalid option` : `Illegal option -${c}`, 'set');
        return sh.flavour.name === 'bash' ? 2 : sh.fatal(2);
      }
      sh.opts[key] = on;
    }
  }
  if (i < args.length || args[args.length - 1] === '-' || args[args.length - 1] === '+') sh.params = args.slice(i);
  return 0;
}

export async function shift(sh: Shell, argv: string[]): Promise<number> {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    sh.error(sh.flavour.name === 'bash' ? `${argv[1]}: numeric argument required` : `Illegal number: ${argv[1]}`, 'shift');
    return sh.flavour.name === 'bash' ? 1 : sh.fatal(2);
  }
  if (n > sh.params.length) {
    if (sh.flavour.name === 'bash') return 1;
    sh.error(sh.flavour.name === 'ash' ? "can't shift that many" : "can't shift that many", 'shift');
    return sh.fatal(2);
  }
  sh.params = sh.params.slice(n);
  return 0;
}

/** getopts optstring name [args]: one option per call, OPTIND/OPTARG as POSIX says. */
export async function getopts(sh: Shell, argv: string[]): Promise<number> {
  const [, spec, name, ...given] = argv;
  if (spec === undefined || name === undefined) {
    sh.error(sh.flavour.name === 'bash' ? 'usage: getopts optstring name [arg ...]' : 'usage: getopts optstring var [arg]', 'getopts');
    return 2;
  }
  const args = given.length > 0 ? given : sh.params;
  const silent = spec.startsWith(':');
  const opts = silent ? spec.slice(1) : spec;
  let ind = Number(sh.vars.get('OPTIND') ?? '1');
  // where inside a bundle like -abc the last call stopped
  let pos = sh.getoptsPos ?? 1;
  const arg = args[ind - 1];
  const done = () => {
    sh.vars.set(name, '?');
    sh.vars.unset('OPTARG');
    sh.getoptsPos = 1;
    return 1;
  };
  if (arg === undefined || arg === '-' || !arg.startsWith('-')) return done();
  if (arg === '--') {
    sh.vars.set('OPTIND', String(ind + 1));
    return done();
  }
  const c = arg[pos];
  const next = () => {
    if (pos + 1 < arg.length) pos++;
    else {
      ind++;
      pos = 1;
    }
  };
  const k = opts.indexOf(c);
  if (k < 0 || c === ':') {
    next();
    sh.vars.set(name, '?');
    if (silent) sh.vars.set('OPTARG', c);
    else {
      sh.vars.unset('OPTARG');
      // dash and BusyBox print the bare message; bash names $0
      sh.errOut(sh.flavour.name === 'bash' ? `${sh.arg0}: illegal option -- ${c}\n` : `Illegal option -${c}\n`);
    }
  } else if (opts[k + 1] === ':') {
    let value: string | undefined;
    if (pos + 1 < arg.length) value = arg.slice(pos + 1);
    else value = args[ind];
    ind += value !== undefined && pos + 1 >= arg.length ? 2 : 1;
    pos = 1;
    if (value === undefined) {
      if (silent) {
        sh.vars.set(name, ':');
        sh.vars.set('OPTARG', c);
      } else {
        sh.vars.set(name, '?');
        sh.vars.unset('OPTARG');
        sh.errOut(`${sh.arg0}: ${sh.flavour.name === 'bash' ? `option requires an argument -- ${c}` : `No arg for -${c} option`}\n`);
      }
    } else {
      sh.vars.set(name, c);
      sh.vars.set('OPTARG', value);
    }
  } else {
    next();
    sh.vars.set(name, c);
    sh.vars.unset('OPTARG');
  }
  sh.vars.set('OPTIND', String(ind));
  sh.getoptsPos = pos;
  return 0;
}
