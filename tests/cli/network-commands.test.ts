// docker network create/rm/prune against the simulated daemon: usage errors and --help as
// the real 28.2.2 client prints them, the client-side IPAM checks, the daemon's refusals,
// what inspect and ls show, addresses from a user subnet, and the events.
import { beforeAll, describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import { withImages } from './containers-golden';

let l: Laptop;
beforeAll(async () => {
  l = new Laptop();
  await withImages(l, ['nginx']);
}, 120_000);

let n = 0;
const fresh = (p = 'net') => `${p}${++n}`;
const run = async (line: string, opts = {}) => {
  const r = await l.docker(line, opts);
  return { out: r.io.out, err: r.io.err, all: r.io.all, code: r.code };
};
const fmt = async (format: string, net: string) =>
  (await run(`docker network inspect -f '${format}' ${net}`)).out.trim();

describe('usage and help, as docker 28.2.2 prints them', () => {
  it('create needs exactly one name; rm at least one; prune none', async () => {
    expect(await run('docker network create')).toEqual({
      out: '',
      err:
        "docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create [OPTIONS] NETWORK\n\n" +
        "Run 'docker network create --help' for more information\n",
      all: expect.any(String),
      code: 1,
    });
    expect((await run('docker network create a b')).err).toMatch(
      /^docker: 'docker network create' requires 1 argument\n/,
    );
    expect((await run('docker network rm')).err).toBe(
      "docker: 'docker network rm' requires at least 1 argument\n\nUsage:  docker network rm NETWORK [NETWORK...]\n\n" +
        "See 'docker network rm --help' for more information\n",
    );
    expect((await run('docker network prune x')).err).toBe(
      "docker: 'docker network prune' accepts no arguments\n\nUsage:  docker network prune [OPTIONS]\n\n" +
        "Run 'docker network prune --help' for more information\n",
    );
  });

  it('create --help lists its flags sorted and wrapped at 80 columns', async () => {
    const r = await run('docker network create --help', { columns: 80 });
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `
Usage:  docker network create [OPTIONS] NETWORK

Create a network

Options:
      --attachable           Enable manual container attachment
      --aux-address map      Auxiliary IPv4 or IPv6 addresses used by
                             Network driver (default map[])
      --config-from string   The network from which to copy the configuration
      --config-only          Create a configuration only network
  -d, --driver string        Driver to manage the Network (default "bridge")
      --gateway strings      IPv4 or IPv6 Gateway for the master subnet
      --ingress              Create swarm routing-mesh network
      --internal             Restrict external access to the network
      --ip-range strings     Allocate container ip from a sub-range
      --ipam-driver string   IP Address Management Driver (default "default")
      --ipam-opt map         Set IPAM driver specific options (default map[])
      --ipv4                 Enable or disable IPv4 address assignment
                             (default true)
      --ipv6                 Enable or disable IPv6 address assignment
      --label list           Set metadata on a network
  -o, --opt map              Set driver specific options (default map[])
      --scope string         Control the network's scope
      --subnet strings       Subnet in CIDR format that represents a
                             network segment
`.slice(1),
    );
  });

  it('rm --help shows the remove alias and -f', async () => {
    const r = await run('docker network rm --help', { columns: 80 });
    expect(r.out).toBe(
      'Usage:  docker network rm NETWORK [NETWORK...]\n\nRemove one or more networks\n\nAliases:\n' +
        '  docker network rm, docker network remove\n\nOptions:\n' +
        '  -f, --force   Do not error if the network does not exist\n',
    );
  });

  it('flag value errors come from pflag before any request', async () => {
    const r = await run('docker network create --label "" x');
    expect([r.err, r.code]).toEqual([
      'invalid argument "" for "--label" flag: invalid label \'\': empty name\n\n' +
        'Usage:  docker network create [OPTIONS] NETWORK\n\n' +
        "Run 'docker network create --help' for more information\n",
      125,
    ]);
    expect((await run('docker network create --ipv4=foo x')).code).toBe(125);
  });
});

