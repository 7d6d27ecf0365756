// The PostgreSQL server (postmaster) as a program: its startup log lines
// with the world's timestamps, the auxiliary processes a real server forks
// (checkpointer, background writer, startup, walwriter, autovacuum launcher,
// logical replication launcher), crash recovery when the last run did not
// shut down, port 5432 (a Service that logs HTTP as PostgreSQL would: an
// invalid startup packet), and smart/fast/immediate shutdown on
// SIGTERM/SIGINT/SIGQUIT with exit code 0.
import { FsError } from '../../fs/types';
import type { Process } from '../../kernel/process';
import { SIGNALS } from '../../kernel/signals';
import { fsOf, type Sys, type UserContext, type UserProgram } from '../types';
import { rawResponse } from '../outside/http';
import { pgSeconds, pgTime } from './log-time';
import { DB_IN_PRODUCTION, DB_SHUTDOWNED, INITIAL_LSN, listenAddresses, readControl, writeControl } from './pg-cluster';
import { forkChild, listenWhileAlive } from './exec';
import { postgresMode } from './pg-initdb';
import { registerServer, type PgServer } from './pg-server';
import { pgVersion, versionLine } from './pg-version';

const AUX_RSS = 1_800_000;
const POSTMASTER_RSS = 22_000_000;

export { pgVersion, type PgVersion } from './pg-version';

const fmtLsn = (n: number) => `${Math.floor(n / 0x100000000).toString(16).toUpperCase()}/${(n % 0x100000000).toString(16).toUpperCase()}`;

export interface PostmasterOptions {
  pgdata: string;
  /** listen_addresses: '' for pg_ctl's temporary server, '*' normally. */
  listen: string;
  port: number;
}

/** A process that only waits for the postmaster's signal (exit code on SIGTERM; 1 for the replication launcher). */
function aux(code: number): UserProgram {
  return async (ctx) => {
    let done!: (c: number) => void;
    const p = new Promise<number>((r) => (done = r));
    ctx.trap(SIGNALS.SIGTERM, () => done(code));
    ctx.trap(SIGNALS.SIGUSR2, () => done(code));
    ctx.trap(SIGNALS.SIGINT, 'ignore');
    ctx.trap(SIGNALS.SIGQUIT, () => done(2));
    return ctx.wait(p);
  };
}

