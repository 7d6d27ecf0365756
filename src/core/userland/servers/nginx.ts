// nginx 1.29 (the official image's build) as a program: -v/-V/-t/-s/-g, a
// master process that parses its configuration, binds its ports, starts
// worker processes (real child processes, one per CPU with `auto`) and logs
// its [notice] lines; SIGQUIT shuts down gracefully, SIGTERM/SIGINT fast,
// SIGHUP reloads the configuration, SIGUSR1 reopens logs. Exit 0.
import { FsError } from '../../fs/types';
import { SIGNALS, signalName, type Signal } from '../../kernel/signals';
import type { Process } from '../../kernel/process';
import { fsOf, type Sys, type UserContext, type UserProgram } from '../types';
import { forkChild, listenWhileAlive, lookupGroup, lookupUser } from './exec';
import { nginxTime } from './log-time';
import { ConfError, loadNginxConf, type NginxConf } from './nginx-conf';
import { NginxService, NGINX_VERSION } from './nginx-http';

const MASTER_RSS = 6_120_000;
const WORKER_RSS = 2_940_000;
const CONF = '/etc/nginx/nginx.conf';

const CONFIGURE = `--prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/run/nginx.pid --lock-path=/run/nginx.lock --http-client-body-temp-path=/var/cache/nginx/client_temp --http-proxy-temp-path=/var/cache/nginx/proxy_temp --http-fastcgi-temp-path=/var/cache/nginx/fastcgi_temp --http-uwsgi-temp-path=/var/cache/nginx/uwsgi_temp --http-scgi-temp-path=/var/cache/nginx/scgi_temp --user=nginx --group=nginx --with-compat --with-file-aio --with-threads --with-http_addition_module --with-http_auth_request_module --with-http_dav_module --with-http_flv_module --with-http_gunzip_module --with-http_gzip_static_module --with-http_mp4_module --with-http_random_index_module --with-http_realip_module --with-http_secure_link_module --with-http_slice_module --with-http_ssl_module --with-http_stub_status_module --with-http_sub_module --with-http_v2_module --with-http_v3_module --with-mail --with-mail_ssl_module --with-stream --with-stream_realip_module --with-stream_ssl_module --with-stream_ssl_preread_module --with-cc-opt='-g -O2 -ffile-prefix-map=/data/builder/debuild/nginx-${NGINX_VERSION}/debian/debuild-base/nginx-${NGINX_VERSION}=. -fstack-protector-strong -Wformat -Werror=format-security -Wp,-D_FORTIFY_SOURCE=2 -fPIC' --with-ld-opt='-Wl,-z,relro -Wl,-z,now -Wl,--as-needed -pie'`;

/** Where a log path leads: the container's stdout/stderr through /dev symlinks, or a file. */
function logWriter(ctx: UserContext, path: string): (line: string) => void {
  const fs = fsOf(ctx);
  const target = fs.realpath(path);
  const real = target instanceof FsError ? path : target;
  const link = fs.readlink(path);
  const dest = link instanceof FsError ? real : link;
  if (dest === '/dev/stdout' || dest === '/proc/self/fd/1') return (l) => ctx.stdout.write(`${l}\n`);
  if (dest === '/dev/stderr' || dest === '/proc/self/fd/2' || path === 'stderr') return (l) => ctx.stderr.write(`${l}\n`);
  return (l) => {
    if (fs.appendFile(real, `${l}\n`)) ctx.stderr.write(`${l}\n`);
  };
}

interface Flags {
  test: boolean;
  signal?: string;
  directives: string;
  conf: string;
  quiet: boolean;
}

