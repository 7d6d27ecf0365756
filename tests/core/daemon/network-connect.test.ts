// docker network connect/disconnect through the Engine API: a running container gets
// (loses) an endpoint in its namespace at once with the event; a stopped one only has
// its NetworkSettings.Networks changed, joined at the next start; moby's refusals.
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src/core/daemon/api';
import type { World } from '../../../src/core/world';
import { api, create, exec, inspect, json, runDetached, worldWith } from './containers-harness';

const SLIM = 'python:3.13-slim';
const err = (r: ApiResponse) => ('body' in r ? (r.body as { message: string }).message : '');

async function setup(): Promise<{ w: World; netId: string }> {
  const w = await worldWith([SLIM]);
  const r = await api(w, 'POST', '/networks/create', {}, { Name: 'appnet' });
  return { w, netId: (json(r) as { Id: string }).Id };
}
const connect = (w: World, net: string, container: string, aliases?: string[]) =>
  api(
    w,
    'POST',
    `/networks/${net}/connect`,
    {},
    { Container: container, EndpointConfig: aliases ? { Aliases: aliases } : null },
  );
const disconnect = (w: World, net: string, container: string, force = false) =>
  api(w, 'POST', `/networks/${net}/disconnect`, {}, { Container: container, Force: force });
const netEvents = (w: World) =>
  w.events
    .all()
    .filter((e) => e.Type === 'network' && (e.Action === 'connect' || e.Action === 'disconnect'))
    .map((e) => `${e.Action} ${e.Actor.Attributes.name}`);

describe('connecting a running container', () => {
  it('joins at once: an endpoint in its namespace, the event, inspect and network inspect show it, names resolve', async () => {
    const { w, netId } = await setup();
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '300'] }, 'web');
    const r = await connect(w, 'appnet', 'web', ['www']);
    expect(r.status).toBe(200);
    expect(netEvents(w)).toEqual(['connect bridge', 'connect appnet']);
    const nets = (await inspect(w, id)).NetworkSettings.Networks;
    expect(Object.keys(nets).sort()).toEqual(['appnet', 'bridge']);
    expect(nets.appnet).toMatchObject({
      NetworkID: netId,
      IPAddress: '172.18.0.2',
      Gateway: '172.18.0.1',
      IPPrefixLen: 16,
    });
    expect(nets.bridge).toMatchObject({ IPAddress: '172.17.0.2' });
    const n = json(await api(w, 'GET', '/networks/appnet')) as {
      Containers: Record<string, { Name: string; IPv4Address: string }>;
    };
    expect(n.Containers[id]).toMatchObject({ Name: 'web', IPv4Address: '172.18.0.2/16' });
    // the embedded DNS of appnet answers for its name, alias and short ID; the namespace is the container's
    const peer = await runDetached(w, {
      Image: SLIM,
      Cmd: ['sleep', '300'],
      HostConfig: { NetworkMode: 'appnet' },
    });
    const peerNs = w.network.endpointOf(peer)!.ep.netns;
    const webNs = w.network.endpointOf(id)!.ep.netns;
    webNs.listen(80, { handle: async () => ({ status: 200, reason: 'OK', headers: {}, body: 'hi' }) });
    for (const name of ['web', 'www', id.slice(0, 12), '172.18.0.2'])
      expect(typeof w.network.connect(peerNs, name, 80)).toBe('object');
    // the default bridge has no embedded DNS, but its address is reachable from the host
    expect(typeof w.network.connect(w.network.hostNetns, '172.17.0.2', 80)).toBe('object');
  });

  it("refusals: moby's wording and status", async () => {
    const { w } = await setup();
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '300'] }, 'web');
    expect((await connect(w, 'appnet', 'web')).status).toBe(200);
    const cases: Array<[Promise<ApiResponse>, number, string]> = [
      [connect(w, 'appnet', 'web'), 403, 'endpoint with name web already exists in network appnet'],
      [connect(w, 'bridge', 'web'), 403, 'endpoint with name web already exists in network bridge'],
      [
        connect(w, 'host', 'web'),
        400,
        'cannot connect container to host network - container must be created in host network mode',
      ],
      [
        connect(w, 'none', 'web'),
        400,
        'container cannot be connected to multiple networks with one of the networks in private (none) mode',
      ],
      [connect(w, 'nosuch', 'web'), 500, 'invalid cluster node while attaching to network'],
      [connect(w, 'appnet', 'nosuch'), 404, 'No such container: nosuch'],
      [disconnect(w, 'nosuch', 'web'), 404, 'network nosuch not found'],
    ];
    for (const [p, status, message] of cases) {
      const r = await p;
      expect([r.status, err(r)]).toEqual([status, message]);
    }
    await runDetached(
      w,
      { Image: SLIM, Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'host' } },
      'hosted',
    );
    const h = await connect(w, 'appnet', 'hosted');
    expect([h.status, err(h)]).toEqual([
      400,
      'container sharing network namespace with another container or host cannot be connected to any other network',
    ]);
    const d = await disconnect(w, 'host', 'hosted');
    expect([d.status, err(d)]).toEqual([
      400,
      'cannot disconnect container from host network - container was created in host network mode',
    ]);
    expect((await disconnect(w, 'appnet', 'web')).status).toBe(200);
    const again = await disconnect(w, 'appnet', 'web');
    expect([again.status, err(again)]).toEqual([500, `container ${id} is not connected to network appnet`]);
  });

  it('disconnecting the network the ports were published on releases them; the event says so', async () => {
    const { w } = await setup();
    const id = await runDetached(
      w,
      {
        Image: SLIM,
        Cmd: ['sleep', '300'],
        ExposedPorts: { '80/tcp': {} },
        HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } },
      },
      'web',
    );
    await connect(w, 'appnet', 'web');
    expect(w.network.ports.bindings.map((b) => `${b.hostIp}:${b.hostPort}`)).toEqual([
      '0.0.0.0:8080',
      ':::8080',
    ]);
    expect((await disconnect(w, 'bridge', 'web')).status).toBe(200);
    expect(w.network.ports.bindings).toEqual([]);
    // each join added its address to /etc/hosts; the leave took the bridge's out
    const hosts = (await exec(w, 'web', ['cat', '/etc/hosts'])).out;
    expect(hosts.endsWith(`ff02::2\tip6-allrouters\n172.18.0.2\t${id.slice(0, 12)}\n`)).toBe(true);
    const c = await inspect(w, id);
    expect(c.NetworkSettings.Ports).toEqual({ '80/tcp': null });
    expect(Object.keys(c.NetworkSettings.Networks)).toEqual(['appnet']);
    expect(netEvents(w)).toEqual(['connect bridge', 'connect appnet', 'disconnect bridge']);
    // the stop releases what is left: one disconnect, for appnet
    await api(w, 'POST', '/containers/web/stop', { t: '0' });
    expect(netEvents(w).slice(3)).toEqual(['disconnect appnet']);
  });
});

