// `python3 -m http.server` as CPython's SimpleHTTPRequestHandler serves:
// the listing (byte for byte as recorded from CPython 3.13), redirects, 404
// pages, files, the request log on stderr, the banner held back by stdout
// buffering, and "Keyboard interrupt received, exiting." on SIGINT.
import { describe, expect, it } from 'vitest';
import type { HttpResponse, Service } from '../../../../src/core/kernel/network';
import { NetworkStack } from '../../../../src/core/kernel/network';
import { SIGINT, SIGTERM } from '../../../../src/core/kernel/signals';
import { Pipe } from '../../../../src/core/kernel/stream';
import { seededRandom } from '../../../../src/core/random';
import { pythonPrograms } from '../../../../src/core/userland/python';
import { Machine } from '../harness';
import { pythonImage } from './image';

const LISTING = `<!DOCTYPE HTML>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Directory listing for /</title>
</head>
<body>
<h1>Directory listing for /</h1>
<hr>
<ul>
<li><a href="a.txt">a.txt</a></li>
<li><a href="amp%26lt.html">amp&amp;lt.html</a></li>
<li><a href="B.md">B.md</a></li>
<li><a href="link">link@</a></li>
<li><a href="space%20name.txt">space name.txt</a></li>
<li><a href="sub/">sub/</a></li>
</ul>
<hr>
</body>
</html>
`;

function setup(env: Record<string, string> = {}, argv = ['python3', '-m', 'http.server', '8000']) {
  const network = new NetworkStack(seededRandom(5));
  const ep = network.attachBridge('web', seededRandom(6))!;
  const files = pythonImage({
    '/srv/a.txt': 'hello\n',
    '/srv/B.md': '# B\n',
    '/srv/link': { symlink: 'a.txt' },
    '/srv/space name.txt': 'x\n',
    '/srv/amp&lt.html': '<b>\n',
    '/srv/sub': { dir: true },
  });
  const m = new Machine({
    files,
    programs: pythonPrograms(),
    sys: { net: ep.netns, network },
    container: true,
  });
  const out = new Pipe();
  const err = new Pipe();
  const proc = m.spawn(argv, { cwd: '/srv', env }, out, err);
  const get = async (path: string): Promise<HttpResponse> => {
    await m.drive(proc, 10);
    const s = network.connect(network.hostNetns, ep.ip, 8000) as Service;
    expect(typeof s).toBe('object');
    return s.handle({
      method: 'GET',
      path,
      host: ep.ip,
      headers: { Host: ep.ip },
      body: '',
      from: '172.17.0.1',
    });
  };
  return { m, proc, out, err, get, network, ep };
}