describe('create: the client checks the IPAM flags (createIPAMConfig)', () => {
  it.each([
    ['--gateway 1.2.3.4', 'every ip-range or gateway must have a corresponding subnet'],
    ['--ip-range 10.1.0.0/16', 'every ip-range or gateway must have a corresponding subnet'],
    ['--subnet 10.0.0.0/8 --gateway 1.2.3.4', 'no matching subnet for gateway 1.2.3.4'],
    ['--subnet 10.0.0.0/8 --gateway foo', 'no matching subnet for gateway foo'],
    ['--subnet 10.0.0.0/8 --ip-range 11.0.0.0/16', 'no matching subnet for range 11.0.0.0/16'],
    ['--subnet 10.0.0.0/8 --ip-range foo', 'invalid CIDR address: foo'],
    ['--subnet 10.0.0.0/8,10.1.0.0/16', 'multiple overlapping subnet configuration is not supported'],
    ['--subnet foo,bar', 'invalid subnet: invalid CIDR address: bar'],
    ['--subnet 10.0.0.0/8 --aux-address a=foo', 'no matching subnet for aux-address foo'],
    [
      '--subnet 10.0.0.0/8,192.168.0.0/16 --ip-range 10.1.0.0/16 --ip-range 10.2.0.0/16',
      'cannot configure multiple ranges (10.2.0.0/16, 10.1.0.0/16) on the same subnet (10.0.0.0/8)',
    ],
  ])('%s', async (flags, message) => {
    const before = (await run('docker network ls -q')).out;
    expect(await run(`docker network create ${flags} x`)).toMatchObject({
      out: '',
      err: message + '\n',
      code: 1,
    });
    expect((await run('docker network ls -q')).out).toBe(before);
  });
});

