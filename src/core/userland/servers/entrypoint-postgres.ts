// The postgres image's /usr/local/bin/docker-entrypoint.sh: data directory
// setup as root, then (as the postgres user, via gosu) initdb with its
// output, pg_hba.conf, the temporary server started and stopped by pg_ctl,
// POSTGRES_DB, /docker-entrypoint-initdb.d scripts, and finally exec of the
// server; the missing-password error exits 1; a populated data directory
// skips initialization.
import { FsError } from '../../fs/types';
import { NULL_SINK, Pipe } from '../../kernel/stream';
import { resolveExec } from '../exec';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { execArgv, forkChild } from './exec';
import { runCommand, subshell, type CommandOptions, type CommandResult } from './pg-script';

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

/** A heredoc on a command's stdin. */
function heredoc(text: string): Pipe {
  const p = new Pipe();
  p.write(text);
  p.close();
  return p;
}

/** getent passwd UID, where the image's getent is not one Stevedore simulates: the same lookup. */
const getentPasswd: UserProgram = async (c) => {
  const text = fsOf(c).readFile('/etc/passwd');
  const key = c.argv[2] ?? '';
  const line = text instanceof FsError ? undefined : text.split('\n').find((l) => l.split(':')[0] === key || l.split(':')[2] === key);
  if (!line) return 2;
  c.stdout.write(`${line}\n`);
  return 0;
};

/**
 * The real script's steps, each external command a child process (so PIDs
 * are used as bash uses them): docker_setup_env, docker_create_db_directories,
 * `exec gosu postgres "$BASH_SOURCE" "$@"` as root, then as postgres initdb,
 * pg_setup_hba_conf, the temporary server, docker_setup_db, the initdb.d
 * files, and `exec "$@"`.
 */
