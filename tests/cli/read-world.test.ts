// The read-side commands against the simulated laptop's daemon (createWorld): what
// the student sees when the CLI and the daemon meet — stats redrawn on the world's
// clock, cp both ways, commit then run, volumes, networks, prune prompts, events,
// search, login/logout with ~/.docker/config.json, inspect templates.
import { beforeAll, describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import { sleep, type VirtualClock } from '../../src/core/clock';
import { runDocker } from '../../src/cli/docker';
import { captureIO } from './engine-replay';
import { withImages } from './containers-golden';

let laptop: Laptop;
beforeAll(async () => {
  laptop = new Laptop();
  await withImages(laptop, ['python:3.13-slim', 'alpine']);
}, 120_000);

const out = async (line: string, opts: Parameters<Laptop['docker']>[1] = {}) => {
  const r = await laptop.docker(line, opts);
  return { out: r.io.out, err: r.io.err, all: r.io.all, code: r.code };
};

describe('docker stats on the laptop', () => {
  it('--no-stream: one table after the collector has two samples; LIMIT is memory.max or MemTotal', async () => {
    await out('docker run -d --name limited -m 64m python:3.13-slim python3 -m http.server');
    await out('docker run -d --name free python:3.13-slim sleep 600');
    const t0 = laptop.world.clock.now();
    const r = await out('docker stats --no-stream limited free');
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n');
    expect(rows[0]).toMatch(
      /^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +NET I\/O +BLOCK I\/O +PIDS$/,
    );
    expect(rows[1]).toMatch(
      /^[0-9a-f]{12} +limited +\d+\.\d\d% +[\d.]+[KM]iB \/ 64MiB +\d+\.\d\d% +0B \/ 0B +0B \/ 0B +1$/,
    );
    expect(rows[2]).toMatch(
      /^[0-9a-f]{12} +free +\d+\.\d\d% +[\d.]+[KM]iB \/ 7\.667GiB +\d+\.\d\d% +0B \/ 0B +0B \/ 0B +1$/,
    );
    // stream=0 waits for the second collector tick, then the CLI's first 500 ms tick
    const took = laptop.world.clock.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(took).toBeLessThanOrEqual(2500);
  });

  it('live on a terminal: a frame every 500 ms of the world clock; named containers need three Ctrl-C (docker/cli#6090)', async () => {
    const clock = laptop.world.clock as VirtualClock;
    const io = captureIO({ tty: true, columns: 120 });
    io.now = () => clock.now();
    io.sleep = (ms) => sleep(clock, ms);
    const listeners = new Set<() => void>();
    io.interrupt = {
      interrupted: false,
      onInterrupt: (cb) => (listeners.add(cb), () => listeners.delete(cb)),
    };
    let code: number | undefined;
    const p = runDocker(['stats', 'limited'], io, laptop.world.engine).then((c) => (code = c));
    const frameTimes: number[] = [];
    let presses = 0;
    while (code === undefined) {
      for (let i = 0; i < 20 && code === undefined; i++) await new Promise((r) => setImmediate(r));
      const frames = io.all.split('\x1b[H').length - 1;
      while (frameTimes.length < frames) frameTimes.push(clock.now());
      // Ctrl-C after three redraws (each table is drawn twice), then after each further one
      if (code === undefined && frames >= 6 + presses * 2 && presses < 3) {
        presses++;
        for (const l of [...listeners]) l();
        continue;
      }
      if (code === undefined) clock.runNext();
    }
    await p;
    expect(presses).toBe(3);
    expect(code).toBe(1);
    expect(io.err.endsWith('\ngot 3 SIGTERM/SIGINTs, forcefully exiting\n')).toBe(true);
    const frames = io.out.split('\x1b[H').slice(1);
    expect(frames[0]).toMatch(
      /^CONTAINER ID +NAME +CPU %.*\n[0-9a-f]{12} +limited +\d+\.\d\d% +[\d.]+[KM]iB \/ 64MiB/,
    );
    // the copy with erase-to-end-of-line that follows every table
    expect(frames[1].endsWith(' \x1b[K\n \x1b[K\n\x1b[J')).toBe(true);
    // redraws every 500 ms of the world's clock
    expect(frameTimes[2] - frameTimes[0]).toBe(500);
    // after the first Ctrl-C the requests are cancelled: every cell turns to --
    expect(frames[frames.length - 1]).toMatch(/limited +-- +-- \/ -- +-- +-- +-- +--/);
  });
});

describe('docker cp through the daemon', () => {
  it('host -> container -> host keeps contents and modes; a terminal gets the "Successfully copied" line', async () => {
    laptop.fs.mkdir('/tmp/demo/site', { recursive: true });
    laptop.fs.writeFile('/tmp/demo/site/index.html', '<h1>hello</h1>\n');
    laptop.fs.writeFile('/tmp/demo/site/run.sh', '#!/bin/sh\necho run\n', { mode: 0o755 });
    await out('docker run -d --name box alpine sleep 600');
    const put = await out('docker cp site box:/srv', { tty: true });
    expect(put).toMatchObject({ code: 0 });
    // a tar of the directory and its two files: 3 headers, 2 data blocks, the end blocks
    expect(put.all).toBe('Successfully copied 3.58kB to box:/srv\n');
    // alpine has /srv: the directory goes inside it
    const cat = await out('docker exec box cat /srv/site/index.html');
    expect(cat.out).toBe('<h1>hello</h1>\n');
    const back = await out('docker cp box:/srv /tmp/demo/copy');
    expect(back).toMatchObject({ code: 0, all: '' });
    expect(laptop.fs.readFile('/tmp/demo/copy/site/index.html')).toBe('<h1>hello</h1>\n');
    const st = laptop.fs.stat('/tmp/demo/copy/site/run.sh');
    expect('mode' in st && st.mode).toBe(0o755);
    const missing = await out('docker cp box:/nope /tmp/demo');
    expect([missing.err, missing.code]).toEqual([
      'Error response from daemon: Could not find the file /nope in container box\n',
      1,
    ]);
    const diff = await out('docker diff box');
    expect(diff.out.split('\n')).toEqual(
      expect.arrayContaining(['C /srv', 'A /srv/site', 'A /srv/site/index.html', 'A /srv/site/run.sh']),
    );
  });
});

describe('commit, then the new image', () => {
  it("commit prints sha256:ID; the image runs with the container's change; history shows the command", async () => {
    await out("docker run --name builder alpine sh -c 'echo built > /built.txt'");
    const c = await out('docker commit -m "add built.txt" builder mine:v1');
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const run = await out('docker run --rm mine:v1 cat /built.txt');
    expect(run.out).toBe('built\n');
    const h = await out("docker history --format '{{.CreatedBy}}|{{.Comment}}' mine:v1");
    expect(h.out.split('\n')[0]).toBe('sh -c echo built > /built.txt|add built.txt');
    const imgs = await out("docker images mine --format '{{.Repository}}:{{.Tag}} {{.ID}}'");
    expect(imgs.out).toBe(`mine:v1 ${c.out.slice(7, 19)}\n`);
  });
});

describe('volumes, networks, prune, events', () => {
  it('volume create/ls/inspect/rm and prune', async () => {
    expect((await out('docker volume create data2')).out).toBe('data2\n');
    expect((await out('docker volume create data10')).out).toBe('data10\n');
    const ls = await out('docker volume ls');
    expect(ls.out).toBe('DRIVER    VOLUME NAME\nlocal     data2\nlocal     data10\n');
    const insp = await out("docker volume inspect -f '{{.Mountpoint}} {{.Driver}}' data2");
    expect(insp.out).toBe('/var/lib/docker/volumes/data2/_data local\n');
    const rm = await out('docker volume rm data10 nosuch');
    expect([rm.out, rm.err, rm.code]).toEqual([
      'data10\n',
      'Error response from daemon: get nosuch: no such volume\n',
      1,
    ]);
    const prune = await out('docker volume prune -a -f');
    expect(prune.out).toMatch(/^Deleted Volumes:\ndata2\n\nTotal reclaimed space: 0B\n$/);
  });

  it('network ls and inspect show the defaults and who is on the bridge', async () => {
    const ls = await out('docker network ls');
    const rows = ls.out.trimEnd().split('\n');
    expect(rows[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE');
    expect(rows.slice(1).map((r) => r.split(/ +/).slice(1))).toEqual([
      ['bridge', 'bridge', 'local'],
      ['host', 'host', 'local'],
      ['none', 'null', 'local'],
    ]);
    const names = await out("docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' bridge");
    expect(names.out.trim().split(' ').sort()).toEqual(['box', 'free', 'limited']);
  });

  it('container prune asks first; y removes the stopped ones', async () => {
    const no = await out('docker container prune', { input: ['n'] });
    expect([no.out, no.code]).toEqual([
      'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ',
      0,
    ]);
    const yes = await out('docker container prune', { input: ['y'] });
    expect(yes.out).toMatch(
      /Deleted Containers:\n(?:[0-9a-f]{64}\n)+\nTotal reclaimed space: \d+(\.\d+)?k?B\n$/,
    );
    const left = await out("docker ps -a --format '{{.Names}}'");
    expect(left.out.split('\n').filter(Boolean).sort()).toEqual(['box', 'free', 'limited']);
  });

  it('events --since/--until replays a stop as the daemon logged it', async () => {
    await laptop.pause(3000);
    const t = laptop.world.clock.now();
    await out('docker stop -t 0 free');
    await laptop.pause(2000);
    const since = Math.floor(t / 1000);
    const r = await out(
      `docker events --since ${since} --until ${since + 2} --format '{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.signal}}'`,
    );
    // SIGTERM, then at once (-t 0) SIGKILL: sleep as PID 1 ignores the first; the exit's
    // Cleanup releases the bridge endpoint before the die event (daemon/monitor.go)
    expect(r.out).toBe(
      'container kill free 15\ncontainer kill free 9\nnetwork disconnect bridge <no value>\ncontainer die free <no value>\ncontainer stop free <no value>\n',
    );
  });
});

describe('docker events, live', () => {
  it('prints events as they happen until Ctrl-C (exit 130)', async () => {
    const clock = laptop.world.clock as VirtualClock;
    const io = captureIO({});
    io.now = () => clock.now();
    const listeners = new Set<() => void>();
    io.interrupt = {
      interrupted: false,
      onInterrupt: (cb) => (listeners.add(cb), () => listeners.delete(cb)),
    };
    let code: number | undefined;
    const p = runDocker(['events', '--filter', 'type=volume'], io, laptop.world.engine).then(
      (c) => (code = c),
    );
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(io.out).toBe('');
    await laptop.world.engine.request({
      method: 'POST',
      path: '/volumes/create',
      body: { Name: 'live-vol' },
    });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(io.out).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z volume create live-vol \(driver=local\)\n$/,
    );
    for (const l of [...listeners]) l();
    await p;
    expect(code).toBe(130);
  });
});

describe('search and login', () => {
  it('search lists the catalog with Hub descriptions, 45 columns wide', async () => {
    const r = await out('docker search --limit 3 python');
    const rows = r.out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAME +DESCRIPTION +STARS +OFFICIAL$/);
    expect(rows[1]).toMatch(/^python +Python is an interpreted, interactive, objec… +\d+ +\[OK\]$/);
  });

  it('login stores base64 credentials in ~/.docker/config.json; info shows the user; logout erases', async () => {
    const r = await out('docker login -u student -p s3cret');
    expect(r.out).toBe('Login Succeeded\n');
    expect(r.err).toContain(
      "WARNING! Your credentials are stored unencrypted in '/home/student/.docker/config.json'.",
    );
    const cfg = JSON.parse(laptop.world.hostFs.readFile('/home/student/.docker/config.json') as string);
    expect(cfg.auths['https://index.docker.io/v1/'].auth).toBe(
      Buffer.from('student:s3cret').toString('base64'),
    );
    expect((await out('docker info')).out).toContain(' Username: student\n');
    const lo = await out('docker logout');
    expect(lo.out).toBe('Removing login credentials for https://index.docker.io/v1/\n');
    expect((await out('docker info')).out).not.toContain('Username');
    const tty = await out('docker login', { input: [] });
    expect([tty.err, tty.code]).toEqual([
      'Error: Cannot perform an interactive login from a non TTY device\n',
      1,
    ]);
  });
});