function parseFlags(ctx: UserContext, argv: string[]): Flags | number {
  const f: Flags = { test: false, directives: '', conf: CONF, quiet: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.length > 2 ? a.slice(2) : argv[++i]);
    if (!a.startsWith('-')) {
      ctx.stderr.write(`nginx: invalid option: "${a}"\n`);
      return 1;
    }
    switch (a[1]) {
      case 'v':
        ctx.stderr.write(`nginx version: nginx/${NGINX_VERSION}\n`);
        return 0;
      case 'V':
        ctx.stderr.write(`nginx version: nginx/${NGINX_VERSION}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.15 3 Sep 2024 (running with OpenSSL 3.0.16 11 Feb 2025)\nTLS SNI support enabled\nconfigure arguments: ${CONFIGURE}\n`);
        return 0;
      case 't':
      case 'T':
        f.test = true;
        break;
      case 'q':
        f.quiet = true;
        break;
      case 's': {
        const v = value();
        if (!v) {
          ctx.stderr.write('nginx: option "-s" requires parameter\n');
          return 1;
        }
        if (!['stop', 'quit', 'reopen', 'reload'].includes(v)) {
          ctx.stderr.write(`nginx: invalid option: "-s ${v}"\n`);
          return 1;
        }
        f.signal = v;
        break;
      }
      case 'g':
        f.directives += value() ?? '';
        break;
      case 'c':
        f.conf = value() ?? CONF;
        break;
      case 'p':
      case 'e':
        value();
        break;
      case 'h':
      case '?':
        ctx.stderr.write(
          `nginx version: nginx/${NGINX_VERSION}\nUsage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n             [-e filename] [-c filename] [-g directives]\n\nOptions:\n  -?,-h         : this help\n  -v            : show version and exit\n  -V            : show version and configure options then exit\n  -t            : test configuration and exit\n  -T            : test configuration, dump it and exit\n  -q            : suppress non-error messages during configuration testing\n  -s signal     : send signal to a master process: stop, quit, reopen, reload\n  -p prefix     : set prefix path (default: /etc/nginx/)\n  -e filename   : set error log file (default: /var/log/nginx/error.log)\n  -c filename   : set configuration file (default: /etc/nginx/nginx.conf)\n  -g directives : set global directives out of configuration file\n\n`,
        );
        return 0;
      default:
        ctx.stderr.write(`nginx: invalid option: "${a.slice(1)}"\n`);
        return 1;
    }
  }
  return f;
}

const SIGNAL_OF: Record<string, Signal> = { stop: SIGNALS.SIGTERM, quit: SIGNALS.SIGQUIT, reopen: SIGNALS.SIGUSR1, reload: SIGNALS.SIGHUP };

/** `nginx -s reload` and friends: read the master's pid file and signal it. */
async function sendSignal(ctx: UserContext, conf: NginxConf, which: string): Promise<number> {
  const fs = fsOf(ctx);
  const text = fs.readFile(conf.pid);
  const now = nginxTime(ctx.kernel.clock.now());
  const me = ctx.proc.nsPid;
  ctx.stderr.write(`${now} [notice] ${me}#${me}: signal process started\n`);
  if (text instanceof FsError) {
    ctx.stderr.write(`${now} [error] ${me}#${me}: open() "${conf.pid}" failed (2: No such file or directory)\nnginx: [error] open() "${conf.pid}" failed (2: No such file or directory)\n`);
    return 1;
  }
  const pid = Number(text.trim());
  if (ctx.kill(pid, SIGNAL_OF[which]) === 'ESRCH') {
    ctx.stderr.write(`${now} [alert] ${me}#${me}: kill(${pid}, ${SIGNAL_OF[which]}) failed (3: No such process)\nnginx: [alert] kill(${pid}, ${SIGNAL_OF[which]}) failed (3: No such process)\n`);
    return 1;
  }
  return 0;
}

export const nginx: UserProgram = async (ctx) => {
  const flags = parseFlags(ctx, ctx.argv);
  if (typeof flags === 'number') return flags;
  const fs = fsOf(ctx);
  const clock = ctx.kernel.clock;
  const me = ctx.proc.nsPid;
  const conf = loadNginxConf(fs, flags.conf);
  const emerg = (msg: string) => {
    ctx.stderr.write(`${nginxTime(clock.now())} [emerg] ${me}#${me}: ${msg}\nnginx: [emerg] ${msg}\n`);
  };
  if (flags.signal) {
    if (conf instanceof ConfError) {
      emerg(conf.message);
      return 1;
    }
    return sendSignal(ctx, conf, flags.signal);
  }
  if (flags.test) {
    if (conf instanceof ConfError) {
      ctx.stderr.write(`nginx: [emerg] ${conf.message}\nnginx: configuration file ${flags.conf} test failed\n`);
      return 1;
    }
    if (!flags.quiet) ctx.stderr.write(`nginx: the configuration file ${flags.conf} syntax is ok\nnginx: configuration file ${flags.conf} test is successful\n`);
    return 0;
  }
  if (conf instanceof ConfError) {
    emerg(conf.message);
    return 1;
  }
  if (!/daemon\s+off\s*;/.test(flags.directives)) {
    // without "daemon off;" the master goes to the background and the command returns at once
    const child = forkChild(ctx, { program: (c) => runMaster(c, conf, ctx.argv.slice(), flags), argv: [...ctx.argv], rss: MASTER_RSS });
    return typeof child === 'string' ? 1 : 0;
  }
  return runMaster(ctx, conf, [...ctx.argv], flags);
};