describe('create: the daemon', () => {
  it('prints the ID; ls, inspect and the events show the new network', async () => {
    const name = fresh();
    const r = await run(`docker network create --label tier=web --label team ${name}`);
    expect([r.err, r.code]).toEqual(['', 0]);
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    const id = r.out.trim();
    const ls = await run(`docker network ls --filter name=${name}`);
    expect(ls.out).toBe(
      `NETWORK ID     NAME      DRIVER    SCOPE\n${id.slice(0, 12)}   ${name}      bridge    local\n`,
    );
    expect(await fmt('{{json .Labels}} {{json .IPAM}} {{.Internal}} {{json .Options}}', name)).toBe(
      '{"team":"","tier":"web"} {"Driver":"default","Options":{},"Config":[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]} false {}',
    );
    expect((await run(`docker network ls -q --filter label=tier=web`)).out).toBe(`${id.slice(0, 12)}\n`);
    await l.pause(1000);
    const now = Math.floor(l.world.clock.now() / 1000);
    const ev = await run(
      `docker events --since ${now - 5} --until ${now} --filter type=network --format '{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}'`,
    );
    expect(ev.out).toContain(`create ${name} bridge\n`);
    expect((await run(`docker network rm ${name}`)).out).toBe(`${name}\n`);
  });

  it('a subnet with ip-range, gateway and aux-address: inspect shows them as given; containers get range addresses', async () => {
    const name = fresh();
    const r = await run(
      `docker network create --subnet 10.20.0.0/16 --ip-range 10.20.5.0/24 --aux-address router=10.20.5.1 --internal --attachable ${name}`,
    );
    expect([r.err, r.code]).toEqual(['', 0]);
    expect(await fmt('{{json .IPAM.Config}} {{.Internal}} {{.Attachable}}', name)).toBe(
      '[{"Subnet":"10.20.0.0/16","IPRange":"10.20.5.0/24","AuxiliaryAddresses":{"router":"10.20.5.1"}}] true true',
    );
    const c = fresh('c');
    expect((await run(`docker run -d --name ${c} --network ${name} nginx`)).code).toBe(0);
    // the gateway is the range's first free address (AddAnyInRange: 10.20.5.0 is not the
    // subnet's network address, so it is free); the aux address is held back
    expect(
      (
        await run(
          `docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.Gateway}}{{end}}' ${c}`,
        )
      ).out,
    ).toBe('10.20.5.2 10.20.5.0\n');
    await run(`docker rm -f ${c}`);
    expect((await run(`docker network rm ${name}`)).code).toBe(0);
  });

  it('a user gateway is held back: the first container gets the next address', async () => {
    const name = fresh();
    await run(`docker network create --subnet 10.30.0.0/24 --gateway 10.30.0.2 ${name}`);
    expect(await fmt('{{json .IPAM.Config}}', name)).toBe(
      '[{"Subnet":"10.30.0.0/24","Gateway":"10.30.0.2"}]',
    );
    const a = fresh('c');
    const b = fresh('c');
    await run(`docker run -d --name ${a} --network ${name} nginx`);
    await run(`docker run -d --name ${b} --network ${name} nginx`);
    const ips = await run(`docker inspect -f '{{.NetworkSettings.Networks.${name}.IPAddress}}' ${a} ${b}`);
    expect(ips.out).toBe('10.30.0.1\n10.30.0.3\n');
    await run(`docker rm -f ${a} ${b}`);
    await run(`docker network rm ${name}`);
  });

  it.each([
    // the client trims the daemon's message (moby's ends in a space)
    ['bridge', 'operation is not permitted on predefined bridge network'],
    [
      '-d overlay x',
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    ],
    ['-d foo x', 'plugin "foo" not found'],
    ['-d host x', 'only one instance of "host" network is allowed'],
    ['--ingress x', 'Ingress network can only be global scope network'],
    ['--scope swarm x', 'cannot create a swarm scoped network when swarm is not active'],
    ['--ipv4=false x', 'IPv4 or IPv6 must be enabled'],
    ['""', 'invalid name: name is empty'],
    ['--subnet 10.0.0.5/8 x', 'invalid network config:\ninvalid subnet 10.0.0.5/8: it should be 10.0.0.0/8'],
    [
      '--subnet 10.0.0.0/16 --ip-range 10.0.1.7/24 x',
      'invalid network config:\ninvalid ip-range 10.0.1.7/24: it should be 10.0.1.0/24',
    ],
    ['--subnet foo x', 'invalid network config:\ninvalid subnet foo: invalid CIDR block notation'],
    ['--subnet 172.17.0.0/16 x', 'invalid pool request: Pool overlaps with other one on this address space'],
    [
      '--subnet 10.9.0.0/24 --gateway 10.9.0.255 x',
      'failed to allocate gateway (10.9.0.255): Address already in use',
    ],
    [
      '--subnet 10.8.0.0/16 --ip-range 10.8.5.0/24 --aux-address r=10.8.5.0 x',
      'failed to allocate secondary ip address (r:10.8.5.0): Address already in use',
    ],
    [
      '-o com.docker.network.enable_ipv6=maybe x',
      'driver-opt "com.docker.network.enable_ipv6" is not a valid bool',
    ],
  ])('%s: %s', async (args, message) => {
    const r = await run(`docker network create ${args}`);
    expect([r.out, r.err, r.code]).toEqual(['', `Error response from daemon: ${message}\n`, 1]);
  });

  it('config-only networks: a template others take their IPAM config from, never pruned, kept while in use', async () => {
    const tpl = fresh('tpl');
    const user = fresh();
    expect(
      (await run(`docker network create --config-only --subnet 10.44.0.0/24 --gateway 10.44.0.9 ${tpl}`))
        .code,
    ).toBe(0);
    expect(await fmt('{{.Driver}} {{.ConfigOnly}} {{json .IPAM.Config}}', tpl)).toBe(
      'null true [{"Subnet":"10.44.0.0/24","Gateway":"10.44.0.9"}]',
    );
    expect((await run(`docker network create --config-from ${tpl} ${user}`)).code).toBe(0);
    expect(await fmt('{{.Driver}} {{.ConfigFrom.Network}} {{json .IPAM.Config}}', user)).toBe(
      `bridge ${tpl} [{"Subnet":"10.44.0.0/24","Gateway":"10.44.0.9"}]`,
    );
    const refusals: Array<[string, string]> = [
      [
        `--config-from ${tpl} --subnet 10.45.0.0/24 x`,
        'user specified configurations are not supported if the network depends on a configuration network',
      ],
      [
        `--config-from ${tpl} -o a=b x`,
        'network driver options are not supported if the network depends on a configuration network',
      ],
      [
        `--config-from ${tpl} --config-only x`,
        'a configuration network cannot depend on another configuration network',
      ],
      [
        '--config-only --internal x',
        'configuration network can only contain network specific fields. Network operator fields like [ ingress | internal | attachable | scope ] are not supported.',
      ],
      ['--config-from nosuch x', 'configuration network "nosuch" does not exist'],
    ];
    for (const [args, message] of refusals)
      expect((await run(`docker network create ${args}`)).err).toBe(
        `Error response from daemon: ${message}\n`,
      );
    expect((await run(`docker network rm ${tpl}`)).err).toBe(
      `Error response from daemon: error while removing network: configuration network "${tpl}" is in use\nexit status 1\n`,
    );
    expect((await run(`docker network rm ${user} ${tpl}`)).out).toBe(`${user}\n${tpl}\n`);
  });

  it('a taken name: 409 conflict', async () => {
    const name = fresh();
    await run(`docker network create ${name}`);
    expect((await run(`docker network create ${name}`)).err).toBe(
      `Error response from daemon: network with name ${name} already exists\n`,
    );
    await run(`docker network rm ${name}`);
  });

  it('default pools skip the pools in use and the host network (192.168.1.0/24)', async () => {
    const saved = l;
    l = new Laptop();
    try {
      await pools();
    } finally {
      l = saved;
    }
  });
  async function pools(): Promise<void> {
    const user = fresh();
    await run(`docker network create --subnet 172.19.128.0/17 ${user}`);
    const auto: string[] = [];
    for (let i = 0; i < 15; i++) {
      const name = fresh();
      auto.push(name);
      await run(`docker network create ${name}`);
    }
    const subnets = await Promise.all(auto.map((a) => fmt('{{range .IPAM.Config}}{{.Subnet}}{{end}}', a)));
    // 172.19.0.0/16 overlaps the user's subnet, 192.168.0.0/20 the host's network
    expect(subnets.slice(0, 3)).toEqual(['172.18.0.0/16', '172.20.0.0/16', '172.21.0.0/16']);
    expect(subnets.slice(12)).toEqual(['172.31.0.0/16', '192.168.16.0/20', '192.168.32.0/20']);
    const rm = await run(`docker network rm ${user} ${auto.join(' ')}`);
    expect([rm.err, rm.code]).toEqual(['', 0]);
    // the pools are free again
    const again = fresh();
    await run(`docker network create ${again}`);
    expect(await fmt('{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}', again)).toBe(
      '172.18.0.0/16 172.18.0.1',
    );
  }
});

