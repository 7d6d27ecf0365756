// Address allocation on user-defined networks, as libnetwork's default IPAM does
// it for local networks (addrset.AddAnyInRange with serial=false, moby v28): the
// lowest free address of the ip-range or subnet, skipping the gateway and the
// auxiliary addresses; a freed address is handed out again at once. The in-use
// set is kept in step with endpoints leaving, so allocation does not rescan them.
import { describe, expect, it, vi } from 'vitest';
import type { World } from '../../../src/core/world';
import { api, json, worldWith } from './containers-harness';

const IMAGE = 'alpine:latest';

async function run(w: World, name: string, net: string): Promise<string> {
  const c = await api(w, 'POST', '/containers/create', { name }, { Image: IMAGE, Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: net } });
  expect(c.status, JSON.stringify(json(c))).toBe(201);
  const s = await api(w, 'POST', `/containers/${name}/start`);
  expect(s.status, JSON.stringify(json(s))).toBe(204);
  return ipOf(w, name, net);
}

async function ipOf(w: World, name: string, net: string): Promise<string> {
  const i = json(await api(w, 'GET', `/containers/${name}/json`)) as {
    NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
  };
  return i.NetworkSettings.Networks[net].IPAddress;
}

const stop = (w: World, name: string) => api(w, 'POST', `/containers/${name}/stop`, { t: '0' });

describe('user-defined network IPAM', () => {
  it('the lowest free address of the subnet after the gateway; a freed one at once', async () => {
    const w = await worldWith([IMAGE]);
    await api(w, 'POST', '/networks/create', {}, { Name: 'appnet' });
    const ips = [];
    for (const n of ['a1', 'a2', 'a3', 'a4']) ips.push(await run(w, n, 'appnet'));
    expect(ips).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4', '172.18.0.5']);
    await stop(w, 'a3');
    await stop(w, 'a2');
    // not .6 (after the last one handed out): the lowest free, .3, then .4
    expect(await run(w, 'a5', 'appnet')).toBe('172.18.0.3');
    expect(await run(w, 'a6', 'appnet')).toBe('172.18.0.4');
    expect(await run(w, 'a7', 'appnet')).toBe('172.18.0.6');
    // the in-use set followed the endpoints that left: no allocation rescanned them
    const net = w.network.network('appnet')!;
    const values = vi.spyOn(net.endpoints, 'values');
    await stop(w, 'a5');
    expect(await run(w, 'a8', 'appnet')).toBe('172.18.0.3');
    expect(values).not.toHaveBeenCalled();
    values.mockRestore();
    // a restarted container takes whatever is lowest then
    await stop(w, 'a1');
    expect((await api(w, 'POST', '/containers/a2/start')).status).toBe(204);
    expect(await ipOf(w, 'a2', 'appnet')).toBe('172.18.0.2');
  });

  it('an ip-range with a gateway and an auxiliary address inside it: those are skipped, freed ones reused', async () => {
    const w = await worldWith([IMAGE]);
    const r = await api(w, 'POST', '/networks/create', {}, {
      Name: 'ranged',
      IPAM: {
        Config: [{ Subnet: '10.9.0.0/16', IPRange: '10.9.4.0/30', Gateway: '10.9.4.1', AuxiliaryAddresses: { host: '10.9.4.2' } }],
      },
    });
    expect(r.status, JSON.stringify(json(r))).toBe(201);
    // 10.9.4.0/30: .0 (the range's first address is allocatable inside a bigger subnet), .1 gateway, .2 aux, .3
    expect(await run(w, 'r1', 'ranged')).toBe('10.9.4.0');
    expect(await run(w, 'r2', 'ranged')).toBe('10.9.4.3');
    const full = await api(w, 'POST', '/containers/create', { name: 'r3' }, { Image: IMAGE, Cmd: ['sleep', '1'], HostConfig: { NetworkMode: 'ranged' } });
    expect((await api(w, 'POST', `/containers/${(json(full) as { Id: string }).Id}/start`)).status).toBe(500);
    await stop(w, 'r1');
    expect(await run(w, 'r4', 'ranged')).toBe('10.9.4.0');
  });
});