async function runMaster(ctx: UserContext, initial: NginxConf, argv: string[], flags: Flags): Promise<number> {
  const clock = ctx.kernel.clock;
  const fs = fsOf(ctx);
  const me = ctx.proc.nsPid;
  let conf = initial;
  let errLine = logWriter(ctx, conf.errorLog);
  const log = (level: string, pid: number, msg: string) => errLine(`${nginxTime(clock.now())} [${level}] ${pid}#${pid}: ${msg}`);
  // setproctitle: ps shows "nginx: master process <command line>"
  ctx.proc.argv.splice(0, ctx.proc.argv.length, `nginx: master process ${argv.join(' ')}`);
  const user = lookupUser(fs, conf.user) ?? { uid: 65534, gid: 65534, name: conf.user, home: '/', shell: '' };
  const gid = lookupGroup(fs, conf.user) ?? user.gid;
  const workerFs = fs.as({ uid: user.uid, gid });
  const workers: Process<Sys>[] = [];
  let next = 0;
  let connections = 0;
  const accessWriters = new Map<string, (l: string) => void>();
  const listening: number[] = [];

  const listen = (): string | undefined => {
    for (const p of listening.splice(0)) ctx.ns.net.unlisten(p);
    const ports = new Set(conf.http?.servers.flatMap((s) => s.listen.map((l) => l.port)) ?? []);
    for (const port of ports) {
      const svc = new NginxService(conf.http!, port, {
        fs: workerFs,
        now: () => clock.now(),
        worker: () => {
          const w = workers.filter((x) => x.alive);
          const pick = w.length ? w[next++ % w.length] : ctx.proc;
          return { pid: pick.nsPid, conn: ++connections };
        },
        accessLog: (dest, line) => {
          let wr = accessWriters.get(dest);
          if (!wr) accessWriters.set(dest, (wr = logWriter(ctx, dest)));
          wr(line);
        },
        errorLog: (level, pid, msg) => log(level, pid, msg),
      });
      if (listenWhileAlive(ctx, port, svc) === 'EADDRINUSE') return `bind() to 0.0.0.0:${port} failed (98: Address already in use)`;
      listening.push(port);
    }
    return undefined;
  };

  const startWorkers = () => {
    const n = conf.workers === 'auto' ? ctx.ns.host.cpus : Math.max(1, conf.workers || 1);
    log('notice', me, 'start worker processes');
    for (let i = 0; i < n; i++) {
      const w = forkChild(ctx, { program: worker(log), argv: ['nginx: worker process'], uid: user.uid, gid, rss: WORKER_RSS });
      if (typeof w === 'string') {
        log('alert', me, 'fork() failed while spawning "worker process" (11: Resource temporarily unavailable)');
        continue;
      }
      workers.push(w);
      log('notice', me, `start worker process ${w.nsPid}`);
    }
  };

  // the temp paths compiled in (--http-*-temp-path), made at start for the worker user
  for (const t of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    const dir = `/var/cache/nginx/${t}_temp`;
    if (fs.mkdir(dir, { mode: 0o700 }) === undefined) fs.chown(dir, user.uid, 0);
  }
  // bind(2) is retried five times, half a second apart, as nginx does
  for (let attempt = 0; ; attempt++) {
    const err = listen();
    if (!err) break;
    log('emerg', me, err);
    ctx.stderr.write(`nginx: [emerg] ${err}\n`);
    if (attempt === 4) {
      log('emerg', me, 'still could not bind()');
      ctx.stderr.write('nginx: [emerg] still could not bind()\n');
      return 1;
    }
    await ctx.sleep(500);
  }
  fs.writeFile(conf.pid, `${me}\n`);
  log('notice', me, 'using the "epoll" event method');
  log('notice', me, `nginx/${NGINX_VERSION}`);
  log('notice', me, 'built by gcc 12.2.0 (Debian 12.2.0-14)');
  log('notice', me, `OS: Linux ${ctx.ns.host.kernelRelease}`);
  log('notice', me, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  startWorkers();

  let finish!: (code: number) => void;
  const done = new Promise<number>((r) => (finish = r));
  let stopping = false;

  const reap = async (olds: Process<Sys>[]) => {
    const statuses = await ctx.wait(Promise.all(olds.map((w) => w.exited)));
    if (olds.length) log('notice', me, `signal 17 (SIGCHLD) received from ${olds[0].nsPid}`);
    olds.forEach((w, i) => log('notice', me, `worker process ${w.nsPid} exited with code ${statuses[i].code}`));
  };

  const shutdown = async (sig: Signal) => {
    if (stopping) return;
    stopping = true;
    const graceful = sig === SIGNALS.SIGQUIT;
    log('notice', me, `signal ${sig} (${signalName(sig)}) received, ${graceful ? 'shutting down' : 'exiting'}`);
    const live = workers.filter((w) => w.alive);
    for (const w of live) ctx.kill(w.nsPid, graceful ? SIGNALS.SIGQUIT : SIGNALS.SIGTERM);
    await reap(live);
    for (const p of listening.splice(0)) ctx.ns.net.unlisten(p);
    fs.unlink(conf.pid);
    log('notice', me, 'exit');
    finish(0);
  };

  const reload = async () => {
    log('notice', me, `signal 1 (SIGHUP) received, reconfiguring`);
    const fresh = loadNginxConf(fs, flags.conf);
    if (fresh instanceof ConfError) {
      log('emerg', me, fresh.message);
      return;
    }
    conf = fresh;
    errLine = logWriter(ctx, conf.errorLog);
    accessWriters.clear();
    log('notice', me, 'reconfiguring');
    const err = listen();
    if (err) log('emerg', me, err);
    log('notice', me, 'using the "epoll" event method');
    const olds = workers.splice(0).filter((w) => w.alive);
    startWorkers();
    for (const w of olds) ctx.kill(w.nsPid, SIGNALS.SIGQUIT);
    await reap(olds);
  };

  ctx.trap(SIGNALS.SIGQUIT, (s) => shutdown(s));
  ctx.trap(SIGNALS.SIGTERM, (s) => shutdown(s));
  ctx.trap(SIGNALS.SIGINT, (s) => shutdown(s));
  ctx.trap(SIGNALS.SIGHUP, () => reload());
  ctx.trap(SIGNALS.SIGUSR1, () => log('notice', me, 'signal 10 (SIGUSR1) received, reopening logs'));
  ctx.trap(SIGNALS.SIGCHLD, 'ignore');
  ctx.trap(SIGNALS.SIGPIPE, 'ignore');
  return ctx.wait(done);
}

/** A worker process: waits for connections (the master's Service does the work) and for its signal. */
function worker(log: (level: string, pid: number, msg: string) => void): UserProgram {
  return async (ctx) => {
    const me = ctx.proc.nsPid;
    let finish!: (code: number) => void;
    const done = new Promise<number>((r) => (finish = r));
    ctx.trap(SIGNALS.SIGQUIT, () => {
      log('notice', me, 'gracefully shutting down');
      log('notice', me, 'exiting');
      log('notice', me, 'exit');
      finish(0);
    });
    const fast = () => {
      log('notice', me, 'exiting');
      log('notice', me, 'exit');
      finish(0);
    };
    ctx.trap(SIGNALS.SIGTERM, fast);
    ctx.trap(SIGNALS.SIGINT, fast);
    ctx.trap(SIGNALS.SIGHUP, 'ignore');
    ctx.trap(SIGNALS.SIGUSR1, 'ignore');
    return ctx.wait(done);
  };
}
