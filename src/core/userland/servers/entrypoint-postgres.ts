// The postgres image's /usr/local/bin/docker-entrypoint.sh: data directory
// setup as root, then (as the postgres user, via gosu) initdb with its
// output, pg_hba.conf, the temporary server started and stopped by pg_ctl,
// POSTGRES_DB, /docker-entrypoint-initdb.d scripts, and finally exec of the
// server; the missing-password error exits 1; a populated data directory
// skips initialization.
import { FsError } from '../../fs/types';
import { SIGNALS } from '../../kernel/signals';
import { resolveExec } from '../exec';
import { fsOf, type UserContext } from '../types';
import { execArgv, forkChild, lookupUser, setCredentials } from './exec';
import { createCluster } from './pg-cluster';
import { pgVersion, runPostmaster } from './postgres';

const NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

const TRUST_WARNING = `********************************************************************************
WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow
         anyone with access to the Postgres port to access your database without
         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL
         documentation about "trust":
         https://www.postgresql.org/docs/current/auth-trust.html
         In Docker's default configuration, this is effectively any other
         container on the same system.

         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace
         it with "-e POSTGRES_PASSWORD=password" instead to set a password in
         "docker run".
********************************************************************************
`;

/** The line of `exec "$@"` in the real script (bash names it when the command is missing). */
const EXEC_LINE = 375;

function wantsHelp(args: string[]): boolean {
  return args.slice(1).some((a) => ['-?', '--help', '--describe-config', '-V', '--version'].includes(a) || a.startsWith('--describe-config') || a === '-C');
}

/** chown -R of what is not the user's yet (`find … \! -user postgres -exec chown postgres {} +`). */
function chownTree(ctx: UserContext, path: string, uid: number, gid: number): void {
  const fs = fsOf(ctx);
  const st = fs.lstat(path);
  if (st instanceof FsError) return;
  if (st.uid !== uid) fs.chown(path, uid, -1);
  if (st.kind !== 'dir') return;
  const names = fs.readdir(path);
  if (names instanceof FsError) return;
  for (const n of names) chownTree(ctx, `${path}/${n}`, uid, gid);
}

