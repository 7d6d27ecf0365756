import { describe, expect, it } from 'vitest';
import { NetNamespace, type Service } from '../../../../src/core/kernel/network';
import { SIGNALS } from '../../../../src/core/kernel/signals';
import { Pipe } from '../../../../src/core/kernel/stream';
import { registerOutsideWorld } from '../../../../src/core/userland/outside';
import { rawResponse } from '../../../../src/core/userland/outside/http';
import { HELLO_MESSAGE, serverPrograms } from '../../../../src/core/userland/servers';
import { Machine } from '../harness';
import { INDEX_HTML, helloImage, nginxImage, redisImage, imagePrograms } from './images';

async function withNginx(tty = false) {
  const m = new Machine({ container: true, programs: imagePrograms(), files: nginxImage(), sys: { net: new NetNamespace('web', { ip: '172.17.0.2' }) } });
  m.spawn(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], {}, new Pipe(), new Pipe());
  await m.advance(1000);
  return { m, tty };
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
const ZERO = '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

describe('curl', () => {
  it('fetches a page; on a terminal just the body, through a pipe with the progress meter on stderr', async () => {
    const { m } = await withNginx();
    const tty = await m.run(['curl', 'http://127.0.0.1/'], { tty: true });
    expect(tty).toMatchObject({ code: 0, stdout: INDEX_HTML, stderr: '' });
    const piped = await m.run(['curl', 'http://localhost/']);
    expect(piped.stdout).toBe(INDEX_HTML);
    expect(piped.stderr).toBe(`${METER_HEAD}${ZERO}\r100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`);
    expect(await m.run(['curl', '-s', 'http://localhost/'])).toMatchObject({ stdout: INDEX_HTML, stderr: '' });
  });

  it('-i and -I show the response head with CRLF; -o writes a file; -w prints variables', async () => {
    const { m } = await withNginx();
    const head = await m.run(['curl', '-sI', 'http://localhost/']);
    expect(head.stdout).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.29.0\r\nDate: Fri, 27 Nov 2026 21:21:04 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nLast-Modified: Tue, 24 Jun 2025 17:57:38 GMT\r\nConnection: keep-alive\r\nETag: "685ae712-267"\r\nAccept-Ranges: bytes\r\n\r\n',
    );
    const inc = await m.run(['curl', '-si', 'http://localhost/nope']);
    expect(inc.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\nServer: nginx\/1\.29\.0\r\n[\s\S]*\r\n\r\n<html>\r\n<head><title>404 Not Found<\/title><\/head>/);
    const file = await m.run(['curl', '-s', '-o', '/tmp/page.html', '-w', '%{http_code} %{size_download}\\n', 'http://localhost/'], { cwd: '/tmp' });
    expect(file).toMatchObject({ code: 0, stdout: '200 615\n' });
    expect(m.fs.readFile('/tmp/page.html')).toBe(INDEX_HTML);
  });

  it('-f turns HTTP errors into exit 22; -v shows the exchange', async () => {
    const { m } = await withNginx();
    expect(await m.run(['curl', '-sSf', 'http://localhost/missing'])).toMatchObject({ code: 22, stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n' });
    const v = await m.run(['curl', '-sv', 'http://127.0.0.1/'], { tty: true });
    expect(v.stderr).toBe(
      '*   Trying 127.0.0.1:80...\n* Connected to 127.0.0.1 (127.0.0.1) port 80 (#0)\n> GET / HTTP/1.1\n> Host: 127.0.0.1\n> User-Agent: curl/7.88.1\n> Accept: */*\n> \n< HTTP/1.1 200 OK\n< Server: nginx/1.29.0\n< Date: Fri, 27 Nov 2026 21:21:04 GMT\n< Content-Type: text/html\n< Content-Length: 615\n< Last-Modified: Tue, 24 Jun 2025 17:57:38 GMT\n< Connection: keep-alive\n< ETag: "685ae712-267"\n< Accept-Ranges: bytes\n< \n* Connection #0 to host 127.0.0.1 left intact\n',
    );
  });

  it("fails with curl's words and exit codes: refused (7), unknown host (6), reset (56), empty reply (52), not HTTP (1)", async () => {
    const m = new Machine({ programs: imagePrograms(), files: nginxImage(), sys: { net: new NetNamespace('c', { ip: '172.17.0.5' }) } });
    const refused = await m.run(['curl', 'http://127.0.0.1:8080/']);
    expect(refused).toMatchObject({ code: 7, stdout: '', stderr: `${METER_HEAD}${ZERO}\ncurl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server\n` });
    expect(await m.run(['curl', '-s', 'http://127.0.0.1:8080/'])).toMatchObject({ code: 7, stderr: '' });
    expect(await m.run(['curl', '-sS', 'http://x/'])).toMatchObject({ code: 6, stderr: 'curl: (6) Could not resolve host: x\n' });
    const reset: Service = { handle: async () => rawResponse('') };
    m.sys.net.listen(5432, reset);
    expect(await m.run(['curl', '-sS', 'http://localhost:5432/'])).toMatchObject({ code: 52, stderr: 'curl: (52) Empty reply from server\n' });
    m.sys.net.listen(6379, { handle: async () => rawResponse('-ERR unknown command\r\n') });
    expect(await m.run(['curl', '-sS', 'http://localhost:6379/'])).toMatchObject({ code: 1, stderr: 'curl: (1) Received HTTP/0.9 when not allowed\n' });
    // a published port whose container has nothing listening: docker-proxy accepts, then the connection resets
    const host = new Machine({ programs: imagePrograms(), files: nginxImage() });
    const stack = host.sys.network;
    host.sys.net = stack.hostNetns;
    const ep = stack.attachBridge('c1', { next: () => 0.5 })!;
    const pub = stack.ports.publish([{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, proto: 'tcp' }], { id: 'c1', name: 'web', endpointId: ep.endpointId, ip: ep.ip }, stack.hostNetns);
    expect(Array.isArray(pub)).toBe(true);
    expect(await host.run(['curl', '-sS', 'http://localhost:8080/'])).toMatchObject({ code: 56, stderr: 'curl: (56) Recv failure: Connection reset by peer\n' });
    expect(await m.run(['curl', '-sS', 'ftp://x/'])).toMatchObject({ code: 1, stderr: 'curl: (1) Protocol "ftp" not supported or disabled in libcurl\n' });
    expect(await m.run(['curl'])).toMatchObject({ code: 2, stderr: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(await m.run(['curl', '--frob', 'x'])).toMatchObject({ code: 2, stderr: "curl: option --frob: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
  });

  it('reaches the package index outside (JSON API), and says no network the way curl does', async () => {
    const m = new Machine({ programs: imagePrograms(), files: nginxImage(), sys: { net: new NetNamespace('c', { ip: '172.17.0.5' }) } });
    registerOutsideWorld(m.sys.network, { now: () => m.clock.now() });
    const r = await m.run(['curl', '-s', 'https://pypi.org/pypi/requests/json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).info).toMatchObject({ name: 'requests', version: '2.32.4', summary: 'Python HTTP for Humans.' });
    m.sys.net.routeOut = false;
    expect(await m.run(['curl', '-sS', 'https://pypi.org/simple/'])).toMatchObject({ code: 6, stderr: 'curl: (6) Could not resolve host: pypi.org\n' });
  });

  it('POSTs with -d and -H, as a form or JSON', async () => {
    const m = new Machine({ programs: imagePrograms(), files: nginxImage(), sys: { net: new NetNamespace('c', { ip: '172.17.0.5' }) } });
    const seen: { method: string; headers: Record<string, string>; body: string }[] = [];
    m.sys.net.listen(8000, { handle: async (req) => (seen.push(req), { status: 201, reason: 'Created', headers: { 'Content-Length': '2' }, body: 'ok' }) });
    const r = await m.run(['curl', '-s', '-X', 'POST', '-H', 'Content-Type: application/json', '-d', '{"a":1}', 'http://localhost:8000/items']);
    expect(r).toMatchObject({ code: 0, stdout: 'ok' });
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(seen[0].headers['Content-Type']).toBe('application/json');
    await m.run(['curl', '-s', '-d', 'a=1', '-d', 'b=2', 'http://localhost:8000/']);
    expect(seen[1]).toMatchObject({ method: 'POST', body: 'a=1&b=2' });
    expect(seen[1].headers['Content-Type']).toBe('application/x-www-form-urlencoded');
  });
});

describe('redis-server', () => {
  it('starts as the image runs it, answers HTTP as Redis does, saves and exits 0 on SIGTERM', async () => {
    const m = new Machine({ container: true, programs: serverPrograms(), files: redisImage(), sys: { net: new NetNamespace('r', { ip: '172.17.0.4' }) } });
    const err = new Pipe();
    const proc = m.spawn(['docker-entrypoint.sh', 'redis-server'], { cwd: '/data', env: { REDIS_VERSION: '7.4.5' } }, new Pipe(), err);
    await m.advance(500);
    const t = '27 Nov 2026 21:21:03.000';
    expect(err.drain()).toBe(
      [
        `1:C ${t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`,
        `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${t} * Redis version=7.4.5, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${t} * monotonic clock: POSIX clock_gettime`,
        `1:M ${t} * Running mode=standalone, port=6379.`,
        `1:M ${t} * Server initialized`,
        `1:M ${t} * Ready to accept connections tcp`,
        '',
      ].join('\n'),
    );
    expect(proc.uid).toBe(999);
    expect(proc.argv).toEqual(['redis-server']);
    m.kernel.signal(proc, SIGNALS.SIGTERM);
    await m.advance(500);
    expect(await proc.exited).toEqual({ code: 0 });
    expect(err.drain()).toBe(
      '1:signal-handler (1795814463) Received SIGTERM scheduling shutdown...\n1:M 27 Nov 2026 21:21:03.600 * User requested shutdown...\n1:M 27 Nov 2026 21:21:03.600 * Saving the final RDB snapshot before exiting.\n1:M 27 Nov 2026 21:21:03.603 * DB saved on disk\n1:M 27 Nov 2026 21:21:03.603 # Redis is now ready to exit, bye bye...\n',
    );
    expect(m.fs.stat('/data/dump.rdb')).toMatchObject({ size: 88, uid: 999 });
    // the next start loads it
    const err2 = new Pipe();
    m.spawn(['docker-entrypoint.sh', 'redis-server'], { cwd: '/data' }, new Pipe(), err2);
    await m.advance(200);
    expect(err2.drain()).toContain('* Loading RDB produced by version 7.4.5\n');
  });
});

describe('hello-world', () => {
  it('/hello prints the message of transcript 01 and exits 0', async () => {
    const m = new Machine({ container: true, programs: serverPrograms(), files: helloImage() });
    expect(await m.run(['/hello'])).toMatchObject({ code: 0, stdout: HELLO_MESSAGE, stderr: '' });
    expect(HELLO_MESSAGE.split('\n')[1]).toBe('Hello from Docker!');
  });
});