export async function runPostmaster(ctx: UserContext, o: PostmasterOptions): Promise<number> {
  const clock = ctx.kernel.clock;
  const fs = fsOf(ctx);
  const v = pgVersion(ctx.env);
  const me = ctx.proc.nsPid;
  const log = (pid: number, text: string) => ctx.stderr.write(`${pgTime(clock.now())} [${pid}] ${text}\n`);
  // shared memory and semaphores are set up before the first line
  await ctx.sleep(10);
  log(me, `LOG:  starting PostgreSQL ${versionLine(v).slice('PostgreSQL '.length)}`);
  const svc = {
    handle: async () => {
      // a backend is forked for the connection; HTTP's "GET " read as a length is absurd
      const b = forkChild(ctx, { program: async () => 0, argv: ['postgres: postgres postgres [local] startup'], rss: AUX_RSS });
      log(typeof b === 'string' ? me : b.nsPid, 'LOG:  invalid length of startup packet');
      return rawResponse('');
    },
  };
  if (o.listen !== '') {
    if (listenWhileAlive(ctx, o.port, svc) === 'EADDRINUSE') {
      log(me, `LOG:  could not bind IPv4 address "0.0.0.0": Address already in use`);
      log(me, `HINT:  Is another postmaster already running on port ${o.port}? If not, wait a few seconds and retry.`);
      log(me, `WARNING:  could not create listen socket for "${o.listen}"`);
      log(me, 'FATAL:  could not create any TCP/IP sockets');
      log(me, 'LOG:  database system is shut down');
      return 1;
    }
    log(me, `LOG:  listening on IPv4 address "0.0.0.0", port ${o.port}`);
    log(me, `LOG:  listening on IPv6 address "::", port ${o.port}`);
  }
  await ctx.sleep(10);
  log(me, `LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.${o.port}"`);
  const started = Math.floor(clock.now() / 1000);
  fs.writeFile(`/var/run/postgresql/.s.PGSQL.${o.port}.lock`, `${me}\n${o.pgdata}\n${started}\n${o.port}\n/var/run/postgresql\n`);
  // postmaster.pid's last line is what pg_ctl -w waits on (PM_STATUS_STARTING, _READY, _STOPPING)
  const pidFile = (status: string) =>
    fs.writeFile(`${o.pgdata}/postmaster.pid`, `${me}\n${o.pgdata}\n${started}\n${o.port}\n/var/run/postgresql\n${o.listen === '' ? '' : o.listen === '*' ? '*' : o.listen}\n  ${(o.port * 1000 + 1).toString()}         0\n${status}\n`, { mode: 0o600 });
  pidFile('starting');

  const spawnAux = (title: string, code = 0): Process<Sys> | undefined => {
    const p = forkChild(ctx, { program: aux(code), argv: [`postgres: ${title} `], rss: AUX_RSS });
    return typeof p === 'string' ? undefined : p;
  };
  // PostmasterMain: checkpointer and bgwriter first "so they can help with recovery", then the startup process
  const checkpointer = spawnAux('checkpointer');
  const bgwriter = spawnAux('background writer');
  const control = readControl(fs, o.pgdata) ?? { state: DB_SHUTDOWNED, time: Math.floor(clock.now() / 1000), lsn: INITIAL_LSN };
  const sysid = control.sysid;
  let lsn = control.lsn;
  const startupLog = (c: UserContext) => {
    const sp = c.proc.nsPid;
    if (control.state === DB_SHUTDOWNED) {
      log(sp, `LOG:  database system was shut down at ${pgSeconds(control.time * 1000)}`);
      return;
    }
    log(sp, `LOG:  database system was interrupted; last known up at ${pgSeconds(control.time * 1000)}`);
    log(sp, 'LOG:  database system was not properly shut down; automatic recovery in progress');
    log(sp, `LOG:  redo starts at ${fmtLsn(lsn + 0x28)}`);
    log(sp, `LOG:  invalid record length at ${fmtLsn(lsn + 0xd8)}: expected at least 24, got 0`);
    log(sp, `LOG:  redo done at ${fmtLsn(lsn + 0xa0)} system usage: CPU: user: 0.00 s, system: 0.00 s, elapsed: 0.00 s`);
    lsn += 0xd8;
    log(checkpointer?.nsPid ?? me, 'LOG:  checkpoint starting: end-of-recovery immediate wait');
    log(checkpointer?.nsPid ?? me, `LOG:  checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.003 s, sync=0.001 s, total=0.010 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=${fmtLsn(lsn)}, redo lsn=${fmtLsn(lsn)}`);
  };
  // the startup process reads pg_control, replays WAL if it must, and exits
  const startup = forkChild(ctx, { program: async (c) => (startupLog(c), 0), argv: ['postgres: startup '], rss: AUX_RSS });
  if (typeof startup !== 'string') await ctx.wait(startup.exited);
  // reaper: the startup process is gone, the other helpers come up
  const walwriter = spawnAux('walwriter');
  const autovacuum = spawnAux('autovacuum launcher');
  const launcher = spawnAux('logical replication launcher', 1);
  writeControl(fs, o.pgdata, { sysid, state: DB_IN_PRODUCTION, time: Math.floor(clock.now() / 1000), lsn });
  const server: PgServer = { pgdata: o.pgdata, port: o.port, version: v, insertLsn: lsn, dirty: 0, accepting: true, ctx, backends: new Set() };
  registerServer(server);
  log(me, 'LOG:  database system is ready to accept connections');
  pidFile('ready   ');

  let finish!: (code: number) => void;
  const done = new Promise<number>((r) => (finish = r));
  let stopping = false;
  const stop = async (mode: 'smart' | 'fast' | 'immediate') => {
    if (stopping) return;
    stopping = true;
    server.accepting = false;
    pidFile('stopping');
    log(me, `LOG:  received ${mode} shutdown request`);
    if (o.listen !== '') ctx.ns.net.unlisten(o.port);
    const others = [walwriter, autovacuum, bgwriter].filter((p): p is Process<Sys> => p !== undefined && p.alive);
    if (mode === 'immediate') {
      for (const p of [launcher, checkpointer, ...others, ...server.backends]) if (p?.alive) ctx.kill(p.nsPid, SIGNALS.SIGQUIT);
      log(me, 'LOG:  database system is shut down');
      fs.unlink(`${o.pgdata}/postmaster.pid`);
      finish(0);
      return;
    }
    if (mode === 'fast') {
      log(me, 'LOG:  aborting any active transactions');
      for (const b of server.backends) ctx.kill(b.nsPid, SIGNALS.SIGTERM);
    }
    await ctx.sleep(10);
    if (launcher?.alive) {
      ctx.kill(launcher.nsPid, SIGNALS.SIGTERM);
      const s = await ctx.wait(launcher.exited);
      log(me, `LOG:  background worker "logical replication launcher" (PID ${launcher.nsPid}) exited with exit code ${s.code}`);
    }
    for (const b of server.backends) await ctx.wait(b.exited);
    for (const p of others) ctx.kill(p.nsPid, SIGNALS.SIGTERM);
    const cp = checkpointer?.nsPid ?? me;
    // a shutdown checkpoint of a cluster nothing wrote to since the last one stays where it was
    const moved = server.insertLsn !== lsn;
    lsn = server.insertLsn;
    const wrote = 3 + server.dirty;
    const distance = moved ? Math.ceil((server.insertLsn - control.lsn) / 1024) : 0;
    log(cp, 'LOG:  shutting down');
    log(cp, 'LOG:  checkpoint starting: shutdown immediate');
    log(cp, `LOG:  checkpoint complete: wrote ${wrote} buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.002 s, sync=0.001 s, total=0.009 s; sync files=${2 + server.dirty}, longest=0.001 s, average=0.001 s; distance=${distance} kB, estimate=${distance} kB; lsn=${fmtLsn(lsn)}, redo lsn=${fmtLsn(lsn)}`);
    if (checkpointer?.alive) ctx.kill(checkpointer.nsPid, SIGNALS.SIGUSR2);
    writeControl(fs, o.pgdata, { sysid, state: DB_SHUTDOWNED, time: Math.floor(clock.now() / 1000), lsn });
    fs.unlink(`${o.pgdata}/postmaster.pid`);
    fs.unlink(`/var/run/postgresql/.s.PGSQL.${o.port}.lock`);
    log(me, 'LOG:  database system is shut down');
    finish(0);
  };
  ctx.trap(SIGNALS.SIGTERM, () => stop('smart'));
  ctx.trap(SIGNALS.SIGINT, () => stop('fast'));
  ctx.trap(SIGNALS.SIGQUIT, () => stop('immediate'));
  ctx.trap(SIGNALS.SIGHUP, () => {
    log(me, 'LOG:  received SIGHUP, reloading configuration files');
  });
  ctx.trap(SIGNALS.SIGCHLD, 'ignore');
  return ctx.wait(done);
}

