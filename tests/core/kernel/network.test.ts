import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random';
import { NetNamespace, NetworkStack, type Service } from '../../../src/core/kernel/network';

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
});

describe('published ports', () => {
  it('routes host 127.0.0.1:8080 to the container listening on 80', async () => {
    const stack = new NetworkStack(seededRandom(1));
    const c = ctr(stack, 'web');
    const r = stack.ports.publish([{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, proto: 'tcp' }], c, stack.hostNetns);
    expect(Array.isArray(r)).toBe(true);
    // published but nobody listens yet: docker-proxy accepts then resets
    expect(stack.connect(stack.hostNetns, '127.0.0.1', 8080)).toBe('ECONNRESET');
    c.ep.netns.listen(80, hello('nginx welcome'));
    const s = stack.connect(stack.hostNetns, 'localhost', 8080);
    expect(typeof s).toBe('object');
    const res = await (s as Service).handle({ method: 'GET', path: '/', host: 'localhost', headers: {}, body: '', from: '127.0.0.1' });
    expect(res.body).toBe('nginx welcome');
    expect(stack.connect(stack.hostNetns, '127.0.0.1', 9999)).toBe('ECONNREFUSED');
  });

  it('reports Docker conflicts exactly, all or nothing', () => {
    const stack = new NetworkStack(seededRandom(1));
    const a = ctr(stack, 'a');
    stack.ports.publish([{ hostIp: '0.0.0.0', hostPort: 8000, containerPort: 8000, proto: 'tcp' }], a, stack.hostNetns);
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
    expect(Array.isArray(stack.ports.publish([{ hostIp: '0.0.0.0', hostPort: 8000, containerPort: 53, proto: 'udp' }], b, stack.hostNetns))).toBe(true);
  });

  it('reports a host process holding the port as address already in use', () => {
    const stack = new NetworkStack(seededRandom(1));
    stack.hostNetns.listen(8000, hello('host'));
    const c = ctr(stack, 'a');
    expect(stack.ports.publish([{ hostIp: '0.0.0.0', hostPort: 8000, containerPort: 8000, proto: 'tcp' }], c, stack.hostNetns)).toEqual({
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