describe('endpoint settings (validateEndpointSettings)', () => {
  it('static addresses and aliases need a user-defined network with a subnet the user configured; all problems listed', async () => {
    const { w } = await setup();
    await runDetached(w, { Image: SLIM, Cmd: ['sleep', '300'] }, 'web');
    const withIpam = (net: string, ipam: Record<string, unknown>, aliases?: string[]) =>
      api(
        w,
        'POST',
        `/networks/${net}/connect`,
        {},
        { Container: 'web', EndpointConfig: { IPAMConfig: ipam, Aliases: aliases ?? null } },
      );
    const cases: Array<[Promise<ApiResponse>, string]> = [
      [
        withIpam('bridge', {}, ['www']),
        'network-scoped alias is supported only for containers in user defined networks',
      ],
      [
        withIpam('bridge', { IPv4Address: '172.17.0.50' }),
        '* user specified IP address is supported on user defined networks only\n* user specified IP address is supported only when connecting to networks with user configured subnets',
      ],
      [
        withIpam('appnet', { IPv4Address: '172.18.0.50' }),
        'user specified IP address is supported only when connecting to networks with user configured subnets',
      ],
      [
        withIpam('appnet', { IPv4Address: '300.1.1.1', LinkLocalIPs: ['nope'] }),
        '* invalid IPv4 address: 300.1.1.1\n* invalid link-local IP address: nope\n* user specified IP address is supported only when connecting to networks with user configured subnets',
      ],
    ];
    for (const [p, message] of cases) {
      const r = await p;
      expect([r.status, err(r)]).toEqual([400, `invalid endpoint settings:\n${message}`]);
    }
    // nothing was connected meanwhile
    expect(netEvents(w)).toEqual(['connect bridge']);
  });
});

describe('connecting a stopped container', () => {
  it('records the network (twice is no error) and joins it at the next start, after the NetworkMode network', async () => {
    const { w } = await setup();
    const id = await create(w, { Image: SLIM, Cmd: ['sleep', '300'] }, 'later');
    expect((await connect(w, 'appnet', 'later')).status).toBe(200);
    expect((await connect(w, 'appnet', 'later')).status).toBe(200);
    expect(netEvents(w)).toEqual([]);
    expect(Object.keys((await inspect(w, id)).NetworkSettings.Networks)).toEqual(['bridge', 'appnet']);
    expect((await api(w, 'POST', '/containers/later/start')).status).toBe(204);
    expect(netEvents(w)).toEqual(['connect bridge', 'connect appnet']);
    expect(w.events.all().at(-1)).toMatchObject({ Type: 'container', Action: 'start' });
    const nets = (await inspect(w, id)).NetworkSettings.Networks;
    expect([nets.bridge.IPAddress, nets.appnet.IPAddress]).toEqual(['172.17.0.2', '172.18.0.2']);
    const hosts = (await exec(w, 'later', ['cat', '/etc/hosts'])).out;
    expect(hosts.split('\n').slice(-3)).toEqual([
      `172.17.0.2\t${id.slice(0, 12)}`,
      `172.18.0.2\t${id.slice(0, 12)}`,
      '',
    ]);
  });

  it('disconnect while stopped: "not connected to the network"; a network the daemon does not know fails the start', async () => {
    const { w } = await setup();
    const id = await create(w, { Image: SLIM, Cmd: ['sleep', '300'] }, 'later');
    expect((await disconnect(w, 'bridge', 'later')).status).toBe(200);
    const d = await disconnect(w, 'bridge', 'later');
    expect([d.status, err(d)]).toEqual([500, `container ${id} is not connected to the network bridge`]);
    expect((await inspect(w, id)).NetworkSettings.Networks).toEqual({});
    // no network at all: only the loopback
    expect((await api(w, 'POST', '/containers/later/start')).status).toBe(204);
    expect(netEvents(w)).toEqual([]);
    await api(w, 'POST', '/containers/later/stop', { t: '0' });
    expect((await connect(w, 'nosuch', 'later')).status).toBe(200);
    const s = await api(w, 'POST', '/containers/later/start');
    expect([s.status, err(s)]).toEqual([
      500,
      'failed to set up container networking: invalid cluster node while attaching to network',
    ]);
  });
});
