import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random';
import { NetNamespace, NetworkStack, type PortRequest, type Service } from '../../../src/core/kernel/network';

const hello = (body: string): Service => ({
  handle: async () => ({ status: 200, reason: 'OK', headers: {}, body }),
});

function ctr(stack: NetworkStack, id: string, r = seededRandom(1)) {
  const ep = stack.attachBridge(id, r)!;
  return { id, name: `n-${id}`, endpointId: ep.endpointId, ip: ep.ip, ep };
}

describe('bridge network', () => {
  it('hands out 172.17.0.2, .3 and reuses a released address', () => {
    const stack = new NetworkStack(seededRandom(1));
    expect(stack.networks.map((n) => [n.name, n.driver])).toEqual([
      ['bridge', 'bridge'],
      ['host', 'host'],
      ['none', 'null'],
    ]);
    const a = ctr(stack, 'a');
    const b = ctr(stack, 'b');
    expect([a.ip, b.ip]).toEqual(['172.17.0.2', '172.17.0.3']);
    expect(a.ep.mac).toBe('02:42:ac:11:00:02');
    stack.detach('a');
    expect(ctr(stack, 'c').ip).toBe('172.17.0.2');
  });

  it('always the lowest free address, whatever order containers come and go in', () => {
    const stack = new NetworkStack(seededRandom(1));
    const ips = ['a', 'b', 'c', 'd', 'e'].map((id) => ctr(stack, id).ip);
    expect(ips).toEqual(['172.17.0.2', '172.17.0.3', '172.17.0.4', '172.17.0.5', '172.17.0.6']);
    stack.detach('d');
    stack.detach('b');
    expect(ctr(stack, 'f').ip).toBe('172.17.0.3');
    expect(ctr(stack, 'g').ip).toBe('172.17.0.5');
    expect(ctr(stack, 'h').ip).toBe('172.17.0.7');
    stack.detach('a');
    stack.detach('h');
    expect(ctr(stack, 'i').ip).toBe('172.17.0.2');
    expect(ctr(stack, 'j').ip).toBe('172.17.0.7');
  });
});

describe('published ports', () => {
  it('routes host 127.0.0.1:8080 to the container listening on 80', async () => {
    const stack = new NetworkStack(seededRandom(1));
    const c = ctr(stack, 'web');
    const r = stack.ports.publish(
      [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, proto: 'tcp' }],
      c,
      stack.hostNetns,
    );
    expect(Array.isArray(r)).toBe(true);
    // published but nobody listens yet: docker-proxy accepts then resets
    expect(stack.connect(stack.hostNetns, '127.0.0.1', 8080)).toBe('ECONNRESET');
    c.ep.netns.listen(80, hello('nginx welcome'));
    const s = stack.connect(stack.hostNetns, 'localhost', 8080);
    expect(typeof s).toBe('object');
    const res = await (s as Service).handle({
      method: 'GET',
      path: '/',
      host: 'localhost',
      headers: {},
      body: '',
      from: '127.0.0.1',
    });
    expect(res.body).toBe('nginx welcome');
    expect(stack.connect(stack.hostNetns, '127.0.0.1', 9999)).toBe('ECONNREFUSED');
  });

  it('reports Docker conflicts exactly, all or nothing', () => {
    const stack = new NetworkStack(seededRandom(1));
    const a = ctr(stack, 'a');
    stack.ports.publish(
      [{ hostIp: '0.0.0.0', hostPort: 8000, containerPort: 8000, proto: 'tcp' }],
      a,
      stack.hostNetns,
    );
    const b = ctr(stack, 'b');
    const r = stack.ports.publish(
      [
        { hostIp: '0.0.0.0', hostPort: 9000, containerPort: 80, proto: 'tcp' },
        { hostIp: '0.0.0.0', hostPort: 8000, containerPort: 8000, proto: 'tcp' },
      ],
      { ...b, name: 'my-app' },
      stack.hostNetns,
    );
    expect(r).toEqual({
      error: `driver failed programming external connectivity on endpoint my-app (${b.endpointId}): Bind for 0.0.0.0:8000 failed: port is already allocated`,
    });
    expect(stack.ports.bindings.map((x) => x.hostPort)).toEqual([8000]);
    // udp on the same number is no conflict
    expect(
      Array.isArray(
        stack.ports.publish(
          [{ hostIp: '0.0.0.0', hostPort: 8000, containerPort: 53, proto: 'udp' }],
          b,
          stack.hostNetns,
        ),
      ),
    ).toBe(true);
  });

  it('reports a host process holding the port as address already in use', () => {
    const stack = new NetworkStack(seededRandom(1));
    stack.hostNetns.listen(8000, hello('host'));
    const c = ctr(stack, 'a');
    expect(
      stack.ports.publish(
        [{ hostIp: '0.0.0.0', hostPort: 8000, containerPort: 8000, proto: 'tcp' }],
        c,
        stack.hostNetns,
      ),
    ).toEqual({
      error: 'failed to bind host port for 0.0.0.0:8000:172.17.0.2:8000/tcp: address already in use',
    });
  });

  it('picks ephemeral host ports from 32768 for -P', () => {
    const stack = new NetworkStack(seededRandom(1));
    const c = ctr(stack, 'a');
    const r = stack.ports.publish(
      [
        { hostIp: '0.0.0.0', hostPort: 0, containerPort: 80, proto: 'tcp' },
        { hostIp: '0.0.0.0', hostPort: 0, containerPort: 443, proto: 'tcp' },
      ],
      c,
      stack.hostNetns,
    );
    expect(Array.isArray(r) && r.map((b) => b.hostPort)).toEqual([32768, 32769]);
  });
});

