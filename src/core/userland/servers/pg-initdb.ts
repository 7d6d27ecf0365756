// initdb (PostgreSQL 16) and the postgres modes it drives: `postgres -V` to
// find the server binary, `--check` for the max_connections/shared_buffers
// trials, `--boot` for the bootstrap catalogs and `--single` for the
// post-bootstrap session — each a child process, as initdb forks them.
import { FsError } from '../../fs/types';
import { parentPath } from '../../fs/path';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { lookupUser } from './exec';
import { bootstrapCluster, createConfigFiles, createSubdirectories } from './pg-cluster';
import { runCommand } from './pg-script';
import { PgStore } from './pg-store';
import { pgVersion } from './pg-version';

const notSimulated = (ctx: UserContext, prog: string, what: string) => {
  ctx.stderr.write(`Stevedore's ${prog} does not simulate ${what}\n`);
  return 1;
};

/** Options of initdb this simulation understands; anything else is refused plainly. */
interface InitdbArgs {
  pgdata: string;
  username?: string;
  pwfile?: string;
  authLocal?: string;
  authHost?: string;
  checksums: boolean;
}

function parseArgs(ctx: UserContext): InitdbArgs | string {
  const a: InitdbArgs = { pgdata: ctx.env.PGDATA ?? '', checksums: false };
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const eq = w.indexOf('=');
    const [name, inline] = w.startsWith('--') && eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w, undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (name === '-D' || name === '--pgdata') a.pgdata = value();
    else if (name === '-U' || name === '--username') a.username = value();
    else if (name === '--pwfile') a.pwfile = value();
    else if (name === '-A' || name === '--auth') a.authLocal = a.authHost = value();
    else if (name === '--auth-local') a.authLocal = value();
    else if (name === '--auth-host') a.authHost = value();
    else if (name === '-k' || name === '--data-checksums') a.checksums = true;
    else if (name === '-E' || name === '--encoding' || name === '--locale' || name === '--lc-collate' || name === '--lc-ctype') value();
    else if (!w.startsWith('-') && !a.pgdata) a.pgdata = w;
    else return w;
  }
  return a;
}

