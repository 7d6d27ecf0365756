// Debian's hostname (3.x) in a container: -i/-f/-d/-a resolve the name through
// the /etc/hosts Docker writes (getaddrinfo), -I and -A walk the interfaces
// (lo left out), a failed lookup is errx with gai_strerror, a bad option the
// usage on stderr and exit 255. Alpine's BusyBox flavour is covered with the
// shared network namespace (tests/core/daemon/stats-shared-network.test.ts).
import { describe, expect, it } from 'vitest';
import { exec, inspect, runDetached, worldWith } from '../../daemon/containers-harness';

const IMAGE = 'python:3.13';

describe('hostname (Debian)', () => {
  it('on the bridge: the address from /etc/hosts, the interfaces, the FQDN and domain', async () => {
    const w = await worldWith([IMAGE]);
    const id = await runDetached(w, { Image: IMAGE, Cmd: ['sleep', '600'] }, 'deb');
    const ip = (await inspect(w, id)).NetworkSettings.IPAddress;
    const run = async (...a: string[]) => {
      const r = await exec(w, 'deb', ['hostname', ...a]);
      return [r.code, r.out, r.err];
    };
    expect(await run('-i')).toEqual([0, `${ip}\n`, '']);
    // getifaddrs: each address followed by a blank
    expect(await run('-I')).toEqual([0, `${ip} \n`, '']);
    expect(await run('-f')).toEqual([0, `${id.slice(0, 12)}\n`, '']);
    expect(await run('-A')).toEqual([0, `${id.slice(0, 12)} \n`, '']);
    // no dot in the canonical name: -d prints nothing at all
    expect(await run('-d')).toEqual([0, '', '']);
    // the last display option counts
    expect(await run('-i', '-s')).toEqual([0, `${id.slice(0, 12)}\n`, '']);
    const bad = await run('-Z');
    expect([bad[0], (bad[2] as string).split('\n')[0]]).toEqual([255, "hostname: invalid option -- 'Z'"]);
    expect(bad[2]).toContain('    -I, --all-ip-addresses all addresses for the host\n');
  });

  it('with only lo: no record to find and no resolver to ask; -I prints an empty line', async () => {
    const w = await worldWith([IMAGE]);
    await runDetached(w, { Image: IMAGE, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'none' } }, 'alone');
    const i = await exec(w, 'alone', ['hostname', '-i']);
    expect([i.code, i.out, i.err]).toEqual([1, '', 'hostname: Temporary failure in name resolution\n']);
    expect((await exec(w, 'alone', ['hostname', '-I'])).out).toBe('\n');
  });
});
