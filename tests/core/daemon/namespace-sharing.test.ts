// Sharing namespaces through the Engine API: --network container:X (moby initializeNetworking,
// getNetworkedContainer, validateNetContainerMode) and --ipc shareable|container:X (setupIPCDirs,
// getIPCContainer): what is stored at create, what the start takes from the donor, the statuses.
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src/core/daemon/api';
import { api, create, exec, inspect, json, runDetached, worldWith } from './containers-harness';

const IMG = 'alpine:3.22';
const err = (r: ApiResponse) => [r.status, (json(r) as { message: string }).message];
const netEvents = (w: Awaited<ReturnType<typeof worldWith>>) =>
  w.events
    .all()
    .filter((e) => e.Type === 'network')
    .map((e) => `${e.Action} ${e.Actor.Attributes.container.slice(0, 4)}`);

describe('--network container:X through the Engine API', () => {
  it("stores the donor's ID, takes its hostname and files at start, and owns no network", async () => {
    const w = await worldWith([IMG]);
    const web = await runDetached(w, { Image: IMG, Cmd: ['sleep', '300'] }, 'web');
    const side = await create(
      w,
      { Image: IMG, Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'container:web' } },
      'side',
    );
    let i = await inspect(w, side);
    expect(i.HostConfig.NetworkMode).toBe(`container:${web}`);
    // newContainer's default hostname until the start replaces it
    expect(i.Config.Hostname).toBe(side.slice(0, 12));
    // and no networking files before its first start
    expect(i.HostsPath).toBe('');

    expect((await api(w, 'POST', `/containers/${side}/start`)).status).toBe(204);
    i = await inspect(w, side);
    const donor = await inspect(w, web);
    expect(i.Config.Hostname).toBe(donor.Config.Hostname);
    for (const k of ['HostsPath', 'HostnamePath', 'ResolvConfPath']) expect(i[k]).toBe(donor[k]);
    expect(i.NetworkSettings.Networks).toEqual({});
    expect(i.NetworkSettings.Ports).toEqual({});
    expect([i.NetworkSettings.SandboxID, i.NetworkSettings.SandboxKey, i.NetworkSettings.IPAddress]).toEqual([
      '',
      '',
      '',
    ]);
    // the same eth0 and the same /etc/hosts
    expect((await exec(w, side, ['hostname', '-i'])).out).toBe(`${donor.NetworkSettings.IPAddress}\n`);
    const hosts = await exec(w, side, ['cat', '/etc/hosts']);
    expect(hosts.out).toBe((await exec(w, web, ['cat', '/etc/hosts'])).out);
    // the joiner's start and stop are no network events: it has no sandbox (releaseNetwork returns)
    expect((await api(w, 'POST', `/containers/${side}/stop`, { t: '0' })).status).toBe(204);
    expect(netEvents(w)).toEqual([`connect ${web.slice(0, 4)}`]);
    // the ID is kept: a renamed donor is still the one joined
    expect((await api(w, 'POST', `/containers/web/rename`, { name: 'www' })).status).toBe(204);
    expect((await api(w, 'POST', `/containers/${side}/start`)).status).toBe(204);
    // nor can it join a network of its own
    expect(err(await api(w, 'POST', '/networks/bridge/connect', {}, { Container: side }))).toEqual([
      400,
      'container sharing network namespace with another container or host cannot be connected to any other network',
    ]);
    // stopped, the network is recorded (updateNetworkSettings finds nothing to conflict with) and never joined
    expect((await api(w, 'POST', `/containers/${side}/stop`, { t: '0' })).status).toBe(204);
    expect((await api(w, 'POST', '/networks/bridge/connect', {}, { Container: side })).status).toBe(200);
    expect((await api(w, 'POST', `/containers/${side}/start`)).status).toBe(204);
    i = await inspect(w, side);
    expect(Object.keys(i.NetworkSettings.Networks)).toEqual(['bridge']);
    expect(i.NetworkSettings.Networks.bridge.IPAddress).toBe('');
    expect((await exec(w, side, ['hostname', '-i'])).out).toBe(`${donor.NetworkSettings.IPAddress}\n`);
  });

  it('start errors carry the statuses moby gives them; the conflicts fail the create with 400', async () => {
    const w = await worldWith([IMG]);
    const idle = await create(w, { Image: IMG, Cmd: ['true'] }, 'idle');
    const start = async (mode: string, name: string) => {
      const id = await create(w, { Image: IMG, Cmd: ['true'], HostConfig: { NetworkMode: mode } }, name);
      const r = await api(w, 'POST', `/containers/${id}/start`);
      return [...err(r), (await inspect(w, id)).State.Error];
    };
    expect(await start('container:nope', 'j1')).toEqual([
      500,
      'joining network namespace of container: No such container: nope',
      'joining network namespace of container: No such container: nope',
    ]);
    expect(await start(`container:${idle.slice(0, 6)}`, 'j2')).toEqual([
      409,
      'cannot join network namespace of a non running container: container idle is created',
      'cannot join network namespace of a non running container: container idle is created',
    ]);
    expect(await start('container:j3', 'j3')).toEqual([
      500,
      'cannot join own network namespace',
      'cannot join own network namespace',
    ]);
    const bad = async (body: Record<string, unknown>) =>
      err(
        await api(
          w,
          'POST',
          '/containers/create',
          {},
          { Image: IMG, ...body, HostConfig: { NetworkMode: 'container:idle', ...(body.HostConfig ?? {}) } },
        ),
      );
    expect(await bad({ Hostname: 'box' })).toEqual([
      400,
      'conflicting options: hostname and the network mode',
    ]);
    expect(await bad({ HostConfig: { PublishAllPorts: true } })).toEqual([
      400,
      'conflicting options: port publishing and the container type network mode',
    ]);
    expect(await bad({ ExposedPorts: { '80/tcp': {} } })).toEqual([
      400,
      'conflicting options: port exposing and the container type network mode',
    ]);
  });
});

