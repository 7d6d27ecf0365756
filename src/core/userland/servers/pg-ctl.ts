// pg_ctl (PostgreSQL 16): `start` forks the postmaster through `/bin/sh -c
// exec postgres …` and, with -w, polls postmaster.pid until it says "ready";
// `stop` signals the PID in postmaster.pid (-m smart/fast/immediate) and
// waits for the file to go; `status`. Its messages are the real ones.
import { FsError } from '../../fs/types';
import { SIGNALS, type Signal } from '../../kernel/signals';
import { EMPTY } from '../../kernel/stream';
import { resolveExec } from '../exec';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { forkChild } from './exec';
import { runCommand } from './pg-script';
import { pgVersion } from './pg-version';

const WAITS_PER_SEC = 10;
const WAIT_SECONDS = 60;

interface PgCtlArgs {
  action?: string;
  pgdata: string;
  opts: string[];
  mode: string;
  wait: boolean;
  log?: string;
}

/** `-o "…"` as the shell of `exec postgres … $opts` splits it (printf %q quoting included). */
function shellSplit(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      cur += s.slice(i + 1, j < 0 ? s.length : j);
      has = true;
      i = j < 0 ? s.length : j;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (c === ' ' || c === '\t') {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

function parse(ctx: UserContext): PgCtlArgs | string {
  const a: PgCtlArgs = { pgdata: ctx.env.PGDATA ?? '', opts: [], mode: 'fast', wait: true };
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === '-D' || w === '--pgdata') a.pgdata = args[++i] ?? '';
    else if (w.startsWith('--pgdata=')) a.pgdata = w.slice(9);
    else if (w === '-o' || w === '--options') a.opts.push(...shellSplit(args[++i] ?? ''));
    else if (w === '-m' || w === '--mode') a.mode = args[++i] ?? '';
    else if (w === '-w' || w === '--wait') a.wait = true;
    else if (w === '-W' || w === '--no-wait') a.wait = false;
    else if (w === '-l' || w === '--log') a.log = args[++i];
    else if (w === '-s' || w === '--silent') continue;
    else if (!w.startsWith('-') && a.action === undefined) a.action = w;
    else return w;
  }
  return a;
}

/** postmaster.pid: line 1 the PID, line 8 the status ("starting", "ready   ", "stopping"). */
function readPidFile(ctx: UserContext, pgdata: string): { pid: number; status: string } | undefined {
  const text = fsOf(ctx).readFile(`${pgdata}/postmaster.pid`);
  if (text instanceof FsError) return undefined;
  const lines = text.split('\n');
  return { pid: Number(lines[0]), status: (lines[7] ?? '').trim() };
}

/** kill(pid, 0): is there such a process in our PID namespace. */
function alive(ctx: UserContext, pid: number): boolean {
  return ctx.proc.pidns.members.get(pid)?.alive === true;
}