describe('rm', () => {
  it('each name in turn: removed names on stdout, errors at once, then "exit status 1"', async () => {
    const a = fresh();
    const b = fresh();
    await run(`docker network create ${a}`);
    await run(`docker network create ${b}`);
    const r = await run(`docker network remove ${a} nosuch ${b} bridge`);
    expect(r.all).toBe(
      `${a}\nError response from daemon: network nosuch not found\n${b}\n` +
        'Error response from daemon: bridge is a pre-defined network and cannot be removed\nexit status 1\n',
    );
    expect([r.out, r.code]).toEqual([`${a}\n${b}\n`, 1]);
  });

  it('-f skips networks that do not exist, not other errors', async () => {
    expect(await run('docker network rm -f nosuch')).toMatchObject({ out: '', err: '', code: 0 });
    const r = await run('docker network rm -f nosuch host');
    expect([r.err, r.code]).toEqual([
      'Error response from daemon: host is a pre-defined network and cannot be removed\nexit status 1\n',
      1,
    ]);
  });

  it('a network a running container is on: active endpoints (v28.1+ wording); once stopped it goes', async () => {
    const name = fresh();
    const id = (await run(`docker network create ${name}`)).out.trim();
    const c = fresh('c');
    await run(`docker run -d --name ${c} --network ${name} nginx`);
    const epId = (
      await run(`docker inspect -f '{{.NetworkSettings.Networks.${name}.EndpointID}}' ${c}`)
    ).out.trim();
    const r = await run(`docker network rm ${id.slice(0, 5)}`);
    expect([r.out, r.err, r.code]).toEqual([
      '',
      `Error response from daemon: error while removing network: network ${name} has active endpoints (name:"${c}" id:"${epId.slice(0, 12)}")\nexit status 1\n`,
      1,
    ]);
    await run(`docker stop -t 0 ${c}`);
    expect((await run(`docker network rm ${name}`)).out).toBe(`${name}\n`);
    await run(`docker rm ${c}`);
  });
});

describe('prune', () => {
  // a machine of its own: prune takes every unused network
  beforeAll(async () => {
    l = new Laptop();
    await withImages(l, ['nginx']);
  }, 120_000);

  it('asks first; "n" leaves everything; -f removes unused custom networks only', async () => {
    const used = fresh();
    const idle = fresh();
    await run(`docker network create ${used}`);
    await run(`docker network create ${idle}`);
    await run('docker network create --config-only template');
    const c = fresh('c');
    await run(`docker run -d --name ${c} --network ${used} nginx`);
    const no = await run('docker network prune', { input: ['n'] });
    expect([no.out, no.code]).toEqual([
      'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ',
      0,
    ]);
    const yes = await run('docker network prune -f');
    expect([yes.out, yes.err, yes.code]).toEqual([`Deleted Networks:\n${idle}\n\n`, '', 0]);
    expect((await run('docker network prune -f')).out).toBe('');
    // localNetworksPrune skips configuration-only networks
    expect((await run('docker network ls --format {{.Name}}')).out).toBe(
      `bridge\nhost\n${used}\nnone\ntemplate\n`,
    );
    await run(`docker rm -f ${c}`);
    await run(`docker network rm ${used} template`);
  });

  it('label, label! and until filters', async () => {
    const keep = fresh();
    const go = fresh();
    await run(`docker network create --label keep=1 ${keep}`);
    await run(`docker network create --label env=dev ${go}`);
    expect((await run('docker network prune -f --filter label!=keep')).out).toBe(
      `Deleted Networks:\n${go}\n\n`,
    );
    expect((await run('docker network prune -f --filter until=1h')).out).toBe('');
    expect((await run('docker network prune -f --filter label=keep=1')).out).toBe(
      `Deleted Networks:\n${keep}\n\n`,
    );
    expect((await run('docker network prune -f --filter until=1h --filter until=2h')).err).toBe(
      'Error response from daemon: more than one until filter specified\n',
    );
  });
});
