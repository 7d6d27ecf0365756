// trap, kill, wait and jobs: signals by name or number (SIG prefix
// optional), traps that run between commands, and background jobs.
import { SIGNALS, signalName } from '../../kernel/signals';
import { SIGNAL_TEXT } from './flavour';
import { ev, type Job, type Shell } from './shell';

/** "TERM", "SIGTERM", "15", "EXIT" → number (0 = EXIT), as each shell accepts them. */
export function parseSig(sh: Shell, s: string): number | undefined {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n <= 64 ? n : undefined;
  }
  const up = sh.flavour.name === 'dash' ? s : s.toUpperCase();
  if (up === 'EXIT') return 0;
  const name = up.startsWith('SIG') ? up : `SIG${up}`;
  return (SIGNALS as Record<string, number>)[name];
}

function sigName(sig: number): string {
  if (sig === 0) return 'EXIT';
  return (signalName(sig) ?? `SIG${sig}`).slice(3);
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

export async function trap(sh: Shell, argv: string[]): Promise<number> {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  const bash = sh.flavour.name === 'bash';
  if (args.length === 0 || (bash && args[0] === '-p')) {
    for (const [sig, cmd] of [...sh.traps].sort((a, b) => a[0] - b[0])) {
      sh.out(`trap -- ${quote(cmd)} ${bash && sig !== 0 ? `SIG${sigName(sig)}` : sigName(sig)}\n`);
    }
    return 0;
  }
  if (args[0] === '-l') {
    for (let n = 1; n <= 31; n++) sh.out(`${String(n).padStart(2)}) SIG${sigName(n)}${n % 5 === 0 || n === 31 ? '\n' : '\t'}`);
    return 0;
  }
  // `trap 15` or `trap - 15`: reset
  let action: string | undefined = args[0];
  let sigs = args.slice(1);
  if (sigs.length === 0 || (/^\d+$/.test(action) && sh.flavour.name !== 'bash')) {
    sigs = args;
    action = undefined;
  }
  if (action === '-') action = undefined;
  let status = 0;
  for (const s of sigs) {
    const sig = parseSig(sh, s);
    if (sig === undefined) {
      sh.error(bash ? `${s}: invalid signal specification` : `${s}: bad trap`, 'trap');
      status = 1;
      continue;
    }
    if (action === undefined) sh.traps.delete(sig);
    else sh.traps.set(sig, action);
    sh.applyTrap(sig);
  }
  return status;
}

export async function kill(sh: Shell, argv: string[]): Promise<number> {
  const f = sh.flavour.name;
  let args = argv.slice(1);
  let sig = 15;
  if (args.length === 0) {
    sh.error(f === 'bash' ? 'usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]' : 'usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]', 'kill');
    return f === 'bash' ? 2 : 2;
  }
  const badSig = (s: string) => {
    sh.error(f === 'bash' ? `${s}: invalid signal specification` : f === 'ash' ? `bad signal name '${s}'` : `invalid signal number or name: ${s}`, 'kill');
    return 1;
  };
  if (args[0] === '-l' || args[0] === '-L') {
    if (args[1] !== undefined) {
      const n = Number(args[1]);
      const s = parseSig(sh, args[1]);
      if (/^\d+$/.test(args[1])) sh.out(`${sigName(n > 128 ? n - 128 : n)}\n`);
      else if (s !== undefined) sh.out(`${s}\n`);
      else return badSig(args[1]);
      return 0;
    }
    sh.out(`${Array.from({ length: 31 }, (_, i) => sigName(i + 1)).join(f === 'bash' ? ' ' : '\n')}\n`);
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const s = parseSig(sh, args[1] ?? '');
    if (s === undefined) return badSig(args[1] ?? '');
    sig = s;
    args = args.slice(2);
  } else if (args[0].startsWith('-') && args[0] !== '--' && args[0].length > 1) {
    const s = parseSig(sh, args[0].slice(1));
    if (s === undefined) return badSig(args[0].slice(1));
    sig = s;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  let status = 0;
  for (const a of args) {
    let pids: number[];
    if (a.startsWith('%')) {
      const job = findJob(sh, a);
      if (!job) {
        sh.error(f === 'bash' ? `${a}: no such job` : `${a}: no such job`, 'kill');
        status = 1;
        continue;
      }
      pids = job.procs.filter((p) => p.alive).map((p) => p.nsPid);
    } else if (/^-?\d+$/.test(a)) pids = [Number(a)];
    else {
      sh.error(f === 'bash' ? `${a}: arguments must be process or job IDs` : f === 'ash' ? `invalid number '${a}'` : `Illegal number: ${a}`, 'kill');
      status = 1;
      continue;
    }
    for (const pid of pids) {
      const r = pid === 0 ? undefined : sh.ctx.kill(Math.abs(pid), sig);
      if (r === undefined) continue;
      const why = r === 'ESRCH' ? 'No such process' : 'Operation not permitted';
      sh.error(f === 'bash' ? `(${pid}) - ${why}` : f === 'ash' ? `can't kill pid ${pid}: ${why}` : why, 'kill');
      status = 1;
    }
  }
  return status;
}

export function findJob(sh: Shell, spec: string): Job | undefined {
  if (spec === '%%' || spec === '%+' || spec === '%') return sh.jobs[sh.jobs.length - 1];
  if (spec === '%-') return sh.jobs[sh.jobs.length - 2];
  const n = Number(spec.slice(1));
  if (Number.isInteger(n)) return sh.jobs.find((j) => j.id === n);
  return sh.jobs.find((j) => j.text.startsWith(spec.slice(1)));
}

export async function wait(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  const targets: Array<{ p: Promise<{ code: number }> | undefined; label: string }> = [];
  if (args.length === 0) {
    for (const j of sh.jobs) for (const p of j.procs) targets.push({ p: p.exited, label: '' });
  } else {
    for (const a of args) {
      if (a.startsWith('%')) {
        const job = findJob(sh, a);
        targets.push({ p: job ? job.procs[job.procs.length - 1].exited : undefined, label: a });
        continue;
      }
      const pid = Number(a);
      const proc = sh.jobs.flatMap((j) => j.procs).find((p) => p.nsPid === pid);
      targets.push({ p: proc?.exited, label: a });
    }
  }
  let status = 0;
  const wake = sh.wakeSignal();
  try {
    for (const t of targets) {
      if (!t.p) {
        if (sh.flavour.name === 'bash') sh.error(/^\d+$/.test(t.label) ? `pid ${t.label} is not a child of this shell` : `${t.label}: no such job`, 'wait');
        status = 127;
        continue;
      }
      const r = await sh.ctx.wait(Promise.race([t.p, wake.promise]));
      // a trapped signal interrupts wait, which returns >128 and lets the trap run
      if ('wokenBy' in r) return 128 + r.wokenBy;
      status = r.code;
    }
  } finally {
    wake.cancel();
  }
  if (args.length === 0) {
    sh.jobs = [];
    status = 0;
  } else sh.jobs = sh.jobs.filter((j) => j.procs.some((p) => p.alive));
  return status;
}

/** How a finished job's status reads in `jobs` and in the done notice. */
export function jobState(j: Job): string {
  if (j.procs.some((p) => p.alive)) return 'Running';
  const s = j.procs[j.procs.length - 1].status!;
  if (s.signal) return SIGNAL_TEXT[s.signal] ?? `Signal ${s.signal}`;
  return s.code === 0 ? 'Done' : `${s.code ? `Exit ${s.code}` : 'Done'}`;
}

export function formatJob(sh: Shell, j: Job): string {
  const cur = j === sh.jobs[sh.jobs.length - 1] ? '+' : j === sh.jobs[sh.jobs.length - 2] ? '-' : ' ';
  const state = jobState(j);
  const text = j.text + (state === 'Running' && sh.flavour.name === 'bash' ? ' &' : '');
  if (sh.flavour.name === 'bash') return `[${j.id}]${cur}  ${state.padEnd(24)}${text}`;
  const head = `[${j.id}]${cur}  ${state === 'Done' || state === 'Running' ? state : state.replace(/^Exit (\d+)$/, 'Done($1)')}`;
  return `${head}${' '.repeat(Math.max(1, 33 - head.length))}${text}`;
}

export async function jobs(sh: Shell, argv: string[]): Promise<number> {
  const pidsOnly = argv.includes('-p');
  for (const j of sh.jobs) sh.out(pidsOnly ? `${j.procs[0].nsPid}\n` : `${formatJob(sh, j)}\n`);
  sh.jobs = sh.jobs.filter((j) => j.procs.some((p) => p.alive));
  return 0;
}

/** Before a prompt, interactive shells report background jobs that finished. */
export function reportDoneJobs(sh: Shell): void {
  for (const j of sh.jobs) if (!j.procs.some((p) => p.alive)) sh.errOut(`${formatJob(sh, j)}\n`);
  sh.jobs = sh.jobs.filter((j) => j.procs.some((p) => p.alive));
}

export { ev };
