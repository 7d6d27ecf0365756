// Transcript 21: docker version, docker info, docker system df, docker events for one run.
// The recording's client was 28.2.2 and its engine 20.10.24 on a cgroup v1 VM; the laptop
// runs docker-ce 28.5.2 on Ubuntu 24.04 (cgroup v2, systemd), so the values are the
// laptop's while the layout — labels, their order, indentation, alignment — is Docker's.
import { beforeAll, describe, expect, it } from 'vitest';
import { transcript, withImages } from './containers-golden';
import { Laptop } from './containers-world';
import { normalize } from './normalize';

const steps = transcript('21-system-version-info-df-events.txt');
const recorded = (cmd: string) => steps.find((s) => s.command === cmd)!;
const lines = (t: string) => t.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
/** "  Version:          28.5.2" → "  Version:" (the label and its indentation). */
const label = (l: string) => /^(\s*[^:]*:)/.exec(l)?.[1] ?? l;

describe('transcript 21: system version, info, df, events', () => {
  let laptop: Laptop;
  beforeAll(async () => {
    laptop = new Laptop();
    await withImages(laptop, ['python:3.13-slim']);
  }, 120_000);

  it('1. docker version: the same sections and labels, the laptop engine 28.5.2 behind the 28.5.2 client', async () => {
    const r = await laptop.docker('docker version');
    expect(r.code).toBe(0);
    const got = lines(r.io.out);
    const want = lines(recorded('docker version').output);
    // the client 28.5.2 speaks API 1.51 to an engine of the same version: nothing is downgraded
    expect(got.map(label)).toEqual(want.map(label));
    expect(got[0]).toBe('Client: Docker Engine - Community');
    expect(got).toContain(' API version:       1.51');
    expect(got).toContain('Server: Docker Engine - Community');
    expect(got).toContain('  API version:      1.51 (minimum version 1.24)');
    expect(got).toContain('  Version:          28.5.2');
    expect(got.slice(-2)).toEqual(['  Version:          0.19.0', '  GitCommit:        de40ad0']);
    // values start in column 20, as the tabwriter aligned the recording's
    for (const [g, w] of got.map((l, i) => [l, want[i]]))
      if (w.includes(':  ')) expect(g.indexOf(g.trim().split(/\s+/).slice(-1)[0])).toBeGreaterThan(0);
  });

  it("2. docker version --format '{{.Server.Version}}'", async () => {
    const r = await laptop.docker("docker version --format '{{.Server.Version}}'");
    expect([r.io.all, r.code]).toEqual(['28.5.2\n', 0]);
  });

  it('3. docker --version', async () => {
    const r = await laptop.docker('docker --version');
    expect([r.io.all, r.code]).toEqual(['Docker version 28.5.2, build ecc6942\n', 0]);
  });

  it("4. docker info: the recording's labels in order, the laptop's values", async () => {
    await laptop.docker('docker run --name t1 python:3.13-slim sh -c "echo hi > /tmp/x"');
    const r = await laptop.docker('docker info');
    expect(r.code).toBe(0);
    expect(r.io.err).toBe('');
    const got = lines(r.io.out);
    // the recording's client had no CLI plugins; the laptop's docker-ce lists buildx and compose
    const server = got.indexOf('Server:');
    const clientPart = got
      .slice(0, server)
      .filter((l) => !/^ {1,4}\S/.test(l) || /^ (Version|Context|Debug Mode):/.test(l));
    // the labels both daemons print, in the same order (28 adds "Using metacopy"; the recording's
    // registry mirror and the laptop's CDI directories are each machine's own configuration)
    const common = (ls: string[], other: string[]) =>
      ls.map(label).filter((l) => other.map(label).includes(l) && !/^\s{2,}\S/.test(l));
    const want = lines(recorded('docker info').output);
    const ours = [...clientPart, ...got.slice(server)];
    expect(common(ours, want)).toEqual(common(want, ours));
    for (const fact of [
      ' Containers: 1',
      '  Running: 0',
      '  Stopped: 1',
      ' Images: 1',
      ' Server Version: 28.5.2',
      ' Storage Driver: overlay2',
      '  Backing Filesystem: extfs',
      ' Cgroup Driver: systemd',
      ' Cgroup Version: 2',
      ' Kernel Version: 6.8.0-49-generic',
      ' Operating System: Ubuntu 24.04.1 LTS',
      ' OSType: linux',
      ' Architecture: x86_64',
      ' CPUs: 2',
      ' Total Memory: 7.667GiB',
      ' Name: laptop',
      ' Docker Root Dir: /var/lib/docker',
      ' Live Restore Enabled: false',
    ])
      expect(got).toContain(fact);
    expect(got[got.length - 1]).toBe('');
  });

  it("5. docker info --format '{{.Containers}} containers, {{.Images}} images, driver {{.Driver}}'", async () => {
    const r = await laptop.docker(
      "docker info --format '{{.Containers}} containers, {{.Images}} images, driver {{.Driver}}'",
    );
    expect([r.io.all, r.code]).toEqual(['1 containers, 1 images, driver overlay2\n', 0]);
  });

  it('6. docker system df: four rows; the exited container is reclaimable', async () => {
    const r = await laptop.docker('docker system df');
    expect(r.code).toBe(0);
    const got = lines(normalize(r.io.out, { sizes: true }));
    expect(got[0]).toBe(lines(normalize(recorded('docker system df').output))[0]);
    expect(got.slice(1).map((l) => l.split('  ').slice(0, 3))).toEqual([
      ['Images', '1', '1'],
      ['Containers', '1', '0'],
      ['Local Volumes', '0', '0'],
      ['Build Cache', '0', '0'],
    ]);
    expect(r.io.out).toMatch(/^Containers +1 +0 +(\d+)B +\1B \(100%\)$/m);
  });

  it('7. docker system df -v: the sections and headers of the recording', async () => {
    const r = await laptop.docker('docker system df -v');
    expect(r.code).toBe(0);
    const heads = (t: string) =>
      lines(normalize(t)).filter((l) =>
        /(usage|USAGE|^REPOSITORY|^CONTAINER ID|^VOLUME NAME|^CACHE ID)/.test(l),
      );
    expect(heads(r.io.out)).toEqual(heads(recorded('docker system df -v').output));
    expect(r.io.out).toMatch(/^python +3\.13-slim +[0-9a-f]{12} /m);
    expect(r.io.out).toMatch(/^[0-9a-f]{12} +python:3\.13-slim +"sh -c 'echo hi > \/t…" +0 +\d+B /m);
  });

  it('8-11. a run and rm, then docker events --since/--until around them', async () => {
    // a quiet moment first: the window must hold only this run's events
    await laptop.pause(5000);
    const start = laptop.world.clock.now();
    const run = await laptop.docker('docker run --name evdemo python:3.13-slim echo event-demo');
    expect([run.io.all, run.code]).toEqual(['event-demo\n', 0]);
    const rm = await laptop.docker('docker rm evdemo');
    expect([rm.io.all, rm.code]).toEqual(['evdemo\n', 0]);
    await laptop.pause(1500);
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
    const since = iso(start);
    const until = iso(laptop.world.clock.now() - 500);
    const r = await laptop.docker(`docker events --since ${since} --until ${until}`);
    expect(r.code).toBe(0);
    // Docker 23+ adds execDuration to die; the recording's engine 20.10 did not. Its daemon
    // ran with --bridge=none (README): with the default bridge the endpoint joins between
    // attach and start and leaves, in the exit's Cleanup, before die (container_operations.go)
    const bridge = (action: string) =>
      `<TIME> network ${action} <ID64> (container=<ID64>, name=bridge, type=bridge)\n`;
    const want = normalize(
      recorded('docker events --since 2026-11-27T21:21:15 --until 2026-11-27T21:21:17').output,
    )
      .replace('(exitCode=0,', '(execDuration=0, exitCode=0,')
      .replace(/^(<TIME> container start )/m, `${bridge('connect')}$1`)
      .replace(/^(<TIME> container die )/m, `${bridge('disconnect')}$1`);
    expect(normalize(r.io.out)).toBe(want);
    const f = await laptop.docker(
      `docker events --since ${since} --until ${until} --filter container=evdemo --format '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}'`,
    );
    const wantF = recorded(
      "docker events --since 2026-11-27T21:21:15 --until 2026-11-27T21:21:17 --filter container=evdemo --format '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}'",
    );
    expect([f.io.out, f.code]).toEqual([wantF.output, 0]);
  });
});
