import { describe, expect, it } from 'vitest';
import { MessageStream, Router, boolValue } from '../../../src/core/daemon/engine';
import { createWorld } from '../../../src/core/world';

describe('Router', () => {
  it('matches gorilla-style patterns in registration order', () => {
    const r = new Router();
    r.add('GET', '/images/json', () => ({ status: 200, body: 'list' }));
    r.add('GET', '/images/{name:.*}/json', (q) => ({ status: 200, body: q.params.name }));
    r.add('POST', '/containers/{id}/start', (q) => ({ status: 204, body: q.params.id }));
    expect(r.match('GET', '/images/json')?.params).toEqual({});
    expect(r.match('GET', '/images/ghcr.io/astral-sh/uv:latest/json')?.params).toEqual({
      name: 'ghcr.io/astral-sh/uv:latest',
    });
    expect(r.match('GET', '/images/a%2Fb/json')?.params).toEqual({ name: 'a/b' });
    expect(r.match('GET', '/images/100%/json')?.params).toEqual({ name: '100%' });
    expect(r.match('POST', '/containers/abc/start')?.params).toEqual({ id: 'abc' });
    expect(r.match('POST', '/containers/a/b/start')).toBeUndefined();
    expect(r.match('DELETE', '/images/json')).toBeUndefined();
    expect(r.match('HEAD', '/images/json')).toBeDefined();
  });

  it('reads booleans as httputils.BoolValue', () => {
    for (const v of ['1', 'true', 'True', 'yes', 'x']) expect(boolValue({ f: v }, 'f')).toBe(true);
    for (const v of ['', '0', 'no', 'false', 'none', ' FALSE ']) expect(boolValue({ f: v }, 'f')).toBe(false);
    expect(boolValue({}, 'f')).toBe(false);
  });
});

describe('Engine', () => {
  it('answers unknown routes with page not found and pings with OK', async () => {
    const { engine } = createWorld();
    expect(await engine.request({ method: 'GET', path: '/nope' })).toEqual({
      status: 404,
      body: { message: 'page not found' },
    });
    expect(await engine.request({ method: 'GET', path: '/_ping' })).toEqual({ status: 200, body: 'OK' });
    expect(await engine.request({ method: 'HEAD', path: '/v1.51/_ping' })).toEqual({
      status: 200,
      body: 'OK',
    });
    expect((await engine.request({ method: 'GET', path: '/v1.51/images/json' })).status).toBe(200);
  });

  it('lets later parts register routes on the same router', async () => {
    const { engine } = createWorld();
    engine.router.add('GET', '/containers/json', () => ({ status: 200, body: [] }));
    expect(await engine.request({ method: 'GET', path: '/containers/json' })).toEqual({
      status: 200,
      body: [],
    });
  });
});

describe('MessageStream', () => {
  it('buffers, delivers in order, and ends', async () => {
    const s = new MessageStream<number>();
    s.push(1);
    s.push(2);
    const got: number[] = [];
    const reader = (async () => {
      for await (const m of s) got.push(m);
    })();
    await Promise.resolve();
    s.push(3);
    s.end();
    s.push(4);
    await reader;
    expect(got).toEqual([1, 2, 3]);
  });

  it('runs the cancel handler once when the reader hangs up', async () => {
    const s = new MessageStream<number>();
    let cancels = 0;
    s.onCancel(() => cancels++);
    s.push(1);
    s.push(2);
    for await (const m of s) if (m === 1) break;
    s.cancel();
    expect(cancels).toBe(1);
    expect(s.isEnded).toBe(true);
  });
});
