// The list keeps each container's unchanging Summary parts between lists: after
// every change that replaces what they come from (rename, network connect and
// disconnect, stop and start), a list says what inspect says.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { World } from '../../../src/core/world';
import { api, inspect, json, runDetached, settle, worldWith } from './containers-harness';

const SLIM = 'python:3.13-slim';

type Endpoint = { NetworkID: string; EndpointID: string; IPAddress: string; MacAddress: string };
type Summary = {
  Id: string;
  Names: string[];
  Command: string;
  State: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, Endpoint> };
};

async function listed(w: World, id: string): Promise<Summary> {
  const all = json(await api(w, 'GET', '/containers/json', { all: '1' })) as Summary[];
  const s = all.find((c) => c.Id === id);
  if (!s) throw new Error(`${id} not listed`);
  return s;
}

/** The list's entry agrees with inspect on name, state and every network's endpoint. */
async function agrees(w: World, id: string): Promise<Summary> {
  const s = await listed(w, id);
  const i = await inspect(w, id);
  expect(s.Names).toEqual([i.Name]);
  expect(s.State).toBe(i.State.Status);
  const nets = i.NetworkSettings.Networks as Record<string, Endpoint>;
  expect(Object.keys(s.NetworkSettings.Networks)).toEqual(Object.keys(nets));
  for (const [name, n] of Object.entries(nets))
    expect(s.NetworkSettings.Networks[name]).toMatchObject({
      NetworkID: n.NetworkID,
      EndpointID: n.EndpointID,
      IPAddress: n.IPAddress,
      MacAddress: n.MacAddress,
    });
  return s;
}

describe('GET /containers/json after changes', () => {
  it('rename, connect, disconnect, stop and start each show in the next list', async () => {
    const w = await worldWith([SLIM]);
    const id = await runDetached(w, { Image: SLIM, Cmd: ['sleep', '3600'] }, 'web');
    const first = await agrees(w, id);
    expect(first.NetworkSettings.Networks.bridge.IPAddress).not.toBe('');
    expect(first.Command).toBe('sleep 3600');

    expect((await api(w, 'POST', '/containers/web/rename', { name: 'site' })).status).toBe(204);
    expect((await agrees(w, id)).Names).toEqual(['/site']);

    expect((await api(w, 'POST', '/networks/create', {}, { Name: 'appnet' })).status).toBe(201);
    const body = { Container: 'site', EndpointConfig: null };
    expect((await api(w, 'POST', '/networks/appnet/connect', {}, body)).status).toBe(200);
    const joined = await agrees(w, id);
    expect(Object.keys(joined.NetworkSettings.Networks)).toEqual(['bridge', 'appnet']);
    expect(joined.NetworkSettings.Networks.appnet.IPAddress).not.toBe('');

    expect((await api(w, 'POST', '/containers/site/stop', { t: '0' })).status).toBe(204);
    const stopped = await agrees(w, id);
    expect(stopped.NetworkSettings.Networks.bridge.IPAddress).toBe('');
    expect(stopped.NetworkSettings.Networks.appnet.EndpointID).toBe('');

    const off = { Container: 'site', Force: false };
    expect((await api(w, 'POST', '/networks/appnet/disconnect', {}, off)).status).toBe(200);
    expect(Object.keys((await agrees(w, id)).NetworkSettings.Networks)).toEqual(['bridge']);

    expect((await api(w, 'POST', '/containers/site/start')).status).toBe(204);
    const again = await agrees(w, id);
    expect(again.NetworkSettings.Networks.bridge.IPAddress).not.toBe('');
    expect(again.NetworkSettings.Networks.bridge.EndpointID).not.toBe(
      first.NetworkSettings.Networks.bridge.EndpointID,
    );
  });
});

/** The list without sizes (kept summaries) and the list with sizes (always built afresh), sizes dropped. */
async function bothLists(w: World): Promise<[unknown[], unknown[]]> {
  const kept = json(await api(w, 'GET', '/containers/json', { all: '1' })) as unknown[];
  const fresh = (
    json(await api(w, 'GET', '/containers/json', { all: '1', size: '1' })) as Record<string, unknown>[]
  ).map(({ SizeRw: _rw, SizeRootFs: _root, ...rest }) => rest);
  return [kept, fresh];
}

describe('kept summaries', () => {
  it('a list of unchanged containers hands out the same summaries again', async () => {
    const w = await worldWith([SLIM]);
    await runDetached(w, { Image: SLIM, Cmd: ['sleep', '3600'] }, 'web');
    const a = json(await api(w, 'GET', '/containers/json')) as unknown[];
    const b = json(await api(w, 'GET', '/containers/json')) as unknown[];
    expect(b[0]).toBe(a[0]);
  });

  it('after every change and any wait, a kept summary equals a freshly built one', async () => {
    const ops = fc.array(
      fc.oneof(
        fc.record({
          op: fc.constant('wait' as const),
          ms: fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 90_000_000 })),
        }),
        fc.record({
          op: fc.constantFrom(
            'stop',
            'start',
            'pause',
            'unpause',
            'kill',
            'rename',
            'restart',
            'rm',
            'run',
            'tag',
            'connect',
            'disconnect',
          ),
          who: fc.integer({ min: 0, max: 2 }),
        }),
      ),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(ops, async (steps) => {
        const w = await worldWith([SLIM]);
        expect((await api(w, 'POST', '/networks/create', {}, { Name: 'appnet' })).status).toBe(201);
        const names = ['c0', 'c1', 'c2'];
        for (const n of names) await runDetached(w, { Image: SLIM, Cmd: ['sleep', '360000'] }, n);
        let renamed = 0;
        for (const s of steps) {
          if (s.op === 'wait') await settle(w, s.ms);
          else {
            const n = names[s.who];
            const path = `/containers/${n}`;
            if (s.op === 'rename') {
              const to = `r${renamed++}`;
              if ((await api(w, 'POST', `${path}/rename`, { name: to })).status === 204) names[s.who] = to;
            } else if (s.op === 'rm') await api(w, 'DELETE', path, { force: '1' });
            else if (s.op === 'run') {
              if ((await api(w, 'GET', `${path}/json`)).status === 404)
                await runDetached(w, { Image: SLIM, Cmd: ['sleep', '360000'] }, n);
            } else if (s.op === 'tag')
              await api(w, 'POST', `/images/${SLIM}/tag`, { repo: 'python', tag: '3.13-slim' });
            else if (s.op === 'connect' || s.op === 'disconnect')
              await api(w, 'POST', `/networks/appnet/${s.op}`, {}, { Container: n });
            else
              await api(
                w,
                'POST',
                `${path}/${s.op}`,
                s.op === 'stop' || s.op === 'restart' ? { t: '0' } : {},
              );
            await settle(w);
          }
          const [kept, fresh] = await bothLists(w);
          expect(kept).toEqual(fresh);
        }
      }),
      { numRuns: 25 },
    );
  });
});