describe('python3 -m http.server', () => {
  it('lists the working directory as CPython does', async () => {
    const { get } = setup();
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toBe(LISTING);
    expect(r.headers).toEqual({
      Server: 'SimpleHTTP/0.6 Python/3.13.5',
      Date: 'Fri, 27 Nov 2026 21:21:03 GMT',
      'Content-type': 'text/html; charset=utf-8',
      'Content-Length': '430',
    });
  });

  it('redirects directories without a slash, serves files, and 404s', async () => {
    const { get, err } = setup();
    expect(await get('/sub')).toMatchObject({
      status: 301,
      headers: { Location: '/sub/', 'Content-Length': '0' },
    });
    const f = await get('/a.txt');
    expect(f).toMatchObject({
      status: 200,
      body: 'hello\n',
      headers: { 'Content-type': 'text/plain', 'Content-Length': '6' },
    });
    const nf = await get('/nope');
    expect(nf.status).toBe(404);
    expect(nf.reason).toBe('File not found');
    expect(nf.body).toContain('<p>Error code explanation: 404 - Nothing matches the given URI.</p>');
    expect(err.drain()).toBe(
      [
        '172.17.0.1 - - [27/Nov/2026 21:21:03] "GET /sub HTTP/1.1" 301 -',
        '172.17.0.1 - - [27/Nov/2026 21:21:03] "GET /a.txt HTTP/1.1" 200 -',
        '172.17.0.1 - - [27/Nov/2026 21:21:03] code 404, message File not found',
        '172.17.0.1 - - [27/Nov/2026 21:21:03] "GET /nope HTTP/1.1" 404 -',
        '',
      ].join('\n'),
    );
  });

  it('keeps its banner in the stdout buffer (docker logs of a detached server is empty, transcripts 06/14)', async () => {
    const { m, proc, out } = setup();
    await m.drive(proc, 5000);
    expect(out.drain()).toBe('');
    // PID 1 without a SIGTERM handler: docker stop's SIGTERM changes nothing
    m.kernel.signal(proc, SIGTERM);
    await m.drive(proc, 1000);
    expect(proc.alive).toBe(true);
  });

  it('prints the banner at once with PYTHONUNBUFFERED (transcript 14)', async () => {
    const { m, proc, out } = setup({ PYTHONUNBUFFERED: '1' });
    await m.drive(proc, 100);
    expect(out.drain()).toBe('Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n');
  });

  it('exits 0 on SIGINT with its message, and stops listening', async () => {
    const { m, proc, out, network, ep } = setup();
    await m.drive(proc, 100);
    m.kernel.signal(proc, SIGINT);
    await m.drive(proc);
    expect(await proc.exited).toMatchObject({ code: 0 });
    expect(out.drain()).toBe(
      'Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n\nKeyboard interrupt received, exiting.\n',
    );
    expect(network.connect(network.hostNetns, ep.ip, 8000)).toBe('ECONNREFUSED');
  });

  it('reports a bad port as argparse does, and a busy port with the OSError traceback', async () => {
    const bad = setup({}, ['python3', '-m', 'http.server', 'abc']);
    await bad.m.drive(bad.proc);
    expect(await bad.proc.exited).toMatchObject({ code: 2 });
    expect(bad.err.drain()).toBe(
      "usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\nserver.py: error: argument port: invalid int value: 'abc'\n",
    );

    const busy = setup();
    await busy.m.drive(busy.proc, 100);
    const err = new Pipe();
    const second = busy.m.spawn(
      ['python3', '-m', 'http.server', '8000'],
      { cwd: '/srv', parent: busy.proc },
      new Pipe(),
      err,
    );
    await busy.m.drive(second);
    expect(await second.exited).toMatchObject({ code: 1 });
    // as CPython 3.13 prints it (recorded, stdlib path as in the image)
    expect(err.drain()).toBe(
      [
        'Traceback (most recent call last):',
        '  File "<frozen runpy>", line 198, in _run_module_as_main',
        '  File "<frozen runpy>", line 88, in _run_code',
        '  File "/usr/local/lib/python3.13/http/server.py", line 1320, in <module>',
        '    test(',
        '    ~~~~^',
        '        HandlerClass=handler_class,',
        '        ^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '    ...<3 lines>...',
        '        protocol=args.protocol,',
        '        ^^^^^^^^^^^^^^^^^^^^^^^',
        '    )',
        '    ^',
        '  File "/usr/local/lib/python3.13/http/server.py", line 1267, in test',
        '    with ServerClass(addr, HandlerClass) as httpd:',
        '         ~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^',
        '  File "/usr/local/lib/python3.13/socketserver.py", line 457, in __init__',
        '    self.server_bind()',
        '    ~~~~~~~~~~~~~~~~^^',
        '  File "/usr/local/lib/python3.13/http/server.py", line 1314, in server_bind',
        '    return super().server_bind()',
        '           ~~~~~~~~~~~~~~~~~~~^^',
        '  File "/usr/local/lib/python3.13/http/server.py", line 136, in server_bind',
        '    socketserver.TCPServer.server_bind(self)',
        '    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^',
        '  File "/usr/local/lib/python3.13/socketserver.py", line 473, in server_bind',
        '    self.socket.bind(self.server_address)',
        '    ~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^',
        'OSError: [Errno 98] Address already in use',
        '',
      ].join('\n'),
    );
  });
});