/** `postgres` run by hand or by the entrypoint's exec. */
export const postgres: UserProgram = async (ctx) => {
  const args = ctx.argv.slice(1);
  const v = pgVersion(ctx.env);
  if (args.includes('--version') || args.includes('-V')) {
    ctx.stdout.write(`postgres (PostgreSQL) ${v.short} (Debian ${v.debian})\n`);
    return 0;
  }
  if (ctx.proc.uid === 0) {
    ctx.stderr.write('"root" execution of the PostgreSQL server is not permitted.\nThe server must be started under an unprivileged user ID to prevent\npossible system security compromise.  See the documentation for\nmore information on how to properly start the server.\n');
    return 1;
  }
  let pgdata = ctx.env.PGDATA ?? '';
  let port = 5432;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-D') pgdata = args[++i] ?? pgdata;
    else if (args[i] === '-p') port = Number(args[++i] ?? 5432);
    else if (args[i] === '-c' && args[i + 1]?.startsWith('port=')) port = Number(args[i + 1].slice(5));
    else if (args[i] === '-c') i++;
  }
  const fs = fsOf(ctx);
  const mode = await postgresMode(ctx, args, pgdata);
  if (mode !== undefined) return mode;
  if (!pgdata) {
    ctx.stderr.write('postgres does not know where to find the server configuration file.\nYou must specify the --config-file or -D invocation option or set the PGDATA environment variable.\n');
    return 2;
  }
  const st = fs.stat(pgdata);
  if (st instanceof FsError) {
    ctx.stderr.write(`postgres: could not access directory "${pgdata}": ${st.message}\nRun initdb or pg_basebackup to initialize a PostgreSQL data directory.\n`);
    return 2;
  }
  if (!fs.exists(`${pgdata}/global/pg_control`)) {
    ctx.stderr.write(`postgres: could not find the database system\nExpected to find it in the directory "${pgdata}",\nbut could not open file "${pgdata}/global/pg_control": No such file or directory\n`);
    return 2;
  }
  if (st.mode & 0o027) {
    ctx.stderr.write(`${pgTime(ctx.kernel.clock.now())} [${ctx.proc.nsPid}] FATAL:  data directory "${pgdata}" has invalid permissions\n${pgTime(ctx.kernel.clock.now())} [${ctx.proc.nsPid}] DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).\n`);
    return 1;
  }
  ctx.proc.argv.splice(0, ctx.proc.argv.length, ...ctx.argv);
  return runPostmaster(ctx, { pgdata, listen: listenAddresses(args), port });
};

export const POSTGRES_RSS = POSTMASTER_RSS;
