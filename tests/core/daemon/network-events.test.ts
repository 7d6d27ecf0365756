// Network connect/disconnect events around a container's life, in moby's order:
// connectToNetwork logs `connect` after the task is created and before `start`;
// handleContainerExit's Cleanup logs `disconnect` before `die`; a start that fails
// after the sandbox exists still runs Cleanup, so it logs `disconnect` alone.
import { describe, expect, it } from 'vitest';
import { isJsonStream, type ApiResponse } from '../../../src/core/daemon/api';
import type { World } from '../../../src/core/world';
import { api, create, drive, json, runAttached, runDetached, settle, worldWith } from './containers-harness';

const SLIM = 'python:3.13-slim';

/** "container start" / "network connect bridge" lines of everything logged so far. */
function timeline(w: World): string[] {
  return w.events
    .all()
    .filter((e) => e.Type === 'container' || e.Type === 'network')
    .map((e) =>
      e.Type === 'network'
        ? `network ${e.Action} ${e.Actor.Attributes.name}`
        : `container ${e.Action}${e.Actor.Attributes.signal ? ' ' + e.Actor.Attributes.signal : ''}`,
    );
}

async function readStream(w: World, r: ApiResponse, max = 100): Promise<Record<string, unknown>[]> {
  if (!isJsonStream(r)) throw new Error(`expected a JSON stream, got ${r.status}`);
  const out: Record<string, unknown>[] = [];
  await drive(
    w,
    (async () => {
      for await (const d of r.json) {
        out.push(d as Record<string, unknown>);
        if (out.length >= max) break;
      }
    })(),
  );
  return out;
}

