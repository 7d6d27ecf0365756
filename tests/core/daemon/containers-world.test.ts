// The World's wiring of the container side: one kernel for the laptop and
// the containers, the laptop's disk and Sys, the outside world behind the
// network stack, volumes, the program table, and the Engine's request log.
import { describe, expect, it } from 'vitest';
import { Pipe } from '../../../src/core/kernel/stream';
import { resolveExec } from '../../../src/core/userland/exec';
import { createWorld, type World } from '../../../src/core/world';
import { api, drive, runAttached, runDetached, worldWith } from './containers-harness';

/** Run a laptop program as the student (uid 1000) to its end. */
async function onLaptop(w: World, argv: string[]): Promise<{ out: string; code: number }> {
  const env = { PATH: '/usr/bin:/bin', HOME: '/home/student' };
  const t = resolveExec(w.host.fs.as({ uid: 1000, gid: 1000, cwd: '/home/student' }), argv, env, w.programs);
  if ('kind' in t) throw new Error(t.message);
  const out = new Pipe();
  const p = w.kernel.spawn({
    program: t.program.run,
    argv: t.argv,
    env,
    cwd: '/home/student',
    uid: 1000,
    gid: 1000,
    ns: w.host,
    stdout: out,
    stderr: out,
  });
  if (p === 'EAGAIN') throw new Error('EAGAIN');
  const st = await drive(w, p.exited);
  return { out: out.drain(), code: st.code };
}

describe('World', () => {
  it('has a kernel, networks, volumes, programs and a daemon; the laptop is a Sys of its own', async () => {
    const w = createWorld({ seed: 3 });
    expect(w.network.networks.map((n) => n.name)).toEqual(['bridge', 'host', 'none']);
    expect(w.network.outside.size).toBeGreaterThan(0);
    expect(w.programs.get('python3.13')).toBeDefined();
    expect(w.programs.get('docker-init')).toBeDefined();
    expect(w.volumes.list()).toEqual([]);
    expect(w.daemon.all()).toEqual([]);
    // a program on the laptop: root PID namespace, the student's files
    const fs = w.host.fs.as({ uid: 1000, gid: 1000, cwd: '/home/student' });
    const t = resolveExec(fs, ['ls'], { PATH: '/usr/bin:/bin' }, w.programs);
    if ('kind' in t) throw new Error(t.message);
    const out = new Pipe();
    const p = w.kernel.spawn({
      program: t.program.run,
      argv: t.argv,
      env: { PATH: '/usr/bin:/bin' },
      cwd: '/home/student',
      uid: 1000,
      gid: 1000,
      ns: w.host,
      stdout: out,
      stderr: out,
    });
    if (p === 'EAGAIN') throw new Error('EAGAIN');
    await drive(w, p.exited);
    expect(out.drain()).toContain('chatbot.py');
    expect(p.pidns).toBe(w.kernel.root);
    expect(p.pid).toBeGreaterThan(1000);
  });

  it('the request log has every call with its answer', async () => {
    const w = await worldWith(['python:3.13-slim']);
    const { id } = await runAttached(w, { Image: 'python:3.13-slim', Cmd: ['true'] }, 'logged');
    await api(w, 'GET', '/containers/nosuch/json');
    const log = w.engine.log.entries().map((e) => `${e.method} ${e.path} → ${e.status}`);
    expect(log).toEqual([
      'POST /v1.51/containers/create → 201',
      `POST /v1.51/containers/${id}/attach → 200`,
      `POST /v1.51/containers/${id}/start → 204`,
      // the wait answers when the container exits (logged then); this one was sent without the version prefix
      `POST /containers/${id}/wait → 200`,
      'GET /v1.51/containers/nosuch/json → 404',
    ]);
    expect(w.engine.log.entries()[2]).toMatchObject({ kind: 'json', query: {} });
    expect(w.engine.log.entries()[1].kind).toBe('conn');
  });

  it('containers on the bridge reach each other and the outside world; --network none does not', async () => {
    const w = await worldWith(['python:3.13']);
    const srv = await runDetached(
      w,
      { Image: 'python:3.13', Cmd: ['python3', '-m', 'http.server', '8000'] },
      'srv',
    );
    const ip = w.daemon.get(srv);
    expect(ip.ok && ip.value.rec.Network?.IPAddress).toBe('172.17.0.2');
    const ok = await runAttached(w, {
      Image: 'python:3.13',
      Cmd: ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://172.17.0.2:8000/'],
    });
    expect(ok.out).toBe('200');
    const pypi = await runAttached(w, {
      Image: 'python:3.13',
      Cmd: ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'https://pypi.org/simple/requests/'],
    });
    expect(pypi.out).toBe('200');
    const none = await runAttached(w, {
      Image: 'python:3.13',
      Cmd: ['curl', '-sS', 'https://pypi.org/simple/'],
      HostConfig: { NetworkMode: 'none' },
    });
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('Could not resolve host');
  });

  it('the laptop has /proc and /dev, and reaches a published port on localhost', async () => {
    const w = await worldWith(['python:3.13']);
    expect((await onLaptop(w, ['cat', '/proc/meminfo'])).out).toMatch(/^MemTotal: +\d+ kB\n/);
    expect((await onLaptop(w, ['ls', '/dev'])).out.split('\n')).toEqual(
      expect.arrayContaining(['null', 'zero', 'urandom', 'shm']),
    );
    await runDetached(w, {
      Image: 'python:3.13',
      Cmd: ['python3', '-m', 'http.server', '8000'],
      ExposedPorts: { '8000/tcp': {} },
      HostConfig: { PortBindings: { '8000/tcp': [{ HostIp: '', HostPort: '8080' }] } },
    });
    const r = await onLaptop(w, [
      'curl',
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      'http://localhost:8080/',
    ]);
    expect(r.out).toBe('200');
    const refused = await onLaptop(w, ['curl', '-sS', 'http://localhost:8000/']);
    expect(refused.code).toBe(7);
  });
});