export const pgCtl: UserProgram = async (ctx) => {
  const v = pgVersion(ctx.env);
  if (ctx.argv.includes('--version') || ctx.argv.includes('-V')) {
    ctx.stdout.write(`pg_ctl (PostgreSQL) ${v.short} (Debian ${v.debian})\n`);
    return 0;
  }
  const a = parse(ctx);
  if (typeof a === 'string') {
    ctx.stderr.write(`Stevedore's pg_ctl does not simulate the option "${a}"\n`);
    return 1;
  }
  const out = (s: string) => ctx.stdout.write(s);
  if (!a.action) {
    ctx.stderr.write('pg_ctl: no operation specified\nTry "pg_ctl --help" for more information.\n');
    return 1;
  }
  if (!a.pgdata) {
    ctx.stderr.write('pg_ctl: no database directory specified and environment variable PGDATA unset\nTry "pg_ctl --help" for more information.\n');
    return 1;
  }
  if (ctx.proc.uid === 0) {
    ctx.stderr.write('pg_ctl: cannot be run as root\nPlease log in (using, e.g., "su") as the (unprivileged) user that will\nown the server process.\n');
    return 1;
  }
  const pidFile = `${a.pgdata}/postmaster.pid`;
  if (a.action === 'status') {
    const pf = readPidFile(ctx, a.pgdata);
    if (pf && alive(ctx, pf.pid)) {
      out(`pg_ctl: server is running (PID: ${pf.pid})\n`);
      return 0;
    }
    out('pg_ctl: no server running\n');
    return 3;
  }
  if (a.action === 'start') {
    const server = `${ctx.argv[0].includes('/') ? ctx.argv[0].slice(0, ctx.argv[0].lastIndexOf('/')) : `/usr/lib/postgresql/${v.major}/bin`}/postgres`;
    // find_other_exec_or_die: `postgres -V`
    if ((await runCommand(ctx, [server, '-V'], { capture: true })).code !== 0) {
      ctx.stderr.write(`pg_ctl: program "postgres" is needed by pg_ctl but was not found in the same directory as "${ctx.argv[0]}"\nCheck your installation.\n`);
      return 1;
    }
    const old = readPidFile(ctx, a.pgdata);
    if (old && alive(ctx, old.pid)) {
      ctx.stderr.write(`pg_ctl: another server might be running; trying to start server anyway\n`);
    }
    // start_postmaster: fork; the child runs /bin/sh -c 'exec "postgres" -D … < /dev/null 2>&1', i.e. becomes the postmaster
    const argv = [server, '-D', a.pgdata, ...a.opts];
    const t = resolveExec(fsOf(ctx), argv, ctx.env, ctx.ns.programs);
    if ('kind' in t) {
      ctx.stderr.write(`${t.message}\n`);
      return 1;
    }
    const pm = forkChild(ctx, { program: t.program.run, argv: t.argv, rss: t.program.rss, stdin: EMPTY, stdout: ctx.stdout, stderr: ctx.stdout });
    if (typeof pm === 'string') {
      ctx.stderr.write(`pg_ctl: could not start server: Resource temporarily unavailable\n`);
      return 1;
    }
    if (!a.wait) {
      out('server starting\n');
      return 0;
    }
    out('waiting for server to start...');
    for (let cnt = 0; cnt < WAIT_SECONDS * WAITS_PER_SEC; cnt++) {
      const pf = readPidFile(ctx, a.pgdata);
      if (pf && pf.pid === pm.nsPid && pf.status === 'ready') {
        out(' done\nserver started\n');
        return 0;
      }
      if (!pm.alive) {
        out(' stopped waiting\n');
        ctx.stderr.write('pg_ctl: could not start server\nExamine the log output.\n');
        return 1;
      }
      if (cnt % WAITS_PER_SEC === 0) out('.');
      await ctx.sleep(1000 / WAITS_PER_SEC);
    }
    out(' stopped waiting\n');
    ctx.stderr.write('pg_ctl: server did not start in time\n');
    return 1;
  }
  if (a.action === 'stop' || a.action === 'restart') {
    const signals: Record<string, Signal> = { s: SIGNALS.SIGTERM, smart: SIGNALS.SIGTERM, f: SIGNALS.SIGINT, fast: SIGNALS.SIGINT, i: SIGNALS.SIGQUIT, immediate: SIGNALS.SIGQUIT };
    const sig = signals[a.mode];
    if (sig === undefined) {
      ctx.stderr.write(`pg_ctl: unrecognized shutdown mode "${a.mode}"\nTry "pg_ctl --help" for more information.\n`);
      return 1;
    }
    if (a.action === 'restart') {
      ctx.stderr.write(`Stevedore's pg_ctl does not simulate restart\n`);
      return 1;
    }
    const pf = readPidFile(ctx, a.pgdata);
    if (!pf) {
      ctx.stderr.write(`pg_ctl: PID file "${pidFile}" does not exist\nIs server running?\n`);
      return 1;
    }
    if (ctx.kill(pf.pid, sig) !== undefined) {
      ctx.stderr.write(`pg_ctl: could not send stop signal (PID: ${pf.pid}): No such process\n`);
      return 1;
    }
    if (!a.wait) {
      out('server shutting down\n');
      return 0;
    }
    out('waiting for server to shut down...');
    // the recording's pg_ctl put no dot before the server's first lines: the loop's first one comes a second in
    for (let cnt = 1; cnt <= WAIT_SECONDS * WAITS_PER_SEC; cnt++) {
      await ctx.sleep(1000 / WAITS_PER_SEC);
      if (!readPidFile(ctx, a.pgdata)) {
        out(' done\nserver stopped\n');
        return 0;
      }
      if (cnt % WAITS_PER_SEC === 0) out('.');
    }
    out(' failed\n');
    ctx.stderr.write('pg_ctl: server does not shut down\n');
    return 1;
  }
  ctx.stderr.write(`Stevedore's pg_ctl does not simulate "${a.action}"\n`);
  return 1;
};
