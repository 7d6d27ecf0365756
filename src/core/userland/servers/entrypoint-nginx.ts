// The nginx image's /docker-entrypoint.sh and the scripts it runs from
// /docker-entrypoint.d: 10-listen-on-ipv6-by-default.sh (which rewrites
// /etc/nginx/conf.d/default.conf — what `docker diff` shows after a start),
// 15-local-resolvers.envsh, 20-envsubst-on-templates.sh and
// 30-tune-worker-processes.sh, with their messages; other scripts a user
// adds run as programs. Then `exec "$@"`.
import { FsError } from '../../fs/types';
import { resolveExec } from '../exec';
import { fsOf, type FileSystem, type UserContext } from '../types';
import { execArgv, forkChild } from './exec';

const CONF = 'etc/nginx/conf.d/default.conf';

/** GNU `sort -V` for file names: digit runs compare as numbers. */
function versionSort(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      if (Number(x) !== Number(y)) return Number(x) - Number(y);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** `find DIR -follow -type f -print`. */
function findFiles(fs: FileSystem, dir: string): string[] {
  const names = fs.readdir(dir);
  if (names instanceof FsError) return [];
  const out: string[] = [];
  for (const n of names) {
    const p = `${dir.replace(/\/$/, '')}/${n}`;
    const st = fs.stat(p);
    if (st instanceof FsError) continue;
    if (st.kind === 'file') out.push(dir.endsWith('/') ? `${dir}${n}` : p);
    else if (st.kind === 'dir') out.push(...findFiles(fs, `${p}/`));
  }
  return out;
}

function procAvailable(fs: FileSystem): boolean {
  return fs.exists('/proc/self') || fs.exists('/proc/1');
}

/** 10-listen-on-ipv6-by-default.sh */
function listenIpv6(ctx: UserContext, log: (s: string) => void): number {
  const fs = fsOf(ctx);
  const me = '10-listen-on-ipv6-by-default.sh';
  if (procAvailable(fs) && !fs.exists('/proc/net/if_inet6')) {
    log(`${me}: info: ipv6 not available`);
    return 0;
  }
  const st = fs.stat(`/${CONF}`);
  if (st instanceof FsError || st.kind !== 'file') {
    log(`${me}: info: /${CONF} is not a file or does not exist`);
    return 0;
  }
  if (fs.utimes(`/${CONF}`) !== undefined) {
    log(`${me}: info: can not modify /${CONF} (read-only file system?)`);
    return 0;
  }
  const text = fs.readFile(`/${CONF}`);
  if (text instanceof FsError) return 0;
  if (/listen {2}\[::\]:80;/.test(text)) {
    log(`${me}: info: IPv6 listen already enabled`);
    return 0;
  }
  log(`${me}: info: Getting the checksum of /${CONF}`);
  // the packaged file has exactly this server block; a user's own default.conf is left alone
  if (!text.startsWith('server {\n    listen       80;\n    server_name  localhost;\n')) {
    log(`${me}: info: /${CONF} differs from the packaged version`);
    return 0;
  }
  // sed -i -E 's,listen       80;,listen       80;\n    listen  [::]:80;,'
  fs.writeFile(`/${CONF}`, text.replace(/listen {7}80;/g, 'listen       80;\n    listen  [::]:80;'));
  log(`${me}: info: Enabled listen on IPv6 in /${CONF}`);
  return 0;
}

/** envsubst with only the defined variables named (as the script passes them). */
function envsubst(text: string, env: Record<string, string>, filter: string): string {
  const names = Object.keys(env).filter((n) => !filter || new RegExp(filter).test(n));
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string | undefined, b: string | undefined) => {
    const n = a ?? b ?? '';
    return names.includes(n) ? env[n] : m;
  });
}

/** 20-envsubst-on-templates.sh */
function envsubstTemplates(ctx: UserContext, log: (s: string) => void): number {
  const fs = fsOf(ctx);
  const me = '20-envsubst-on-templates.sh';
  const env = ctx.env;
  const templateDir = env.NGINX_ENVSUBST_TEMPLATE_DIR || '/etc/nginx/templates';
  const suffix = env.NGINX_ENVSUBST_TEMPLATE_SUFFIX || '.template';
  const outputDir = env.NGINX_ENVSUBST_OUTPUT_DIR || '/etc/nginx/conf.d';
  const st = fs.stat(templateDir);
  if (st instanceof FsError || st.kind !== 'dir') return 0;
  if (fs.access(outputDir, 2) !== undefined) {
    log(`${me}: ERROR: ${templateDir} exists, but ${outputDir} is not writable`);
    return 0;
  }
  for (const template of findFiles(fs, templateDir).filter((f) => f.endsWith(suffix))) {
    const rel = template.slice(templateDir.replace(/\/$/, '').length + 1);
    const output = `${outputDir}/${rel.slice(0, -suffix.length)}`;
    const sub = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.';
    fs.mkdir(`${outputDir}/${sub}`, { recursive: true });
    log(`${me}: Running envsubst on ${template} to ${output}`);
    const text = fs.readFile(template);
    if (text instanceof FsError) continue;
    const e = fs.writeFile(output, envsubst(text, env, env.NGINX_ENVSUBST_FILTER ?? ''));
    if (e) {
      ctx.stderr.write(`/docker-entrypoint.d/${me}: line 53: can't create ${output}: ${e.message}\n`);
      return 1;
    }
  }
  return 0;
}