describe('network events of a run', () => {
  it('docker run: create, attach, network connect, start; the exit: network disconnect, then die', async () => {
    const w = await worldWith([SLIM]);
    const r = await runAttached(w, { Image: SLIM, Cmd: ['true'] }, 'evdemo');
    expect(r.code).toBe(0);
    expect(timeline(w)).toEqual([
      'container create',
      'container attach',
      'network connect bridge',
      'container start',
      'network disconnect bridge',
      'container die',
    ]);
    const bridge = w.network.bridge;
    const connect = w.events.all().find((e) => e.Action === 'connect')!;
    expect(connect).toMatchObject({
      Type: 'network',
      Actor: { ID: bridge.id, Attributes: { container: r.id, name: 'bridge', type: 'bridge' } },
      scope: 'local',
    });
    // the API shape: no legacy status/id/from on network events
    const msg = (
      await readStream(
        w,
        await api(w, 'GET', '/events', {
          since: '0',
          until: String(Math.floor(w.clock.now() / 1000) + 1),
          filters: JSON.stringify({ type: { network: true } }),
        }),
      )
    ).map((m) => Object.keys(m).join(','));
    expect(msg).toEqual(['Type,Action,Actor,scope,time,timeNano', 'Type,Action,Actor,scope,time,timeNano']);
  });

  it('docker stop: kill 15, kill 9, network disconnect, die, stop', async () => {
    const w = await worldWith([SLIM]);
    await runDetached(w, { Image: SLIM, Cmd: ['sleep', '3600'] }, 'sleeper');
    expect((await api(w, 'POST', '/containers/sleeper/stop', { t: '1' })).status).toBe(204);
    expect(timeline(w)).toEqual([
      'container create',
      'network connect bridge',
      'container start',
      'container kill 15',
      'container kill 9',
      'network disconnect bridge',
      'container die',
      'container stop',
    ]);
  });

  it('rm -f of a running container: kill, disconnect, die, destroy; rm of a stopped one logs no network event', async () => {
    const w = await worldWith([SLIM]);
    await runDetached(w, { Image: SLIM, Cmd: ['sleep', '3600'] }, 'aa');
    expect((await api(w, 'DELETE', '/containers/aa', { force: '1' })).status).toBe(204);
    expect(timeline(w).slice(3)).toEqual([
      'container kill 9',
      'network disconnect bridge',
      'container die',
      'container destroy',
    ]);
    await create(w, { Image: SLIM, Cmd: ['true'] }, 'bb');
    await api(w, 'DELETE', '/containers/bb');
    expect(timeline(w).slice(-2)).toEqual(['container create', 'container destroy']);
  });

  it('--network host and --network none join the host and none networks (drivers host and null)', async () => {
    const w = await worldWith([SLIM]);
    await runAttached(w, { Image: SLIM, Cmd: ['true'], HostConfig: { NetworkMode: 'host' } });
    await runAttached(w, { Image: SLIM, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    const net = w.events
      .all()
      .filter((e) => e.Type === 'network')
      .map((e) => [e.Action, e.Actor.Attributes.name, e.Actor.Attributes.type, e.Actor.ID]);
    const id = (name: string) => w.network.networks.find((n) => n.name === name)!.id;
    expect(net).toEqual([
      ['connect', 'host', 'host', id('host')],
      ['disconnect', 'host', 'host', id('host')],
      ['connect', 'none', 'null', id('none')],
      ['disconnect', 'none', 'null', id('none')],
    ]);
  });

  it('a user-defined network is named in its events', async () => {
    const w = await worldWith([SLIM]);
    const made = await api(w, 'POST', '/networks/create', {}, { Name: 'appnet' });
    const netId = (json(made) as { Id: string }).Id;
    await runAttached(w, { Image: SLIM, Cmd: ['true'], HostConfig: { NetworkMode: 'appnet' } });
    expect(
      w.events
        .all()
        .filter((e) => e.Type === 'network')
        .map(
          (e) => `${e.Action} ${e.Actor.ID === netId} ${e.Actor.Attributes.name} ${e.Actor.Attributes.type}`,
        ),
    ).toEqual(['create true appnet bridge', 'connect true appnet bridge', 'disconnect true appnet bridge']);
  });

  it('a failed start (command not found, port taken) logs disconnect without connect, and no start or die', async () => {
    const w = await worldWith([SLIM]);
    const id = await create(w, { Image: SLIM, Cmd: ['nosuch'] }, 'bad');
    expect((await api(w, 'POST', `/containers/${id}/start`)).status).toBe(400);
    expect(timeline(w)).toEqual(['container create', 'network disconnect bridge']);
    const ports = { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8000' }] } };
    await runDetached(w, { Image: SLIM, Cmd: ['sleep', '300'], HostConfig: ports }, 'first');
    const second = await create(w, { Image: SLIM, Cmd: ['sleep', '300'], HostConfig: ports }, 'second');
    expect((await api(w, 'POST', `/containers/${second}/start`)).status).toBe(500);
    expect(timeline(w).slice(-5)).toEqual([
      'container create',
      'network connect bridge',
      'container start',
      'container create',
      'network disconnect bridge',
    ]);
  });

  it('a restart policy: disconnect and die, then connect and start again', async () => {
    const w = await worldWith([SLIM]);
    await runDetached(
      w,
      {
        Image: SLIM,
        Cmd: ['sh', '-c', 'exit 1'],
        HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 1 } },
      },
      'flaky',
    );
    await settle(w, 5000);
    expect(timeline(w)).toEqual([
      'container create',
      'network connect bridge',
      'container start',
      'network disconnect bridge',
      'container die',
      'network connect bridge',
      'container start',
      'network disconnect bridge',
      'container die',
    ]);
  });
});

describe('event filters (daemon/events/filter.go)', () => {
  it('type=network keeps the network events; container=NAME keeps only that container`s; network=bridge its endpoints', async () => {
    const w = await worldWith([SLIM]);
    await runAttached(w, { Image: SLIM, Cmd: ['true'] }, 'web');
    const until = String(Math.floor(w.clock.now() / 1000) + 1);
    const read = async (filters: Record<string, Record<string, boolean>>) =>
      (
        await readStream(
          w,
          await api(w, 'GET', '/events', { since: '0', until, filters: JSON.stringify(filters) }),
        )
      ).map((m) => `${m.Type as string} ${m.Action as string}`);
    expect(await read({ type: { network: true } })).toEqual(['network connect', 'network disconnect']);
    expect(await read({ container: { web: true } })).toEqual([
      'container create',
      'container attach',
      'container start',
      'container die',
    ]);
    expect(await read({ network: { bridge: true } })).toEqual(['network connect', 'network disconnect']);
    // fuzzyMatchName looks at any event's actor: a network ID prefix under container= keeps the network's events
    expect(await read({ container: { [w.network.bridge.id.slice(0, 12)]: true } })).toEqual([
      'network connect',
      'network disconnect',
    ]);
  });
});
