// The container commands against the simulated daemon, one behaviour per case: what
// create records (read back with inspect), ports, lifecycle commands and their errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import { withImages } from './containers-golden';

let l: Laptop;
beforeAll(async () => {
  l = new Laptop();
  await withImages(l, ['python:3.13', 'nginx']);
}, 120_000);

let n = 0;
const fresh = () => `c${++n}`;
const inspect = async (format: string, name: string) =>
  (await l.run(['inspect', '-f', format, name])).io.out.trim();

describe('create records what the flags ask for', () => {
  it.each([
    [['-w', '/srv/app'], '{{.Config.WorkingDir}}', '/srv/app'],
    [['--entrypoint', 'sh'], '{{json .Config.Entrypoint}}', '["sh"]'],
    [['-u', '1000:1000'], '{{.Config.User}}', '1000:1000'],
    [['--hostname', 'myhost'], '{{.Config.Hostname}}', 'myhost'],
    [['-l', 'demo=prune', '--label', 'tier=web'], '{{json .Config.Labels}}', '{"demo":"prune","tier":"web"}'],
    [
      ['--stop-timeout', '3', '--stop-signal', 'SIGQUIT'],
      '{{.Config.StopTimeout}} {{.Config.StopSignal}}',
      '3 SIGQUIT',
    ],
    [['-m', '64m'], '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}', '67108864 134217728'],
    [['-m', '64m', '--memory-swap', '-1'], '{{.HostConfig.MemorySwap}}', '-1'],
    [['--cpus', '1.5'], '{{.HostConfig.NanoCpus}}', '1500000000'],
    [['--pids-limit', '10'], '{{.HostConfig.PidsLimit}}', '10'],
    [['--network', 'none'], '{{.HostConfig.NetworkMode}}', 'none'],
    [['--pid', 'host'], '{{.HostConfig.PidMode}}', 'host'],
    [['--read-only'], '{{.HostConfig.ReadonlyRootfs}}', 'true'],
    [['--init'], '{{.HostConfig.Init}}', 'true'],
    [
      ['--restart', 'on-failure:2'],
      '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}',
      'on-failure:2',
    ],
    [['--restart', 'unless-stopped'], '{{.HostConfig.RestartPolicy.Name}}', 'unless-stopped'],
    [['-e', 'A=1', '-e', 'A=2'], '{{index .Config.Env 0}}', 'A=2'],
    [['-p', '8080:80'], '{{json .HostConfig.PortBindings}}', '{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}'],
    [
      ['-p', '127.0.0.1:8081:80'],
      '{{json .HostConfig.PortBindings}}',
      '{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8081"}]}',
    ],
    [['-p', '53:53/udp'], '{{json .HostConfig.PortBindings}}', '{"53/udp":[{"HostIp":"","HostPort":"53"}]}'],
    [['-v', '/scratch'], '{{json .Config.Volumes}}', '{"/scratch":{}}'],
  ])('%j -> %s', async (flags, format, want) => {
    const name = fresh();
    const r = await l.run(['create', '--name', name, ...flags, 'python:3.13']);
    expect(r.io.err).toBe('');
    expect(r.io.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await inspect(format, name)).toBe(want);
  });

  it.each([
    [['-p', 'abc'], 'invalid containerPort: abc'],
    [['-p', '8080:80/xyz'], 'invalid proto: xyz'],
    [['-p', '1.2.3:80:80'], 'invalid IP address: 1.2.3'],
    [['-p', '80-81:90-92'], 'invalid ranges specified for container and host Ports: 90-92 and 80-81'],
    [['--restart', 'always', '--rm'], 'conflicting options: cannot specify both --restart and --rm'],
    [['--restart', ':3'], 'invalid restart policy format: no policy provided before colon'],
    [['--env-file', 'missing.env'], 'open missing.env: no such file or directory'],
    [
      ['--pull', 'sometimes'],
      `invalid pull option: 'sometimes': must be one of "always", "missing" or "never"`,
    ],
    [['-v', '/a:/b:ro:x'], 'invalid spec: /a:/b:ro:x: too many colons'],
    [['--pid', 'nope'], '--pid: invalid PID mode'],
  ])('%j is refused: %s', async (flags, message) => {
    const r = await l.run(['run', ...flags, 'python:3.13', 'true']);
    expect(r.io.err).toBe(`docker: ${message}\n\nRun 'docker run --help' for more information\n`);
    expect(r.code).toBe(125);
  });

  it.each([
    ['type=bind,src=/tmp', 'target is required'],
    ['type=tmpfs,dst=/x,volume-nocopy', "cannot mix 'volume-*' options with mount type 'tmpfs'"],
    ['target=/m,bogus=1', "unexpected key 'bogus' in 'bogus=1'"],
  ])('--mount %s is refused by MountOpt.Set, a flag error: %s', async (value, message) => {
    const r = await l.run(['run', '--mount', value, 'python:3.13', 'true']);
    expect(r.io.err).toBe(
      `invalid argument ${JSON.stringify(value)} for "--mount" flag: ${message}\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n`,
    );
    expect(r.code).toBe(125);
  });

  it('flag value errors are usage errors (exit 125, Usage: trailer)', async () => {
    const r = await l.run(['run', '-m', '1x', 'python:3.13']);
    expect(r.io.err).toBe(
      `invalid argument "1x" for "-m, --memory" flag: invalid suffix: 'x'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n`,
    );
    expect(r.code).toBe(125);
  });

  it('a relative bind source is made absolute against the working directory', async () => {
    const name = fresh();
    l.fs.mkdir('data');
    await l.run([
      'create',
      '--name',
      name,
      '-v',
      './data:/data',
      '--mount',
      'type=bind,src=./data,dst=/m',
      'python:3.13',
    ]);
    expect(await inspect('{{json .HostConfig.Binds}}', name)).toBe('["/tmp/demo/data:/data"]');
    expect(await inspect('{{(index .HostConfig.Mounts 0).Source}}', name)).toBe('/tmp/demo/data');
  });

  it('--env-file reads the laptop file; NAME alone takes the client value or is dropped', async () => {
    const name = fresh();
    l.fs.writeFile('app.env', '# settings\nMODE=dev\nTOKEN\nNOPE\n');
    await l.run(['create', '--name', name, '--env-file', 'app.env', 'python:3.13'], {
      env: { TOKEN: 's3cret' },
    });
    expect(
      await inspect('{{index .Config.Env 0}} {{index .Config.Env 1}} {{index .Config.Env 2}}', name),
    ).toMatch(/^MODE=dev TOKEN=s3cret PATH=/);
  });
});