/** 30-tune-worker-processes.sh: only with NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE. */
function tuneWorkers(ctx: UserContext): number {
  const fs = fsOf(ctx);
  const me = '30-tune-worker-processes.sh';
  if (!ctx.env.NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE) return 0;
  if (fs.utimes('/etc/nginx/nginx.conf') !== undefined) {
    ctx.stderr.write(`${me}: error: can not modify /etc/nginx/nginx.conf (read-only file system?)\n`);
    return 0;
  }
  const text = fs.readFile('/etc/nginx/nginx.conf');
  if (text instanceof FsError) return 0;
  const ncpu = ctx.ns.host.cpus;
  const date = new Date(ctx.kernel.clock.now()).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_m, d, day, mon, y, t) => `${d} ${mon} ${String(Number(day)).padStart(2, ' ')} ${t} UTC ${y}`);
  fs.writeFile('/etc/nginx/nginx.conf.bak', text);
  fs.writeFile('/etc/nginx/nginx.conf', text.replace(/^(worker_processes)(.*)$/m, `# Commented out by ${me} on ${date}\n#$1$2\n$1 ${ncpu};`));
  return 0;
}

/** A script someone added to /docker-entrypoint.d: run it (its shell is whatever its #! says). */
async function launch(ctx: UserContext, f: string): Promise<number> {
  const t = resolveExec(fsOf(ctx), [f], ctx.env, ctx.ns.programs);
  if ('kind' in t) {
    ctx.stderr.write(`${t.message}\n`);
    return 126;
  }
  const p = forkChild(ctx, { program: t.program.run, argv: t.argv, rss: t.program.rss });
  if (typeof p === 'string') return 1;
  return (await ctx.wait(p.exited)).code;
}

const BUILTIN: Partial<Record<string, (ctx: UserContext, log: (s: string) => void) => number>> = {
  '10-listen-on-ipv6-by-default.sh': listenIpv6,
  '15-local-resolvers.envsh': () => 0,
  '20-envsubst-on-templates.sh': envsubstTemplates,
  '30-tune-worker-processes.sh': (ctx) => tuneWorkers(ctx),
};

export async function nginxEntrypoint(ctx: UserContext, script: string): Promise<number> {
  const fs = fsOf(ctx);
  const args = ctx.argv.slice(1);
  const quiet = Boolean(ctx.env.NGINX_ENTRYPOINT_QUIET_LOGS);
  const log = (s: string) => {
    if (!quiet) ctx.stdout.write(`${s}\n`);
  };
  if (args[0] === 'nginx' || args[0] === 'nginx-debug') {
    const files = findFiles(fs, '/docker-entrypoint.d/');
    if (files.length) {
      log(`${script}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`);
      log(`${script}: Looking for shell scripts in /docker-entrypoint.d/`);
      for (const f of files.sort(versionSort)) {
        const exe = fs.access(f, 1) === undefined;
        const base = f.slice(f.lastIndexOf('/') + 1);
        if (!f.endsWith('.envsh') && !f.endsWith('.sh')) {
          log(`${script}: Ignoring ${f}`);
          continue;
        }
        if (!exe) {
          log(`${script}: Ignoring ${f}, not executable`);
          continue;
        }
        log(`${script}: ${f.endsWith('.envsh') ? 'Sourcing' : 'Launching'} ${f}`);
        const builtin = BUILTIN[base];
        const code = builtin && isStock(fs, f) ? builtin(ctx, log) : await launch(ctx, f);
        // set -e: a failing script ends the entrypoint
        if (code !== 0) return code;
      }
      log(`${script}: Configuration complete; ready for start up`);
    } else {
      log(`${script}: No files found in /docker-entrypoint.d/, skipping configuration`);
    }
  }
  return execArgv(ctx, args, { script, line: 47, shell: 'dash' });
}

/** The image's own copy of a d-script (not one a user replaced with their own text). */
function isStock(fs: FileSystem, f: string): boolean {
  const text = fs.readFile(f);
  if (text instanceof FsError) return false;
  const base = f.slice(f.lastIndexOf('/') + 1);
  const marks: Record<string, string> = {
    '10-listen-on-ipv6-by-default.sh': 'enable ipv6 on default.conf listen sockets',
    '15-local-resolvers.envsh': 'NGINX_ENTRYPOINT_LOCAL_RESOLVERS',
    '20-envsubst-on-templates.sh': 'auto_envsubst',
    '30-tune-worker-processes.sh': 'NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE',
  };
  return text.length > 0 && (text.includes(marks[base]) || !text.startsWith('#!'));
}
