import { describe, expect, it } from 'vitest';
import type { LayerSpecValue } from '../../../../src/core/fs';
import { NetNamespace } from '../../../../src/core/kernel/network';
import { SIGNALS } from '../../../../src/core/kernel/signals';
import { Pipe } from '../../../../src/core/kernel/stream';
import { Machine, T0 } from '../harness';
import { DEFAULT_CONF, INDEX_HTML, NGINX_CONF, nginxImage, imagePrograms } from './images';

const NGINX_ARGV = ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'];

function nginxContainer(extra: Record<string, LayerSpecValue> = {}, env: Record<string, string> = {}) {
  const m = new Machine({ container: true, programs: imagePrograms(), files: { ...nginxImage(), ...extra }, sys: { net: new NetNamespace('web', { ip: '172.17.0.2' }) } });
  const out = new Pipe();
  const err = new Pipe();
  const proc = m.spawn([...NGINX_ARGV], { env }, out, err);
  return { m, out, err, proc };
}

describe('nginx image: entrypoint, server, stop signal', () => {
  it('logs what transcript 24 shows, rewrites default.conf, listens on 80, and quits on SIGQUIT with exit 0', async () => {
    const { m, out, err, proc } = nginxContainer();
    await m.advance(1000);
    expect(proc.alive).toBe(true);
    expect(out.drain()).toBe(
      [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        '',
      ].join('\n'),
    );
    const t = '2026/11/27 21:21:03';
    // the entrypoint ran through dash: its commands (find, sort, basename, dpkg-query, grep, cut,
    // md5sum, sed, awk, …, each subshell a fork) took PIDs 2-23, so the workers are 24 and 25
    expect(err.drain()).toBe(
      [
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/1.29.0`,
        `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
        `${t} [notice] 1#1: OS: Linux 6.8.0-49-generic`,
        `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${t} [notice] 1#1: start worker processes`,
        `${t} [notice] 1#1: start worker process 24`,
        `${t} [notice] 1#1: start worker process 25`,
        '',
      ].join('\n'),
    );
    // what docker diff shows of a running nginx: the entrypoint's edit (transcript 24), nginx's temp dirs and pid file
    expect(new Set(m.fs.diff().map((c) => `${c.kind} ${c.path}`))).toEqual(
      new Set(['C /etc', 'C /etc/nginx', 'C /etc/nginx/conf.d', 'C /etc/nginx/conf.d/default.conf', 'C /var', 'C /var/cache', 'C /var/cache/nginx', 'A /var/cache/nginx/client_temp', 'A /var/cache/nginx/fastcgi_temp', 'A /var/cache/nginx/proxy_temp', 'A /var/cache/nginx/scgi_temp', 'A /var/cache/nginx/uwsgi_temp', 'C /run', 'A /run/nginx.pid']),
    );
    expect(m.fs.stat('/var/cache/nginx/client_temp')).toMatchObject({ mode: 0o700, uid: 101 });
    expect(m.fs.readFile('/etc/nginx/conf.d/default.conf')).toContain('    listen       80;\n    listen  [::]:80;\n    server_name  localhost;');
    // ps shows the master's title and the workers
    expect(proc.argv).toEqual(['nginx: master process nginx -g daemon off;']);
    expect([...m.kernel.processes.values()].map((p) => p.argv[0])).toEqual(['nginx: master process nginx -g daemon off;', 'nginx: worker process', 'nginx: worker process']);
    expect([...m.kernel.processes.values()].map((p) => p.uid)).toEqual([0, 101, 101]);

    m.clock.advance(1000);
    m.kernel.signal(proc, SIGNALS.SIGQUIT);
    await m.advance(100);
    expect(await proc.exited).toEqual({ code: 0 });
    const u = '2026/11/27 21:21:05';
    expect(err.drain()).toBe(
      [
        `${u} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
        `${u} [notice] 24#24: gracefully shutting down`,
        `${u} [notice] 24#24: exiting`,
        `${u} [notice] 24#24: exit`,
        `${u} [notice] 25#25: gracefully shutting down`,
        `${u} [notice] 25#25: exiting`,
        `${u} [notice] 25#25: exit`,
        `${u} [notice] 1#1: signal 17 (SIGCHLD) received from 24`,
        `${u} [notice] 1#1: worker process 24 exited with code 0`,
        `${u} [notice] 1#1: worker process 25 exited with code 0`,
        `${u} [notice] 1#1: exit`,
        '',
      ].join('\n'),
    );
    expect(m.sys.net.listeners.size).toBe(0);
  });

  it('serves the welcome page with nginx headers, logs each request in the main format, 404 with its page and [error] line', async () => {
    const { m, out, err } = nginxContainer();
    await m.advance(1000);
    out.drain();
    err.drain();
    const svc = m.sys.net.accept('172.17.0.2', 80)!;
    const res = await svc.handle({ method: 'GET', path: '/', host: 'localhost:8080', headers: { 'User-Agent': 'curl/7.88.1', Accept: '*/*' }, body: '', from: '172.17.0.1' });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers).toEqual({
      Server: 'nginx/1.29.0',
      Date: 'Fri, 27 Nov 2026 21:21:04 GMT',
      'Content-Type': 'text/html',
      'Content-Length': '615',
      'Last-Modified': 'Tue, 24 Jun 2025 17:57:38 GMT',
      Connection: 'keep-alive',
      ETag: '"685ae712-267"',
      'Accept-Ranges': 'bytes',
    });
    expect(out.drain()).toBe('172.17.0.1 - - [27/Nov/2026:21:21:04 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"\n');
    const missing = await svc.handle({ method: 'GET', path: '/nope', host: 'localhost:8080', headers: { 'User-Agent': 'curl/7.88.1' }, body: '', from: '172.17.0.1' });
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.29.0</center>\r\n</body>\r\n</html>\r\n');
    expect(missing.headers['Content-Length']).toBe('153');
    expect(err.drain()).toBe('2026/11/27 21:21:04 [error] 25#25: *2 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "GET /nope HTTP/1.1", host: "localhost:8080"\n');
    expect(out.drain()).toBe('172.17.0.1 - - [27/Nov/2026:21:21:04 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/7.88.1" "-"\n');
    const post = await svc.handle({ method: 'POST', path: '/', host: 'localhost', headers: {}, body: 'x', from: '172.17.0.1' });
    expect(post.status).toBe(405);
  });

  it('does not touch default.conf again on a restart, nor a default.conf of the user', async () => {
    const { m, out } = nginxContainer({ '/etc/nginx/conf.d/default.conf': DEFAULT_CONF.replace('listen       80;', 'listen       80;\n    listen  [::]:80;') });
    await m.advance(500);
    expect(out.drain()).toContain('10-listen-on-ipv6-by-default.sh: info: IPv6 listen already enabled\n');
    const mine = nginxContainer({ '/etc/nginx/conf.d/default.conf': 'server {\n    listen 8080;\n    root /srv;\n}\n' });
    await mine.m.advance(500);
    expect(mine.out.drain()).toContain('10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version\n');
    expect(mine.m.sys.net.listeners.has('tcp/8080')).toBe(true);
  });

  it('reports a broken configuration as nginx does and exits 1', async () => {
    const { m, err, proc } = nginxContainer({ '/etc/nginx/conf.d/default.conf': 'server {\n    listen 80;\n    rooot /srv;\n}\n' });
    await m.advance(500);
    expect(await proc.exited).toEqual({ code: 1 });
    expect(err.drain()).toBe('2026/11/27 21:21:03 [emerg] 1#1: unknown directive "rooot" in /etc/nginx/conf.d/default.conf:3\nnginx: [emerg] unknown directive "rooot" in /etc/nginx/conf.d/default.conf:3\n');
  });

  it('nginx -v, -t, and -s reload from docker exec', async () => {
    const { m, err } = nginxContainer();
    await m.advance(1000);
    err.drain();
    expect(await m.run(['nginx', '-v'])).toMatchObject({ code: 0, stdout: '', stderr: 'nginx version: nginx/1.29.0\n' });
    expect(await m.run(['nginx', '-t'])).toMatchObject({ code: 0, stderr: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n' });
    const reload = await m.run(['nginx', '-s', 'reload']);
    expect(reload.code).toBe(0);
    expect(reload.stderr).toBe('2026/11/27 21:21:04 [notice] 28#28: signal process started\n');
    await m.advance(100);
    const log = err.drain();
    expect(log).toContain('[notice] 1#1: signal 1 (SIGHUP) received, reconfiguring\n');
    expect(log).toContain('[notice] 1#1: start worker process 29\n');
    expect(log).toContain('[notice] 24#24: gracefully shutting down\n');
    expect(log).toContain('[notice] 1#1: worker process 25 exited with code 0\n');
  });

  it('renders templates with envsubst and stays quiet with NGINX_ENTRYPOINT_QUIET_LOGS', async () => {
    const m = new Machine({ container: true, programs: imagePrograms(), files: { ...nginxImage(), '/etc/nginx/templates/site.conf.template': 'server {\n    listen ${PORT};\n    root /usr/share/nginx/html;\n}\n' } });
    const out = new Pipe();
    m.spawn([...NGINX_ARGV], { env: { PORT: '8081' } }, out, new Pipe());
    await m.advance(500);
    expect(out.drain()).toContain('20-envsubst-on-templates.sh: Running envsubst on /etc/nginx/templates/site.conf.template to /etc/nginx/conf.d/site.conf\n');
    expect(m.fs.readFile('/etc/nginx/conf.d/site.conf')).toBe('server {\n    listen 8081;\n    root /usr/share/nginx/html;\n}\n');
    expect(m.sys.net.listeners.has('tcp/8081')).toBe(true);
    const q = new Machine({ container: true, programs: imagePrograms(), files: nginxImage() });
    const qo = new Pipe();
    q.spawn([...NGINX_ARGV], { env: { NGINX_ENTRYPOINT_QUIET_LOGS: '1' } }, qo, new Pipe());
    await q.advance(500);
    expect(qo.drain()).toBe('');
    expect(T0).toBeGreaterThan(0);
  });
});

describe('nginx entrypoint: the optional d-scripts', () => {
  it('30-tune-worker-processes.sh with AUTOTUNE reads cgroup v2 cpu.max through mountinfo: one CPU, one worker, nginx.conf.bak kept', async () => {
    // the runtime's mounts as the process sees them (the harness has no procfs): cgroup2 at /sys/fs/cgroup, --cpus 1
    const m = new Machine({
      container: true,
      programs: imagePrograms(),
      files: {
        ...nginxImage(),
        '/proc/self/mountinfo': '1549 1335 0:118 / / rw,relatime - overlay overlay rw\n1555 1554 0:30 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw,nsdelegate,memory_recursiveprot\n',
        '/proc/self/cgroup': '0::/\n',
        '/sys/fs/cgroup/cpu.max': '100000 100000\n',
      },
      sys: { net: new NetNamespace('web', { ip: '172.17.0.2' }) },
    });
    const out = new Pipe();
    const err = new Pipe();
    const proc = m.spawn([...NGINX_ARGV], { env: { NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE: '1' } }, out, err);
    await m.advance(1000);
    expect(proc.alive).toBe(true);
    expect(m.fs.readFile('/etc/nginx/nginx.conf')).toContain('\n# Commented out by 30-tune-worker-processes.sh on Fri Nov 27 21:21:03 UTC 2026\n#worker_processes  auto;\nworker_processes 1;\n');
    expect(m.fs.readFile('/etc/nginx/nginx.conf.bak')).toBe(NGINX_CONF);
    expect([...m.kernel.processes.values()].filter((p) => p.argv[0] === 'nginx: worker process')).toHaveLength(1);
  });

  it('15-local-resolvers.envsh exports the nameservers (IPv6 ones bracketed, via awk) to the later d-scripts, not to nginx', async () => {
    const files = {
      '/etc/resolv.conf': 'nameserver 127.0.0.11\nnameserver 2001:db8::1\noptions ndots:0\n',
      '/etc/nginx/templates/resolver.conf.template': '# resolver ${NGINX_LOCAL_RESOLVERS};\n',
    };
    const r = nginxContainer(files, { NGINX_ENTRYPOINT_LOCAL_RESOLVERS: '1' });
    await r.m.advance(1000);
    expect(r.proc.alive).toBe(true);
    expect(r.m.fs.readFile('/etc/nginx/conf.d/resolver.conf')).toBe('# resolver 127.0.0.11 [2001:db8::1];\n');
    // sourced inside `find | sort -V | while read`: a subshell of dash, so `exec "$@"` never had it
    expect(r.proc.env.NGINX_LOCAL_RESOLVERS).toBeUndefined();
    const off = nginxContainer(files);
    await off.m.advance(1000);
    expect(off.m.fs.readFile('/etc/nginx/conf.d/resolver.conf')).toBe('# resolver ${NGINX_LOCAL_RESOLVERS};\n');
  });
});