describe('--ipc through the Engine API', () => {
  it('shareable and container:X share one /dev/shm; the donor is stored by ID and looked up at create', async () => {
    const w = await worldWith([IMG]);
    const shr = await runDetached(
      w,
      { Image: IMG, Cmd: ['sleep', '300'], HostConfig: { IpcMode: 'shareable' } },
      'shr',
    );
    const prv = await runDetached(w, { Image: IMG, Cmd: ['sleep', '300'] }, 'prv');
    expect((await inspect(w, prv)).HostConfig.IpcMode).toBe('private');
    const j = await runDetached(
      w,
      {
        Image: IMG,
        Cmd: ['sleep', '300'],
        HostConfig: { IpcMode: 'container:shr', PidMode: 'container:shr' },
      },
      'joiner',
    );
    const hc = (await inspect(w, j)).HostConfig;
    expect([hc.IpcMode, hc.PidMode]).toEqual([`container:${shr}`, `container:${shr}`]);
    await exec(w, j, ['sh', '-c', 'echo x > /dev/shm/f']);
    expect((await exec(w, shr, ['cat', '/dev/shm/f'])).out).toBe('x\n');
    expect((await exec(w, prv, ['ls', '/dev/shm'])).out).toBe('');

    const createWith = (IpcMode: string) =>
      api(w, 'POST', '/containers/create', {}, { Image: IMG, Cmd: ['true'], HostConfig: { IpcMode } });
    expect(err(await createWith('container:nope'))).toEqual([400, 'No such container: nope']);
    const startWith = async (IpcMode: string) => {
      const r = await createWith(IpcMode);
      return err(await api(w, 'POST', `/containers/${(json(r) as { Id: string }).Id}/start`));
    };
    expect(await startWith('container:prv')).toEqual([
      400,
      `failed to join IPC namespace: container ${prv}: non-shareable IPC (hint: use IpcMode:shareable for the donor container)`,
    ]);
    expect((await api(w, 'POST', `/containers/shr/stop`, { t: '0' })).status).toBe(204);
    expect(await startWith('container:shr')).toEqual([
      409,
      `failed to join IPC namespace: container ${shr} is not running`,
    ]);
  });
});