export async function postgresEntrypoint(ctx: UserContext, script: string): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args[0]?.startsWith('-')) args = ['postgres', ...args];
  const at = { script, line: EXEC_LINE, shell: 'bash' as const };
  if (args[0] !== 'postgres' || wantsHelp(args)) return execArgv(ctx, args, at);
  const env = ctx.env;
  const pgdata = env.PGDATA || '/var/lib/postgresql/data';
  const user = env.POSTGRES_USER || 'postgres';
  const db = env.POSTGRES_DB || user;
  const where = (line: number) => `${script}: line ${line}`;
  const run = (argv: string[], line: number, o: CommandOptions = {}) => runCommand(ctx, argv, { where: where(line), ...o });
  const idU = async (line: number) => (await run(['id', '-u'], line, { capture: true })).out.trim();
  const cat = (text: string, to = ctx.stdout) => run(['cat'], 0, { stdin: heredoc(text), stdout: to });
  const fs = fsOf(ctx);
  const pgv = fs.stat(`${pgdata}/PG_VERSION`);
  const exists = !(pgv instanceof FsError) && pgv.size > 0;

  // docker_create_db_directories (set -e: a failing mkdir ends the script)
  const uid = await idU(37);
  let r = await run(['mkdir', '-p', pgdata], 39);
  if (r.code !== 0) return r.code;
  await run(['chmod', '00700', pgdata], 41);
  await run(['mkdir', '-p', '/var/run/postgresql'], 44);
  await run(['chmod', '03775', '/var/run/postgresql'], 45);
  if (uid === '0') {
    for (const [dir, line] of [[pgdata, 58], ['/var/run/postgresql', 59]] as const) {
      r = await run(['find', dir, '!', '-user', 'postgres', '-exec', 'chown', 'postgres', '{}', '+'], line);
      if (r.code !== 0) return r.code;
    }
  }
  if ((await idU(336)) === '0') return execArgv(ctx, ['gosu', 'postgres', script, ...args], { ...at, line: 338 });

  if (exists) {
    await cat('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
    return execArgv(ctx, args, at);
  }
  // docker_verify_minimum_env
  const authEnv = env.POSTGRES_HOST_AUTH_METHOD ?? '';
  if (!env.POSTGRES_PASSWORD && authEnv !== 'trust') {
    await cat(NO_PASSWORD, ctx.stderr);
    return 1;
  }
  if (authEnv === 'trust') await cat(TRUST_WARNING, ctx.stderr);
  // check dir permissions to reduce likelihood of half-initialized database
  r = await run(['ls', '/docker-entrypoint-initdb.d/'], 347, { stdout: NULL_SINK });
  if (r.code !== 0) return r.code;

  // docker_init_database_dir
  const me = await idU(70);
  await run(['getent', 'passwd', me], 71, { quiet: true, fallback: getentPasswd });
  // --pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD"): the process substitution is a subshell of its own
  await subshell(ctx, [...ctx.proc.argv], () => `${env.POSTGRES_PASSWORD ?? ''}\n`);
  const initdbArgs = (env.POSTGRES_INITDB_ARGS ?? '').split(/\s+/).filter(Boolean);
  if (env.POSTGRES_INITDB_WALDIR) initdbArgs.unshift('--waldir', env.POSTGRES_INITDB_WALDIR);
  r = await run(['initdb', `--username=${user}`, '--pwfile=/dev/fd/63', ...initdbArgs], 92);
  if (r.code !== 0) return r.code;

  // pg_setup_hba_conf: the server's password_encryption is the host auth method unless one is given
  const encryption = (await run(['postgres', '-C', 'password_encryption'], 271, { capture: true })).out.trim();
  const auth = authEnv || encryption || 'scram-sha-256';
  fs.appendFile(`${pgdata}/pg_hba.conf`, `\n${auth === 'trust' ? '# warning trust is enabled for all connections\n# see https://www.postgresql.org/docs/17/auth-trust.html\n' : ''}host all all all ${auth}\n`);

  // docker_temp_server_start: pg_ctl -o "$(printf '%q ' "$@")" -w start, with listen_addresses=''
  const port = env.PGPORT || '5432';
  const serverArgs = [...args.slice(1), '-c', 'listen_addresses=', '-p', port];
  const opts = await subshell(ctx, [...ctx.proc.argv], () => serverArgs.map((a) => `${a.replace(/[^\w@%+=:,./-]/g, '\\$&')} `).join(''));
  const pgEnv = { ...env, PGPASSWORD: env.PGPASSWORD ?? env.POSTGRES_PASSWORD ?? '', NOTIFY_SOCKET: '', PGUSER: env.PGUSER || user };
  r = await run(['pg_ctl', '-D', pgdata, '-o', opts, '-w', 'start'], 298, { env: pgEnv });
  if (r.code !== 0) return r.code;

  // docker_setup_db: does POSTGRES_DB exist yet? (a $(…) subshell around psql)
  const psql = ['psql', '-v', 'ON_ERROR_STOP=1', '--username', user, '--no-password', '--no-psqlrc'];
  const sqlEnv = { ...pgEnv, PGHOST: '', PGHOSTADDR: '' };
  let found = '';
  const sub = forkChild(ctx, {
    argv: [...ctx.proc.argv],
    program: async (c) => {
      const q = await runCommand(c, [...psql, '--dbname', 'postgres', '--set', `db=${db}`, '--tuples-only'], { capture: true, env: sqlEnv, stdin: heredoc("SELECT 1 FROM pg_database WHERE datname = :'db' ;\n"), where: where(220) });
      found = q.out.trim();
      return q.code;
    },
  });
  if (typeof sub !== 'string' && (await ctx.wait(sub.exited)).code !== 0) return 3;
  if (!found) {
    r = await run([...psql, '--dbname', 'postgres', '--set', `db=${db}`], 225, { env: sqlEnv, stdin: heredoc('CREATE DATABASE :"db" ;\n') });
    if (r.code !== 0) return r.code;
    ctx.stdout.write('\n');
  }

  // docker_process_init_files /docker-entrypoint-initdb.d/*
  ctx.stdout.write('\n');
  const listing = fs.readdir('/docker-entrypoint-initdb.d');
  const names = listing instanceof FsError ? [] : listing.filter((n) => !n.startsWith('.')).sort();
  const files = names.length ? names.map((n) => `/docker-entrypoint-initdb.d/${n}`) : ['/docker-entrypoint-initdb.d/*'];
  const sqlRunner = [...psql, ...(db ? ['--dbname', db] : [])];
  for (const f of files) {
    const code = await initFile(ctx, script, f, (extra) => run([...sqlRunner, ...extra], 212, { env: sqlEnv }));
    if (code !== 0) return code;
    ctx.stdout.write('\n');
  }

  // docker_temp_server_stop
  r = await run(['pg_ctl', '-D', pgdata, '-m', 'fast', '-w', 'stop'], 306, { env: { ...env, PGUSER: env.PGUSER || 'postgres' } });
  if (r.code !== 0) return r.code;
  await cat('\nPostgreSQL init process complete; ready for start up.\n\n');
  return execArgv(ctx, args, at);
}

/** One file of /docker-entrypoint-initdb.d as docker_process_init_files treats it. */
async function initFile(ctx: UserContext, script: string, f: string, sql: (args: string[]) => Promise<CommandResult>): Promise<number> {
  const fs = fsOf(ctx);
  const out = (s: string) => ctx.stdout.write(s);
  if (f.endsWith('.sh')) {
    if (fs.access(f, 1) === undefined) {
      out(`${script}: running ${f}\n`);
      return (await runCommand(ctx, [f], { where: script })).code;
    }
    out(`${script}: sourcing ${f}\n`);
    return runScriptText(ctx, f);
  }
  if (f.endsWith('.sql')) {
    out(`${script}: running ${f}\n`);
    const r = await sql(['-f', f]);
    if (r.code !== 0) return r.code;
    out('\n');
    return 0;
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
