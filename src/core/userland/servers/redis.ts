// redis-server 7.x as the official image runs it: the startup log (with the
// kernel's memory-overcommit warning), loading /data/dump.rdb when present,
// port 6379 (an HTTP request is seen as Redis sees one: inline commands,
// then the cross-protocol attack guard closes the connection), and SIGTERM
// or SIGINT → "scheduling shutdown", a final RDB save into the working
// directory, exit 0.
import { FsError } from '../../fs/types';
import { SIGNALS } from '../../kernel/signals';
import { fsOf, type UserProgram } from '../types';
import { rawResponse } from '../outside/http';
import { redisTime } from './log-time';
import { listenWhileAlive } from './exec';

/** An empty database saved by redis 7.4: the RDB header and aux fields. */
const EMPTY_RDB_SIZE = 88;

export const redisServer: UserProgram = async (ctx) => {
  const args = ctx.argv.slice(1);
  const version = ctx.env.REDIS_VERSION ?? '7.4.5';
  if (args.includes('--version') || args.includes('-v')) {
    ctx.stdout.write(`Redis server v=${version} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=3f4b1a6c0b3f2e5d\n`);
    return 0;
  }
  const fs = fsOf(ctx);
  const clock = ctx.kernel.clock;
  const me = ctx.proc.nsPid;
  let role = 'C';
  const log = (mark: string, text: string) => ctx.stderr.write(`${me}:${role} ${redisTime(clock.now())} ${mark} ${text}\n`);
  // options: a config file first, then --name value pairs
  const opts = new Map<string, string>();
  let configFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--') && i === 0) configFile = a;
    else if (a.startsWith('--')) {
      const vals: string[] = [];
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) vals.push(args[++i]);
      opts.set(a.slice(2).toLowerCase(), vals.join(' '));
    }
  }
  if (configFile) {
    const text = fs.readFile(configFile);
    if (text instanceof FsError) {
      ctx.stderr.write(`\n*** FATAL CONFIG FILE ERROR (Redis ${version}) ***\nFatal error, can't open config file '${configFile}': ${text.message}\n`);
      return 1;
    }
    for (const line of text.split('\n')) {
      const m = /^\s*([a-zA-Z-]+)\s+(.*?)\s*$/.exec(line);
      if (m && !line.trim().startsWith('#') && !opts.has(m[1].toLowerCase())) opts.set(m[1].toLowerCase(), m[2].replace(/^"(.*)"$/, '$1'));
    }
  }
  const port = Number(opts.get('port') ?? 6379);
  const dir = ctx.proc.cwd;
  const dbfile = opts.get('dbfilename') ?? 'dump.rdb';
  const saving = (opts.get('save') ?? '3600 1 300 100 60 10000').replace(/"/g, '').trim() !== '';
  log('#', "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.");
  log('*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  log('*', `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=${me}, just started`);
  if (configFile) log('*', `Configuration loaded`);
  else log('#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
  role = 'M';
  log('*', 'monotonic clock: POSIX clock_gettime');
  const svc = {
    handle: async () => {
      log('#', 'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.');
      return rawResponse("-ERR wrong number of arguments for 'get' command\r\n");
    },
  };
  if (listenWhileAlive(ctx, port, svc) === 'EADDRINUSE') {
    log('#', `Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use`);
    log('#', `Failed listening on port ${port} (tcp), aborting.`);
    return 1;
  }
  log('*', `Running mode=standalone, port=${port}.`);
  log('*', 'Server initialized');
  const rdb = `${dir === '/' ? '' : dir}/${dbfile}`;
  const st = fs.stat(rdb);
  if (!(st instanceof FsError)) {
    log('*', `Loading RDB produced by version ${version}`);
    log('*', `RDB age ${Math.max(0, Math.round((clock.now() - st.mtime) / 1000))} seconds`);
    log('*', 'RDB memory usage when created 0.90 Mb');
    log('*', 'Done loading RDB, keys loaded: 0, keys expired: 0.');
    log('*', 'DB loaded from disk: 0.000 seconds');
  }
  log('*', 'Ready to accept connections tcp');
  let finish!: (code: number) => void;
  const done = new Promise<number>((r) => (finish = r));
  let stopping = false;
  const shutdown = async (name: string) => {
    if (stopping) return;
    stopping = true;
    ctx.stderr.write(`${me}:signal-handler (${Math.floor(clock.now() / 1000)}) Received ${name} scheduling shutdown...\n`);
    await ctx.sleep(100);
    log('*', 'User requested shutdown...');
    if (saving) {
      log('*', 'Saving the final RDB snapshot before exiting.');
      const e = fs.writeFile(rdb, new Uint8Array(EMPTY_RDB_SIZE).map((_, i) => 'REDIS0012'.charCodeAt(i) || 0));
      await ctx.sleep(3);
      if (e) {
        log('#', `Failed opening the temp RDB file temp-${me}.rdb (in server root dir ${dir}) for saving: ${e.message}`);
        log('#', 'Error trying to save the DB, can\'t exit.');
        stopping = false;
        return;
      }
      log('*', 'DB saved on disk');
    }
    ctx.ns.net.unlisten(port);
    log('#', 'Redis is now ready to exit, bye bye...');
    finish(0);
  };
  ctx.trap(SIGNALS.SIGTERM, () => shutdown('SIGTERM'));
  ctx.trap(SIGNALS.SIGINT, () => shutdown('SIGINT'));
  ctx.trap(SIGNALS.SIGHUP, 'ignore');
  ctx.trap(SIGNALS.SIGPIPE, 'ignore');
  return ctx.wait(done);
};
