// A --network container:X container has no sandbox: docker stats walks to the
// donor's (getNetworkSandboxID) and reports its interfaces' counters; --network
// none has only lo, which libnetwork does not list. When the donor stops its
// sandbox is deleted: the joiner's sample fails (SandboxByID("")), so the
// collector publishes the empty response and one-shot reports the error; and its
// endpoint's leave took the address out of the shared /etc/hosts, so BusyBox's
// `hostname -i` finds nothing, as a real Alpine container with only lo prints.
import { describe, expect, it } from 'vitest';
import { api, exec, inspect, json, runDetached, settle, worldWith } from './containers-harness';

const IMG = 'alpine:latest';
type Stats = { read: string; networks?: Record<string, { rx_bytes: number; tx_bytes: number; rx_packets: number }> };

const stats = async (w: Awaited<ReturnType<typeof worldWith>>, name: string, oneShot = true) => {
  const r = await api(w, 'GET', `/containers/${name}/stats`, oneShot ? { stream: '0', 'one-shot': '1' } : { stream: '0' });
  return { status: r.status, body: json(r) as Stats & { message?: string } };
};

describe('docker stats and hostname -i of a container in another one\'s network namespace', () => {
  it("reports the donor's interfaces and counters; none reports no interface", async () => {
    const w = await worldWith([IMG]);
    const donor = await runDetached(w, { Image: IMG, Cmd: ['sleep', '600'] }, 'donor');
    await runDetached(w, { Image: IMG, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'container:donor' } }, 'joiner');
    await runDetached(w, { Image: IMG, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'none' } }, 'lonely');
    // traffic through the donor's namespace, counted on its eth0
    const entry = w.daemon.get(donor);
    if (!entry.ok || !entry.value.live) throw new Error('donor not running');
    entry.value.live.cgroup.netRx = 14_480;
    entry.value.live.cgroup.netTx = 2_000;
    const d = (await stats(w, 'donor')).body;
    const j = (await stats(w, 'joiner')).body;
    expect(Object.keys(d.networks ?? {})).toEqual(['eth0']);
    expect(d.networks!.eth0).toMatchObject({ rx_bytes: 14_480, rx_packets: 10, tx_bytes: 2_000 });
    expect(j.networks).toEqual(d.networks);
    const none = (await stats(w, 'lonely')).body;
    expect(none.read).not.toBe('0001-01-01T00:00:00Z');
    expect('networks' in none).toBe(false);
    // and the joiner resolves its (the donor's) hostname through the shared /etc/hosts
    const ip = (await inspect(w, donor)).NetworkSettings.IPAddress;
    expect((await exec(w, 'joiner', ['hostname', '-i'])).out).toBe(`${ip}\n`);
    const noHost = await exec(w, 'lonely', ['hostname', '-i']);
    expect([noHost.code, noHost.err]).toEqual([1, `hostname: ${(await inspect(w, 'lonely')).Config.Hostname}: Host name lookup failure\n`]);
  });

  it('the donor stopped: empty stats from the collector, an error one-shot, no address for hostname -i', async () => {
    const w = await worldWith([IMG]);
    const donor = await runDetached(w, { Image: IMG, Cmd: ['sleep', '600'] }, 'donor');
    await runDetached(w, { Image: IMG, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'container:donor' } }, 'joiner');
    const ip = (await inspect(w, donor)).NetworkSettings.IPAddress;
    expect((await api(w, 'POST', '/containers/donor/stop', { t: '0' })).status).toBe(204);
    await settle(w, 100);
    expect((await stats(w, 'joiner')).status).toBe(400);
    expect((await stats(w, 'joiner')).body.message).toBe('invalid id: id is empty');
    const polled = await stats(w, 'joiner', false);
    expect([polled.status, polled.body.read, 'networks' in polled.body]).toEqual([200, '0001-01-01T00:00:00Z', false]);
    // the endpoint's leave took the donor's record out of the hosts file they share
    const hosts = (await exec(w, 'joiner', ['cat', '/etc/hosts'])).out;
    expect(hosts).not.toContain(ip);
    const r = await exec(w, 'joiner', ['hostname', '-i']);
    expect([r.code, r.out, r.err]).toEqual([1, '', `hostname: ${donor.slice(0, 12)}: Host name lookup failure\n`]);
    // the donor back: a fresh record, resolvable again
    expect((await api(w, 'POST', '/containers/donor/start')).status).toBe(204);
    const again = (await inspect(w, donor)).NetworkSettings.IPAddress;
    expect((await exec(w, 'joiner', ['hostname', '-i'])).out).toBe(`${again}\n`);
  });

  it('BusyBox hostname: -f the canonical name, -s cut at the dot, -d the domain, no -I', async () => {
    const w = await worldWith([IMG]);
    await runDetached(w, { Image: IMG, Cmd: ['sleep', '600'], Hostname: 'web.example.org' }, 'named');
    const run = async (...a: string[]) => {
      const r = await exec(w, 'named', ['hostname', ...a]);
      return [r.code, r.out, r.err.split('\n')[0]];
    };
    expect(await run('-f')).toEqual([0, 'web.example.org\n', '']);
    expect(await run('-s')).toEqual([0, 'web\n', '']);
    expect(await run('-d')).toEqual([0, 'example.org\n', '']);
    // -I is GNU's (all addresses); BusyBox's getopt32 refuses it
    const [code, out, err] = await run('-I');
    expect([code, out]).toEqual([1, '']);
    expect(err).toMatch(/^hostname: .*option.*I/);
  });
});