export const initdb: UserProgram = async (ctx) => {
  const v = pgVersion(ctx.env);
  if (ctx.argv.includes('--version') || ctx.argv.includes('-V')) {
    ctx.stdout.write(`initdb (PostgreSQL) ${v.short} (Debian ${v.debian})\n`);
    return 0;
  }
  const a = parseArgs(ctx);
  if (typeof a === 'string') return notSimulated(ctx, 'initdb', `the option "${a}"`);
  const err = (text: string, hint?: string) => {
    ctx.stderr.write(`initdb: error: ${text}\n${hint ? `initdb: hint: ${hint}\n` : ''}`);
    return 1;
  };
  if (!a.pgdata) return err('no data directory specified', 'You must identify the directory where the data for this database system will reside.  Do this with either the invocation option -D or the environment variable PGDATA.');
  if (ctx.proc.uid === 0) return err('cannot be run as root', 'Please log in (using, e.g., "su") as the (unprivileged) user that will own the server process.');
  const fs = fsOf(ctx).as({ uid: ctx.proc.uid, gid: ctx.proc.gid, cwd: ctx.proc.cwd, umask: 0o077, proc: ctx.proc });
  const out = (s: string) => ctx.stdout.write(s);

  // find_other_exec: `postgres -V` from initdb's own directory
  const self = ctx.argv[0].includes('/') ? ctx.argv[0] : `/usr/lib/postgresql/${v.major}/bin/initdb`;
  const server = `${parentPath(self)}/postgres`;
  const found = await runCommand(ctx, [server, '-V'], { capture: true });
  if (found.code !== 0) return err(`program "postgres" is needed by initdb but was not found in the same directory as "${self}"`, 'Check your installation.');
  // a process substitution's /dev/fd/63 is a pipe the simulated /dev has no file for
  if (a.pwfile !== undefined && !a.pwfile.startsWith('/dev/fd/') && fs.readFile(a.pwfile) instanceof FsError) return err(`could not open file "${a.pwfile}" for reading: No such file or directory`);

  const owner = lookupUser(fs, String(ctx.proc.uid))?.name ?? String(ctx.proc.uid);
  const locale = ctx.env.LC_ALL || ctx.env.LANG || 'C';
  out(`The files belonging to this database system will be owned by user "${owner}".\nThis user must also own the server process.\n\n`);
  out(`The database cluster will be initialized with locale "${locale}".\nThe default database encoding has accordingly been set to "UTF8".\nThe default text search configuration will be set to "english".\n\nData page checksums are ${a.checksums ? 'enabled' : 'disabled'}.\n\n`);

  const st = fs.stat(a.pgdata);
  if (st instanceof FsError) {
    out(`creating directory ${a.pgdata} ... `);
    const e = fs.mkdir(a.pgdata, { mode: 0o700 });
    if (e) return (out('\n'), err(`could not create directory "${a.pgdata}": ${e.message}`));
  } else {
    const names = fs.readdir(a.pgdata);
    if (!(names instanceof FsError) && names.filter((n) => n !== 'lost+found' && !n.startsWith('.')).length > 0)
      return err(`directory "${a.pgdata}" exists but is not empty`, `If you want to create a new database system, either remove or empty the directory "${a.pgdata}" or run initdb with an argument other than "${a.pgdata}".`);
    out(`fixing permissions on existing directory ${a.pgdata} ... `);
    const e = fs.chmod(a.pgdata, 0o700);
    if (e) return (out('\n'), err(`could not change permissions of directory "${a.pgdata}": ${e.message}`));
  }
  await ctx.sleep(2);
  out('ok\n');
  const failed = (e: FsError) => {
    out('\n');
    ctx.stderr.write(`initdb: error: could not create file "${e.path}": ${e.message}\ninitdb: removing contents of data directory "${a.pgdata}"\n`);
    return 1;
  };
  out('creating subdirectories ... ');
  await ctx.sleep(4);
  const sub = createSubdirectories(fs, a.pgdata);
  if (sub) return failed(sub);
  out('ok\n');
  out('selecting dynamic shared memory implementation ... ');
  await ctx.sleep(3);
  out('posix\n');
  // test_config_settings: the first trial values pass on any machine Docker runs on
  const trial = async (conns: number, buffers: number) =>
    runCommand(ctx, [server, '--check', '-F', '-c', 'log_checkpoints=false', '-c', `max_connections=${conns}`, '-c', `shared_buffers=${buffers}`, '-c', 'dynamic_shared_memory_type=posix'], { quiet: true });
  out('selecting default "max_connections" ... ');
  await trial(100, 1000);
  await ctx.sleep(10);
  out('100\n');
  out('selecting default "shared_buffers" ... ');
  await trial(100, 16384);
  await ctx.sleep(6);
  out('128MB\n');
  out('selecting default time zone ... ');
  await ctx.sleep(2);
  out(`${ctx.env.TZ || 'Etc/UTC'}\n`);
  out('creating configuration files ... ');
  await ctx.sleep(6);
  const conf = createConfigFiles(fs, a.pgdata, { uid: ctx.proc.uid, gid: ctx.proc.gid, major: v.major, authLocal: a.authLocal ?? 'trust', authHost: a.authHost ?? a.authLocal ?? 'trust', now: 0, sysid: 0 });
  if (conf) return failed(conf);
  out('ok\n');
  out('running bootstrap script ... ');
  const boot = await runCommand(ctx, [server, '--boot', '-F', '-c', 'log_checkpoints=false', '-X', '16777216', ...(a.checksums ? ['-k'] : [])], { env: { ...ctx.env, PGDATA: a.pgdata } });
  if (boot.code !== 0) {
    out('\n');
    ctx.stderr.write(`initdb: error: postgres bootstrap failed\ninitdb: removing contents of data directory "${a.pgdata}"\n`);
    return 1;
  }
  // the bootstrap superuser is the --username one (the OS user by default)
  const roles = new PgStore(fs, a.pgdata).setRoles([a.username || owner]);
  if (roles) return failed(roles);
  out('ok\n');
  out('performing post-bootstrap initialization ... ');
  await runCommand(ctx, [server, '--single', '-F', '-O', '-j', '-c', 'search_path=pg_catalog', '-c', 'exit_on_error=true', '-c', 'log_checkpoints=false', 'template1'], { env: { ...ctx.env, PGDATA: a.pgdata }, quiet: true });
  out('ok\n');
  out('syncing data to disk ... ');
  await ctx.sleep(60);
  out('ok\n');
  out(`\n\nSuccess. You can now start the database server using:\n\n    pg_ctl -D ${a.pgdata} -l logfile start\n\n`);
  if (a.authLocal === undefined)
    ctx.stderr.write('initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
  return 0;
};

/** The postgres binary's one-shot modes (everything but running a server); undefined: run the server. */
export async function postgresMode(ctx: UserContext, args: string[], pgdata: string): Promise<number | undefined> {
  const v = pgVersion(ctx.env);
  const fs = fsOf(ctx);
  if (args.includes('--check')) {
    await ctx.sleep(5);
    return 0;
  }
  if (args[0] === '--boot') {
    await ctx.sleep(340);
    const now = ctx.kernel.clock.now();
    // BootStrapXLOG: seconds in the high bits, microseconds and the PID below
    const sysid = Math.floor(now / 1000) * 1_048_576 + ((now % 1000) * 1000 + (ctx.proc.nsPid & 0xfff)) % 1_048_576;
    const e = bootstrapCluster(fs.as({ uid: ctx.proc.uid, gid: ctx.proc.gid, umask: 0o077, proc: ctx.proc }), pgdata, { major: v.major, now, sysid });
    if (e) {
      ctx.stderr.write(`FATAL:  could not create file "${e.path}": ${e.message}\n`);
      return 1;
    }
    return 0;
  }
  if (args[0] === '--single') {
    // initdb's post-bootstrap SQL (views, template0, postgres) ends in relation files already laid out by --boot
    await ctx.sleep(430);
    return 0;
  }
  const c = args.indexOf('-C');
  if (c >= 0) {
    if (!fs.exists(`${pgdata}/postgresql.conf`)) {
      ctx.stderr.write(`postgres: could not access the server configuration file "${pgdata}/postgresql.conf": No such file or directory\n`);
      return 2;
    }
    const known: Record<string, string> = { password_encryption: 'scram-sha-256', port: '5432', listen_addresses: '*', max_connections: '100', shared_buffers: '16384', data_directory: pgdata, server_version: v.short };
    const name = args[c + 1] ?? '';
    if (!(name in known)) return notSimulated(ctx, 'postgres', `-C ${name}`);
    ctx.stdout.write(`${known[name]}\n`);
    return 0;
  }
  return undefined;
}