export async function postgresEntrypoint(ctx: UserContext, script: string): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args[0]?.startsWith('-')) args = ['postgres', ...args];
  const at = { script, line: EXEC_LINE, shell: 'bash' as const };
  if (args[0] !== 'postgres' || wantsHelp(args)) return execArgv(ctx, args, at);
  const env = ctx.env;
  const pgdata = env.PGDATA || '/var/lib/postgresql/data';
  const user = env.POSTGRES_USER || 'postgres';
  const db = env.POSTGRES_DB || user;
  const auth = env.POSTGRES_HOST_AUTH_METHOD || 'scram-sha-256';
  const pg = lookupUser(fsOf(ctx), 'postgres') ?? { uid: 999, gid: 999, name: 'postgres', home: '/var/lib/postgresql', shell: '/bin/bash' };

  // docker_create_db_directories, then `exec gosu postgres "$BASH_SOURCE" "$@"`
  {
    const fs = fsOf(ctx);
    fs.mkdir(pgdata, { recursive: true });
    fs.chmod(pgdata, 0o700);
    fs.mkdir('/var/run/postgresql', { recursive: true });
    fs.chmod('/var/run/postgresql', 0o3775);
    if (ctx.proc.uid === 0) {
      chownTree(ctx, pgdata, pg.uid, pg.gid);
      chownTree(ctx, '/var/run/postgresql', pg.uid, pg.gid);
      setCredentials(ctx, pg.uid, pg.gid);
    }
  }
  const fs = fsOf(ctx);
  const clock = ctx.kernel.clock;
  const out = (s: string) => ctx.stdout.write(s);
  const pgv = fs.stat(`${pgdata}/PG_VERSION`);
  const exists = !(pgv instanceof FsError) && pgv.size > 0;
  if (exists) {
    out('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
    return execArgv(ctx, args, at);
  }
  if (!env.POSTGRES_PASSWORD && auth !== 'trust') {
    ctx.stderr.write(NO_PASSWORD);
    return 1;
  }
  if (auth === 'trust') ctx.stderr.write(TRUST_WARNING);
  const initdb = fs.readdir('/docker-entrypoint-initdb.d');
  if (initdb instanceof FsError && initdb.code === 'EACCES') {
    ctx.stderr.write(`ls: cannot open directory '/docker-entrypoint-initdb.d/': Permission denied\n`);
    return 2;
  }

  // docker_init_database_dir: initdb
  const v = pgVersion(env);
  const owner = lookupUser(fs, String(ctx.proc.uid))?.name ?? 'postgres';
  const locale = env.LANG || 'C';
  const step = async (what: string, result: string, ms: number) => {
    out(`${what} ... `);
    await ctx.sleep(ms);
    out(`${result}\n`);
  };
  out(`The files belonging to this database system will be owned by user "${owner}".\nThis user must also own the server process.\n\n`);
  out(`The database cluster will be initialized with locale "${locale}".\nThe default database encoding has accordingly been set to "UTF8".\nThe default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n`);
  await step(`fixing permissions on existing directory ${pgdata}`, 'ok', 2);
  await step('creating subdirectories', 'ok', 4);
  await step('selecting dynamic shared memory implementation', 'posix', 3);
  await step('selecting default "max_connections"', '100', 12);
  await step('selecting default "shared_buffers"', '128MB', 8);
  await step('selecting default time zone', env.TZ || 'Etc/UTC', 2);
  await step('creating configuration files', 'ok', 6);
  out('running bootstrap script ... ');
  await ctx.sleep(340);
  const err = createCluster(fs, pgdata, { uid: ctx.proc.uid, gid: ctx.proc.gid, major: v.major, authLocal: 'trust', authHost: 'trust', now: clock.now(), sysid: Math.floor(clock.now() / 1000) * 1_048_576 + ctx.proc.pid });
  if (err) {
    out('\n');
    ctx.stderr.write(`initdb: error: could not create file "${err.path}": ${err.message}\ninitdb: removing contents of data directory "${pgdata}"\n`);
    return 1;
  }
  out('ok\n');
  await step('performing post-bootstrap initialization', 'ok', 430);
  await step('syncing data to disk', 'ok', 60);
  out(`\n\nSuccess. You can now start the database server using:\n\n    pg_ctl -D ${pgdata} -l logfile start\n\n`);
  ctx.stderr.write('initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
  // pg_setup_hba_conf
  fs.appendFile(`${pgdata}/pg_hba.conf`, `\n${auth === 'trust' ? '# warning trust is enabled for all connections\n# see https://www.postgresql.org/docs/12/auth-trust.html\n' : ''}host all all all ${auth}\n`);

  // docker_temp_server_start: pg_ctl -w start with listen_addresses=''
  out('waiting for server to start....');
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const port = Number(env.PGPORT || 5432);
  const temp = forkChild(ctx, {
    program: (c) => runPostmaster(c, { pgdata, listen: '', port, onReady: ready }),
    argv: [`/usr/lib/postgresql/${v.major}/bin/postgres`, '-D', pgdata, '-c', 'listen_addresses=', '-p', String(port)],
    env: { ...env },
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    rss: 22_000_000,
  });
  if (typeof temp === 'string') return 1;
  await ctx.sleep(10);
  await ctx.wait(Promise.race([isReady, temp.exited.then(() => undefined)]));
  if (!temp.alive) {
    out(' stopped waiting\npg_ctl: could not start server\nExamine the log output.\n');
    return 1;
  }
  out(' done\nserver started\n');
  // docker_setup_db
  if (db !== 'postgres') {
    await ctx.sleep(15);
    out('CREATE DATABASE\n\n');
  }
  // docker_process_init_files /docker-entrypoint-initdb.d/*
  out('\n');
  const files = initdb instanceof FsError ? [] : initdb.map((n) => `/docker-entrypoint-initdb.d/${n}`);
  if (files.length === 0) out(`${script}: ignoring /docker-entrypoint-initdb.d/*\n\n`);
  for (const f of files) {
    const code = await initFile(ctx, script, f);
    if (code !== 0) {
      ctx.kill(temp.nsPid, SIGNALS.SIGINT);
      return code;
    }
    out('\n');
  }
  // docker_temp_server_stop: pg_ctl -m fast -w stop
  out('waiting for server to shut down...');
  ctx.kill(temp.nsPid, SIGNALS.SIGINT);
  await ctx.wait(temp.exited);
  await ctx.sleep(10);
  out(' done\nserver stopped\n');
  out('\nPostgreSQL init process complete; ready for start up.\n\n');
  return execArgv(ctx, args, at);
}

/** One file of /docker-entrypoint-initdb.d as docker_process_init_files treats it. */
async function initFile(ctx: UserContext, script: string, f: string): Promise<number> {
  const fs = fsOf(ctx);
  const out = (s: string) => ctx.stdout.write(s);
  if (f.endsWith('.sh')) {
    if (fs.access(f, 1) === undefined) {
      out(`${script}: running ${f}\n`);
      const t = resolveExec(fs, [f], ctx.env, ctx.ns.programs);
      if ('kind' in t) {
        ctx.stderr.write(`${t.message}\n`);
        return 126;
      }
      const p = forkChild(ctx, { program: t.program.run, argv: t.argv, rss: t.program.rss });
      if (typeof p === 'string') return 1;
      return (await ctx.wait(p.exited)).code;
    }
    out(`${script}: sourcing ${f}\n`);
    return runScriptText(ctx, f);
  }
  if (f.endsWith('.sql')) {
    out(`${script}: running ${f}\n`);
    const text = fs.readFile(f);
    if (text instanceof FsError) {
      ctx.stderr.write(`psql: error: ${f}: ${text.message}\n`);
      return 1;
    }
    const code = await sqlTags(ctx, text, f);
    out('\n');
    return code;
  }
  out(`${script}: ignoring ${f}\n`);
  return 0;
}

/** `. "$f"`: a sourced script runs in the entrypoint's shell; here, in a shell process of its own. */
async function runScriptText(ctx: UserContext, f: string): Promise<number> {
  const t = resolveExec(fsOf(ctx), ['bash', f], ctx.env, ctx.ns.programs);
  if ('kind' in t) {
    ctx.stderr.write(`${t.message}\n`);
    return 126;
  }
  const p = forkChild(ctx, { program: t.program.run, argv: t.argv, rss: t.program.rss });
  if (typeof p === 'string') return 1;
  return (await ctx.wait(p.exited)).code;
}

/**
 * psql -v ON_ERROR_STOP=1 -f FILE prints each statement's command tag.
 * Statements whose result needs a real database engine are named as not
 * simulated instead of being answered wrongly.
 */
async function sqlTags(ctx: UserContext, text: string, f: string): Promise<number> {
  const statements = text
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of statements) {
    await ctx.sleep(3);
    const words = s.split(/\s+/).map((w) => w.toUpperCase());
    const [a, b, c] = words;
    if (a === 'INSERT') {
      const values = s.slice(s.toUpperCase().indexOf('VALUES') + 6);
      const rows = values.match(/\([^()]*(?:\([^()]*\)[^()]*)*\)/g)?.length ?? 1;
      ctx.stdout.write(`INSERT 0 ${rows}\n`);
    } else if (a === 'CREATE' || a === 'DROP' || a === 'ALTER') {
      const obj = b === 'UNIQUE' || b === 'OR' || b === 'TEMP' || b === 'TEMPORARY' ? c : b;
      ctx.stdout.write(`${a} ${obj === 'USER' ? 'ROLE' : obj}\n`);
    } else if (a === 'GRANT' || a === 'REVOKE' || a === 'BEGIN' || a === 'COMMIT' || a === 'SET') {
      ctx.stdout.write(`${a}\n`);
    } else {
      ctx.stderr.write(`stevedore: psql: ${f}: "${s.split(/\s+/).slice(0, 3).join(' ')} …" needs a real database engine, which this simulation does not have; statement skipped\n`);
    }
  }
  return 0;
}