describe('published ports on both address families (Docker 28)', () => {
  const pub = (stack: NetworkStack, c: ReturnType<typeof ctr>, reqs: PortRequest[]) =>
    stack.ports.publish(reqs, c, stack.hostNetns);
  const summary = (r: ReturnType<NetworkStack['ports']['publish']>) =>
    Array.isArray(r) ? r.map((b) => `${b.hostIp}:${b.hostPort}->${b.containerPort}/${b.proto}`) : r;

  it('no address: 0.0.0.0 then :: with one port; exact ports before ephemeral ones, by container port', () => {
    const stack = new NetworkStack(seededRandom(1));
    const c = ctr(stack, 'a');
    const r = pub(stack, c, [
      { hostIp: '', hostPort: 0, containerPort: 443, proto: 'tcp' },
      { hostIp: '', hostPort: 0, containerPort: 80, proto: 'tcp' },
      { hostIp: '', hostPort: 8053, containerPort: 53, proto: 'udp' },
      { hostIp: '127.0.0.1', hostPort: 9000, containerPort: 9000, proto: 'tcp' },
    ]);
    expect(summary(r)).toEqual([
      '0.0.0.0:8053->53/udp',
      ':::8053->53/udp',
      '127.0.0.1:9000->9000/tcp',
      '0.0.0.0:32768->80/tcp',
      ':::32768->80/tcp',
      '0.0.0.0:32769->443/tcp',
      ':::32769->443/tcp',
    ]);
  });

  it('an ephemeral port skips one that is taken on either family', () => {
    const stack = new NetworkStack(seededRandom(1));
    pub(stack, ctr(stack, 'a'), [{ hostIp: '::', hostPort: 32768, containerPort: 80, proto: 'tcp' }]);
    const r = pub(stack, ctr(stack, 'b'), [{ hostIp: '', hostPort: 0, containerPort: 80, proto: 'tcp' }]);
    expect(summary(r)).toEqual(['0.0.0.0:32769->80/tcp', ':::32769->80/tcp']);
  });

  it('a host port range takes its first port free on both families', () => {
    const stack = new NetworkStack(seededRandom(1));
    pub(stack, ctr(stack, 'a'), [{ hostIp: '0.0.0.0', hostPort: 8000, containerPort: 80, proto: 'tcp' }]);
    const b = ctr(stack, 'b');
    expect(
      summary(
        pub(stack, b, [{ hostIp: '', hostPort: 8000, hostPortEnd: 8002, containerPort: 80, proto: 'tcp' }]),
      ),
    ).toEqual(['0.0.0.0:8001->80/tcp', ':::8001->80/tcp']);
    expect(
      pub(stack, ctr(stack, 'c'), [
        { hostIp: '0.0.0.0', hostPort: 8000, hostPortEnd: 8001, containerPort: 80, proto: 'tcp' },
      ]),
    ).toEqual({
      error: expect.stringMatching(/\): all ports are allocated$/),
    });
  });

  it('[::1] reaches a port published on :: but not one bound to 127.0.0.1 only', () => {
    const stack = new NetworkStack(seededRandom(1));
    const a = ctr(stack, 'a');
    a.ep.netns.listen(80, hello('a'));
    pub(stack, a, [{ hostIp: '', hostPort: 8080, containerPort: 80, proto: 'tcp' }]);
    const b = ctr(stack, 'b');
    b.ep.netns.listen(80, hello('b'));
    pub(stack, b, [{ hostIp: '127.0.0.1', hostPort: 9090, containerPort: 80, proto: 'tcp' }]);
    expect(typeof stack.connect(stack.hostNetns, '::1', 8080)).toBe('object');
    expect(typeof stack.connect(stack.hostNetns, '127.0.0.1', 9090)).toBe('object');
    expect(stack.connect(stack.hostNetns, '::1', 9090)).toBe('ECONNREFUSED');
  });

  it('the IPv6 conflict is named as portallocator prints it (:::port)', () => {
    const stack = new NetworkStack(seededRandom(1));
    pub(stack, ctr(stack, 'a'), [{ hostIp: '::', hostPort: 8000, containerPort: 80, proto: 'tcp' }]);
    const b = ctr(stack, 'b');
    expect(pub(stack, b, [{ hostIp: '', hostPort: 8000, containerPort: 80, proto: 'tcp' }])).toEqual({
      error: `driver failed programming external connectivity on endpoint n-b (${b.endpointId}): Bind for :::8000 failed: port is already allocated`,
    });
    expect(stack.ports.bindings).toHaveLength(1);
  });

  it('a host process on ::1 makes the IPv6 bind fail after the IPv4 one; one on 0.0.0.0 leaves :: free (V6ONLY)', () => {
    const stack = new NetworkStack(seededRandom(1));
    stack.hostNetns.listen(8000, hello('host'), '::1');
    const c = ctr(stack, 'a');
    expect(pub(stack, c, [{ hostIp: '', hostPort: 8000, containerPort: 80, proto: 'tcp' }])).toEqual({
      error: 'failed to bind host port for [::]:8000:172.17.0.2:80/tcp: address already in use',
    });
    stack.hostNetns.unlisten(8000);
    stack.hostNetns.listen(8000, hello('host'), '0.0.0.0');
    expect(pub(stack, c, [{ hostIp: '::', hostPort: 8000, containerPort: 80, proto: 'tcp' }])).toHaveLength(
      1,
    );
    expect(
      pub(stack, ctr(stack, 'b'), [{ hostIp: '', hostPort: 0, containerPort: 80, proto: 'tcp' }]),
    ).toEqual([
      expect.objectContaining({ hostIp: '0.0.0.0', hostPort: 32768 }),
      expect.objectContaining({ hostIp: '::', hostPort: 32768 }),
    ]);
  });
});

describe('reaching the outside world', () => {
  it('works from the bridge, not with --network none', () => {
    const stack = new NetworkStack(seededRandom(1));
    stack.outside.set('pypi.org', hello('simple index'));
    const c = ctr(stack, 'a');
    expect(typeof stack.connect(c.ep.netns, 'pypi.org', 443)).toBe('object');
    expect(stack.connect(c.ep.netns, 'nowhere.example', 443)).toBe('ENOTFOUND');
    const none = new NetNamespace('none', { routeOut: false });
    expect(stack.connect(none, 'pypi.org', 443)).toBe('ENOTFOUND');
    expect(stack.connect(none, '172.17.0.2', 80)).toBe('ENETUNREACH');
  });

  it('lets containers on the bridge reach each other by IP', () => {
    const stack = new NetworkStack(seededRandom(1));
    const a = ctr(stack, 'a');
    const b = ctr(stack, 'b');
    b.ep.netns.listen(6379, hello('redis'));
    expect(typeof stack.connect(a.ep.netns, b.ip, 6379)).toBe('object');
    expect(stack.connect(a.ep.netns, b.ip, 80)).toBe('ECONNREFUSED');
  });
});
