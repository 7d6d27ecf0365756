// docker-entrypoint.sh: the official images each ship their own script under
// this name; which one is running is told by what image it is in —
// postgres', redis' and node's /usr/local/bin/docker-entrypoint.sh. Unknown
// ones just `exec "$@"`. (nginx's /docker-entrypoint.sh is its real text,
// run by the shell like any script.)
import { FsError } from '../../fs/types';
import { lookPath } from '../exec';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { postgresEntrypoint } from './entrypoint-postgres';
import { execArgv, lookupUser, setCredentials } from './exec';

/** redis' script: flags or a .conf mean redis-server; as root, chown the data and drop to the redis user. */
async function redisEntrypoint(ctx: UserContext, script: string): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args[0] !== undefined && (args[0].startsWith('-') || args[0].endsWith('.conf'))) args = ['redis-server', ...args];
  const fs = fsOf(ctx);
  if (args[0] === 'redis-server' && ctx.proc.uid === 0) {
    const redis = lookupUser(fs, 'redis');
    if (redis) {
      // find . \! -user redis -exec chown redis '{}' +
      const chown = (p: string) => {
        const st = fs.lstat(p);
        if (st instanceof FsError) return;
        if (st.uid !== redis.uid) fs.chown(p, redis.uid, -1);
        if (st.kind !== 'dir') return;
        const names = fs.readdir(p);
        if (!(names instanceof FsError)) for (const n of names) chown(`${p === '/' ? '' : p}/${n}`);
      };
      chown(ctx.proc.cwd);
      setCredentials(ctx, redis.uid, redis.gid);
    }
  }
  return execArgv(ctx, args, { script, line: 25, shell: 'dash' });
}

/** node's script: a flag or something that is not a command means `node …`. */
async function nodeEntrypoint(ctx: UserContext, script: string): Promise<number> {
  let args = ctx.argv.slice(1);
  const fs = fsOf(ctx);
  const first = args[0] ?? '';
  const notCommand = first === '' || lookPath(fs, first, ctx.env.PATH) === undefined || (fs.stat(first) instanceof FsError ? false : fs.access(first, 1) !== undefined);
  if (first.startsWith('-') || notCommand) args = ['node', ...args];
  return execArgv(ctx, args, { script, line: 11, shell: 'dash' });
}

/** The path the script was run as ($0 of bash is the path execve used). */
function scriptPath(ctx: UserContext): string {
  const name = ctx.argv[0] ?? 'docker-entrypoint.sh';
  return lookPath(fsOf(ctx), name, ctx.env.PATH) ?? name;
}

/** Each image's script by the program name the image catalog gives its executable. */
export const postgresEntrypointProgram: UserProgram = (ctx) => postgresEntrypoint(ctx, scriptPath(ctx));
export const redisEntrypointProgram: UserProgram = (ctx) => redisEntrypoint(ctx, scriptPath(ctx));
export const nodeEntrypointProgram: UserProgram = (ctx) => nodeEntrypoint(ctx, scriptPath(ctx));

export const dockerEntrypoint: UserProgram = async (ctx) => {
  const fs = fsOf(ctx);
  const name = ctx.argv[0] ?? 'docker-entrypoint.sh';
  const found = lookPath(fs, name, ctx.env.PATH) ?? name;
  if (fs.exists('/usr/lib/postgresql')) return postgresEntrypoint(ctx, found);
  if (fs.exists('/usr/local/bin/redis-server')) return redisEntrypoint(ctx, found);
  if (fs.exists('/usr/local/bin/node')) return nodeEntrypoint(ctx, found);
  return execArgv(ctx, ctx.argv.slice(1), { script: found, line: 3, shell: 'dash' });
};