describe('lifecycle', () => {
  it('create, start (prints the name), wait (prints the exit code)', async () => {
    const name = fresh();
    await l.run(['create', '--name', name, 'python:3.13', 'sh', '-c', 'exit 4']);
    expect((await l.run(['start', name])).io.out).toBe(`${name}\n`);
    const w = await l.run(['wait', name]);
    expect(w.io.out).toBe('4\n');
    expect(w.code).toBe(0);
  });

  it('pause and unpause; a paused container refuses exec; unpause of a running one is an error', async () => {
    const name = fresh();
    await l.run(['run', '-d', '--name', name, 'python:3.13', 'sleep', '300']);
    expect((await l.run(['pause', name])).io.out).toBe(`${name}\n`);
    expect(await inspect('{{.State.Status}}', name)).toBe('paused');
    const id = await inspect('{{.Id}}', name);
    // getActiveContainer names the container as typed
    const e = await l.run(['exec', name, 'ls']);
    expect(e.io.err).toBe(
      `Error response from daemon: Container ${name} is paused, unpause the container before exec\n`,
    );
    expect((await l.run(['unpause', name])).io.out).toBe(`${name}\n`);
    const again = await l.run(['unpause', name]);
    expect(again.io.err).toBe(`Error response from daemon: Container ${id} is not paused\n`);
    expect(again.code).toBe(1);
  });

  it('rename; the old name is free afterwards, a taken one is refused', async () => {
    const a = fresh();
    const b = fresh();
    await l.run(['create', '--name', a, 'python:3.13']);
    await l.run(['create', '--name', b, 'python:3.13']);
    expect((await l.run(['rename', a, `${a}-new`])).code).toBe(0);
    expect(await inspect('{{.Name}}', `${a}-new`)).toBe(`/${a}-new`);
    const clash = await l.run(['rename', `${a}-new`, b]);
    expect(clash.io.err).toMatch(
      new RegExp(
        `^Error response from daemon: .*The container name "/${b}" is already in use by container "[0-9a-f]{64}".*\\nError: failed to rename container named ${a}-new\\n$`,
      ),
    );
    expect(clash.code).toBe(1);
  });

  it('restart of an exited container runs it again', async () => {
    const name = fresh();
    await l.run(['run', '--name', name, 'python:3.13', 'echo', 'ran']);
    expect((await l.run(['restart', name])).io.out).toBe(`${name}\n`);
    await l.run(['wait', name]);
    expect((await l.run(['logs', name])).io.out).toBe('ran\nran\n');
  });

  it('stop of several containers waits one grace period, not one each (parallelOperation)', async () => {
    const a = fresh();
    const b = fresh();
    await l.run(['run', '-d', '--name', a, 'python:3.13', 'sleep', '300']);
    await l.run(['run', '-d', '--name', b, 'python:3.13', 'sleep', '300']);
    const started = l.world.clock.now();
    const r = await l.run(['stop', a, 'nosuch', b]);
    expect(r.io.out).toBe(`${a}\n${b}\n`);
    expect(r.io.err).toBe('Error response from daemon: No such container: nosuch\n');
    expect(r.code).toBe(1);
    const took = l.world.clock.now() - started;
    expect(took).toBeGreaterThanOrEqual(10_000);
    expect(took).toBeLessThan(11_000);
    expect(await inspect('{{.State.ExitCode}}', a)).toBe('137');
  });

  it('stop -s and kill -s send the given signal', async () => {
    const name = fresh();
    await l.run([
      'run',
      '-d',
      '--name',
      name,
      'python:3.13',
      'sh',
      '-c',
      'trap "exit 9" USR1; while true; do sleep 1; done',
    ]);
    expect((await l.run(['kill', '-s', 'USR1', name])).io.out).toBe(`${name}\n`);
    expect((await l.run(['wait', name])).io.out).toBe('9\n');
  });

  it('rm -v removes the anonymous volume with the container', async () => {
    const name = fresh();
    await l.run(['run', '--name', name, '-v', '/scratch', 'python:3.13', 'true']);
    const vol = await inspect('{{(index .Mounts 0).Name}}', name);
    expect(vol).toMatch(/^[0-9a-f]{64}$/);
    expect((await l.run(['rm', '-v', name])).io.out).toBe(`${name}\n`);
    expect(l.world.volumes.get(vol)).toMatchObject({ ok: false, kind: 'notFound' });
  });

  it('run -d --rm: the container is gone once it exits', async () => {
    const name = fresh();
    await l.run(['run', '-d', '--rm', '--name', name, 'python:3.13', 'sleep', '1']);
    await l.pause(2_000);
    const r = await l.run(['inspect', name]);
    expect(r.io.err).toBe(`Error: No such object: ${name}\n`);
  });

  it('logs -f follows until the container stops', async () => {
    const name = fresh();
    await l.run([
      'run',
      '-d',
      '--name',
      name,
      'python:3.13',
      'sh',
      '-c',
      'for i in 1 2 3; do echo tick $i; sleep 1; done',
    ]);
    const started = l.world.clock.now();
    const r = await l.run(['logs', '-f', name]);
    expect(r.io.out).toBe('tick 1\ntick 2\ntick 3\n');
    expect(r.code).toBe(0);
    expect(l.world.clock.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('logs -f until Ctrl-C: exit 130', async () => {
    const name = fresh();
    await l.run(['run', '-d', '--name', name, 'python:3.13', 'sleep', '300']);
    const r = await l.run(['logs', '-f', name], { interruptWhen: () => true });
    expect(r.code).toBe(130);
  });
});

describe('run', () => {
  it('--rm with a command that cannot start: 127, and the container is removed', async () => {
    const name = fresh();
    const r = await l.run(['run', '--rm', '--name', name, 'python:3.13', 'nosuchcommand']);
    expect(r.code).toBe(127);
    expect(r.io.err).toMatch(
      /^docker: Error response from daemon: .*exec: "nosuchcommand": executable file not found in \$PATH: unknown\n\nRun 'docker run --help' for more information\n$/,
    );
    expect((await l.run(['inspect', name])).code).toBe(1);
  });

  it('-a stderr attaches only that stream', async () => {
    const r = await l.run([
      'run',
      '--rm',
      '-a',
      'stderr',
      'python:3.13',
      'sh',
      '-c',
      'echo out; echo err >&2',
    ]);
    expect(r.io.out).toBe('');
    expect(r.io.err).toBe('err\n');
  });

  it('-d --attach is a conflict', async () => {
    const r = await l.run(['run', '-d', '-a', 'stdout', 'python:3.13']);
    expect(r.io.err).toBe('conflicting options: cannot specify both --attach and --detach\n');
    expect(r.code).toBe(1);
  });

  it('a container killed while attached: docker run exits 137', async () => {
    const name = fresh();
    const run = l.run(['run', '--name', name, 'python:3.13', 'sleep', '300']);
    await l.pause(1_000);
    const kill = await l.run(['kill', name]);
    expect(kill.io.out).toBe(`${name}\n`);
    expect((await run).code).toBe(137);
  });
});

describe('ports', () => {
  it('docker port lists each binding, naturally sorted; one port; an unpublished one is an error', async () => {
    const name = fresh();
    await l.run([
      'run',
      '-d',
      '--name',
      name,
      '-p',
      '8080:80',
      '-p',
      '127.0.0.1:9090:9000',
      '-p',
      '5353:53/udp',
      'nginx',
    ]);
    const r = await l.run(['port', name]);
    // without an address the port is bound on IPv4 and IPv6; 127.0.0.1 only on IPv4
    expect(r.io.out.split('\n')).toEqual([
      '53/udp -> 0.0.0.0:5353',
      '53/udp -> [::]:5353',
      '80/tcp -> 0.0.0.0:8080',
      '80/tcp -> [::]:8080',
      '9000/tcp -> 127.0.0.1:9090',
      '',
    ]);
    expect((await l.run(['port', name, '9000/tcp'])).io.out).toBe('127.0.0.1:9090\n');
    const none = await l.run(['port', name, '443']);
    expect(none.io.err).toBe(`Error: No public port '443' published for ${name}\n`);
    expect(none.code).toBe(1);
    const bad = await l.run(['port', name, 'http']);
    expect(bad.io.err).toBe(
      'Error: invalid port (http): strconv.ParseUint: parsing "http": invalid syntax\n',
    );
  });

  // Docker 28 publishes `-p 8080:80` on 0.0.0.0 and on :: (reference §1.2, addPortMappings)
  it('a port published without an address is bound on IPv6 too', async () => {
    const name = fresh();
    await l.run(['run', '-d', '--name', name, '-p', '8086:80', 'nginx']);
    expect((await l.run(['port', name, '80'])).io.out).toBe('0.0.0.0:8086\n[::]:8086\n');
    expect(await inspect('{{json .NetworkSettings.Ports}}', name)).toBe(
      '{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8086"},{"HostIp":"::","HostPort":"8086"}]}',
    );
    const ps = await l.run(['ps', '--filter', `name=^${name}$`, '--format', '{{.Ports}}']);
    expect(ps.io.out).toBe('0.0.0.0:8086->80/tcp, [::]:8086->80/tcp\n');
  });

  it('ranges group per address family in PORTS; an explicit address binds that family only', async () => {
    const name = fresh();
    await l.run([
      'run',
      '-d',
      '--name',
      name,
      '-p',
      '7000-7001:7000-7001',
      '-p',
      '127.0.0.1:7080:80',
      '-p',
      '[::1]:7443:443',
      'nginx',
    ]);
    const ps = await l.run(['ps', '--filter', `name=^${name}$`, '--format', '{{.Ports}}']);
    expect(ps.io.out).toBe(
      '0.0.0.0:7000-7001->7000-7001/tcp, [::]:7000-7001->7000-7001/tcp, 127.0.0.1:7080->80/tcp, [::1]:7443->443/tcp\n',
    );
  });

  it('-P gives the IPv4 and the IPv6 binding the same ephemeral port', async () => {
    const name = fresh();
    await l.run(['run', '-d', '--name', name, '-P', 'nginx']);
    const out = (await l.run(['port', name])).io.out;
    const m = /^80\/tcp -> 0\.0\.0\.0:(\d+)\n80\/tcp -> \[::\]:(\d+)\n$/.exec(out);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(m![2]);
  });

  it('an IPv6-only publication leaves the IPv4 port free, and the other way round', async () => {
    const a = fresh();
    const b = fresh();
    await l.run(['run', '-d', '--name', a, '-p', '[::]:7090:80', 'nginx']);
    const r = await l.run(['run', '-d', '--name', b, '-p', '0.0.0.0:7090:80', 'nginx']);
    expect(r.code).toBe(0);
    expect((await l.run(['port', b, '80'])).io.out).toBe('0.0.0.0:7090\n');
    const c = fresh();
    const clash = await l.run(['run', '-d', '--name', c, '-p', '7090:80', 'nginx']);
    expect(clash.io.err).toMatch(/Bind for 0\.0\.0\.0:7090 failed: port is already allocated\n/);
  });

  it('a port held on 127.0.0.1 refuses an unaddressed publication, naming the address that holds it', async () => {
    const a = fresh();
    const b = fresh();
    await l.run(['run', '-d', '--name', a, '-p', '127.0.0.1:7091:80', 'nginx']);
    const r = await l.run(['run', '-d', '--name', b, '-p', '7091:80', 'nginx']);
    expect(r.io.err).toMatch(/: Bind for 127\.0\.0\.1:7091 failed: port is already allocated\n/);
  });

  it('a host port held by another container: the v28 networking error, the container stays Created', async () => {
    const a = fresh();
    const b = fresh();
    await l.run(['run', '-d', '--name', a, '-p', '8085:80', 'nginx']);
    const r = await l.run(['run', '-d', '--name', b, '-p', '8085:80', 'nginx']);
    expect(r.io.err).toMatch(
      /^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint c\d+ \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8085 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/,
    );
    expect(r.code).toBe(125);
    expect(await inspect('{{.State.Status}}', b)).toBe('created');
  });

  it('-P publishes the exposed ports on ephemeral host ports', async () => {
    const name = fresh();
    await l.run(['run', '-d', '--name', name, '-P', 'nginx']);
    expect((await l.run(['port', name])).io.out).toMatch(
      /^80\/tcp -> 0\.0\.0\.0:(3276[89]|327[7-9]\d|32[89]\d\d|3[3-9]\d{3}|[4-5]\d{4}|60\d{3})\n80\/tcp -> \[::\]:\1\n$/,
    );
  });
});

describe('pull policies', () => {
  it('--pull never with a missing image: the daemon error, no pull', async () => {
    const r = await l.run(['run', '--pull', 'never', 'alpine']);
    expect(r.io.err).toBe(
      "docker: Error response from daemon: No such image: alpine:latest\n\nRun 'docker run --help' for more information\n",
    );
    expect(r.code).toBe(125);
  });

  it('--pull always pulls a present image first (stderr), -q hides it', async () => {
    const r = await l.run(['run', '--rm', '--pull', 'always', 'python:3.13', 'true']);
    expect(r.io.err).toMatch(/^3\.13: Pulling from library\/python\n/);
    expect(r.io.err).toMatch(/Status: Image is up to date for python:3\.13\n$/);
    const q = await l.run(['run', '--rm', '-q', '--pull', 'always', 'python:3.13', 'true']);
    expect(q.io.all).toBe('');
  });
});

describe('network connect / disconnect', () => {
  const usage = (cmd: string, short: string, options: string) =>
    `Usage:  docker network ${cmd} [OPTIONS] NETWORK CONTAINER\n\n${short}\n\nOptions:\n${options}`;
  const help = async (cmd: string) => (await l.run(['network', cmd, '--help'])).io.out.replace(/^\n/, '');

  it('--help in Docker 28 layout', async () => {
    expect(await help('connect')).toBe(
      usage(
        'connect',
        'Connect a container to a network',
        '      --alias strings           Add network-scoped alias for the container\n' +
          '      --driver-opt strings      driver options for the network\n' +
          '      --gw-priority int         Highest gw-priority provides the default\n' +
          '                                gateway. Accepts positive and negative values.\n' +
          '      --ip string               IPv4 address (e.g., "172.30.100.104")\n' +
          '      --ip6 string              IPv6 address (e.g., "2001:db8::33")\n' +
          '      --link list               Add link to another container\n' +
          '      --link-local-ip strings   Add a link-local address for the container\n',
      ),
    );
    expect(await help('disconnect')).toBe(
      usage(
        'disconnect',
        'Disconnect a container from a network',
        '  -f, --force   Force the container to disconnect from a network\n',
      ),
    );
    const r = await l.run(['network', 'connect', 'bridge']);
    expect([r.io.err, r.code]).toEqual([
      "docker: 'docker network connect' requires 2 arguments\n\nUsage:  docker network connect [OPTIONS] NETWORK CONTAINER\n\nRun 'docker network connect --help' for more information\n",
      1,
    ]);
  });

  it('prints nothing on success; the daemon errors as "Error response from daemon:", exit 1', async () => {
    const since = String(Math.floor(l.world.clock.now() / 1000));
    await l.world.engine.request({
      method: 'POST',
      path: '/networks/create',
      query: {},
      body: { Name: 'cmdnet' },
    });
    const name = fresh();
    await l.run(['run', '-d', '--name', name, 'nginx']);
    const ok = await l.run(['network', 'connect', '--alias', 'www,web', 'cmdnet', name]);
    expect([ok.io.out, ok.io.err, ok.code]).toEqual(['', '', 0]);
    expect(
      await inspect('{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}', name),
    ).toMatch(/^bridge=172\.17\.0\.\d+ cmdnet=172\.18\.0\.2$/);
    const again = await l.run(['network', 'connect', 'cmdnet', name]);
    expect([again.io.err, again.code]).toEqual([
      `Error response from daemon: endpoint with name ${name} already exists in network cmdnet\n`,
      1,
    ]);
    expect((await l.run(['network', 'disconnect', 'cmdnet', name])).code).toBe(0);
    const id = await inspect('{{.Id}}', name);
    const not = await l.run(['network', 'disconnect', 'cmdnet', name]);
    expect([not.io.err, not.code]).toEqual([
      `Error response from daemon: container ${id} is not connected to network cmdnet\n`,
      1,
    ]);
    const ev = await l.run([
      'events',
      '--since',
      since,
      '--until',
      String(Math.floor(l.world.clock.now() / 1000) + 1),
      '--filter',
      'network=cmdnet',
      '--format',
      '{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}} {{.Actor.Attributes.container}}',
    ]);
    expect([ev.io.err, ev.code]).toEqual(['', 0]);
    expect(ev.io.out).toBe(
      `network create cmdnet bridge <no value>\nnetwork connect cmdnet bridge ${id}\nnetwork disconnect cmdnet bridge ${id}\n`,
    );
  });
});
