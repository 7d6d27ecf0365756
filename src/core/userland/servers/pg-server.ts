// A running postmaster's Unix socket, as clients in its container reach it:
// the socket's lock file names the postmaster's PID, connecting forks a
// backend process ("postgres: postgres postgres [local] idle") that runs the
// client's queries on the cluster's files and exits when the client leaves.
import { FsError } from '../../fs/types';
import type { Process } from '../../kernel/process';
import { SIGNALS } from '../../kernel/signals';
import { fsOf, type Sys, type UserContext } from '../types';
import { forkChild } from './exec';
import { executeQuery, type StatementResult } from './pg-engine';
import { PgStore } from './pg-store';
import type { PgVersion } from './pg-version';

const BACKEND_RSS = 9_000_000;

export interface PgServer {
  readonly pgdata: string;
  readonly port: number;
  readonly version: PgVersion;
  /** Where the next WAL record goes; data changes move it. */
  insertLsn: number;
  /** Pages the backends dirtied since the last checkpoint. */
  dirty: number;
  /** False once a shutdown has begun: new connections are refused. */
  accepting: boolean;
  /** The server's context: backends are its children. */
  readonly ctx: UserContext;
  readonly backends: Set<Process<Sys>>;
}

const servers = new WeakMap<Process<Sys>, PgServer>();

export function registerServer(s: PgServer): void {
  servers.set(s.ctx.proc, s);
}

export interface PgSession {
  readonly backend: Process<Sys>;
  /** The cluster's tables as the server sees them (for psql's \dt and \l). */
  readonly store: PgStore;
  query(sql: string): Promise<StatementResult[] | 'terminated'>;
  close(): void;
}

export type ConnectError = { error: string };

/** libpq's connect() to `dir/.s.PGSQL.port` from a process of the same container. */
export function connect(ctx: UserContext, dir: string, port: number, user: string, db: string): PgSession | ConnectError {
  const socket = `${dir}/.s.PGSQL.${port}`;
  const failed = (why: string) => ({ error: `connection to server on socket "${socket}" failed: ${why}` });
  const lock = fsOf(ctx).readFile(`${socket}.lock`);
  if (lock instanceof FsError) return failed('No such file or directory\n\tIs the server running locally and accepting connections on that socket?');
  const pm = ctx.proc.pidns.members.get(Number(lock.split('\n')[0])) as Process<Sys> | undefined;
  const server = pm && pm.alive ? servers.get(pm) : undefined;
  if (!server) return failed('Connection refused\n\tIs the server running locally and accepting connections on that socket?');
  if (!server.accepting) return failed('FATAL:  the database system is shutting down');
  const store = new PgStore(fsOf(server.ctx), server.pgdata);
  // authentication (the role) comes before the database is opened
  if (!store.roles().includes(user)) return failed(`FATAL:  role "${user}" does not exist`);
  if (!store.databases().has(db)) return failed(`FATAL:  database "${db}" does not exist`);
  return openSession(server, store, user, db);
}

function openSession(server: PgServer, store: PgStore, user: string, db: string): PgSession {
  type Job = { sql: string; done: (r: StatementResult[] | 'terminated') => void };
  const queue: Job[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const title = (state: string) => `postgres: ${user} ${db} [local] ${state}`;
  const program = async (ctx: UserContext): Promise<number> => {
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    // fast shutdown: "terminating connection due to administrator command"
    ctx.trap(SIGNALS.SIGTERM, () => {
      closed = true;
      stop();
    });
    while (!closed) {
      const job = queue.shift();
      if (!job) {
        await ctx.wait(Promise.race([new Promise<void>((r) => (wake = r)), stopped]));
        continue;
      }
      ctx.proc.argv[0] = title(job.sql.trim().split(/\s+/)[0]?.toUpperCase() ?? 'idle');
      await ctx.sleep(1);
      const results = executeQuery(store.as(fsOf(ctx)), db, job.sql, {
        version: server.version,
        now: ctx.kernel.clock.now(),
        user,
        wal: (bytes, pages) => {
          server.insertLsn += bytes;
          server.dirty += pages;
        },
      });
      ctx.proc.argv[0] = title('idle');
      job.done(results);
    }
    for (const j of queue.splice(0)) j.done('terminated');
    return 0;
  };
  const p = forkChild(server.ctx, { program, argv: [title('idle')], rss: BACKEND_RSS });
  if (typeof p === 'string') {
    return { backend: server.ctx.proc, store, query: async () => 'terminated', close: () => undefined };
  }
  server.backends.add(p);
  void p.exited.then(() => server.backends.delete(p));
  return {
    backend: p,
    store,
    query: (sql) =>
      new Promise((done) => {
        if (!p.alive || closed) return done('terminated');
        queue.push({ sql, done });
        wake?.();
      }),
    close: () => {
      closed = true;
      wake?.();
    },
  };
}
