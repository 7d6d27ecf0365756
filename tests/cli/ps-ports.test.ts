// The PORTS column and Summary.Ports follow NetworkSettings.Ports (moby's container/view.go
// transform): a running container lists its exposed ports and published bindings; a created
// or stopped one lists none (releaseNetwork empties them), and list and inspect always agree.
import { beforeAll, describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import { withImages } from './containers-golden';

let l: Laptop;
beforeAll(async () => {
  l = new Laptop();
  await withImages(l, ['nginx']);
}, 120_000);

const docker = async (line: string) => {
  const r = await l.docker(line);
  if (r.code !== 0) throw new Error(`${line}: ${r.io.all}`);
  return r.io.out;
};
const portsColumn = async () => docker("docker ps -a --format '{{.Names}}|{{.Ports}}'");

interface Port {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** Summary.Ports of every container, next to the ports inspect's NetworkSettings.Ports implies. */
async function listAndInspect(): Promise<Array<{ name: string; list: string[]; inspect: string[] }>> {
  const res = await l.world.engine.request({ method: 'GET', path: '/containers/json', query: { all: '1' } });
  const rows = (res as { body: Array<{ Names: string[]; Ports: Port[] }> }).body;
  const out: Array<{ name: string; list: string[]; inspect: string[] }> = [];
  for (const row of rows) {
    const name = row.Names[0].slice(1);
    const ins = (await l.world.engine.request({
      method: 'GET',
      path: `/containers/${name}/json`,
      query: {},
    })) as {
      body: {
        NetworkSettings: { Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null> };
      };
    };
    const implied: string[] = [];
    for (const [key, bindings] of Object.entries(ins.body.NetworkSettings.Ports)) {
      if (!bindings?.length) implied.push(key);
      else for (const b of bindings) implied.push(`${b.HostIp}:${b.HostPort}->${key}`);
    }
    const listed = row.Ports.map((p) =>
      p.PublicPort === undefined
        ? `${p.PrivatePort}/${p.Type}`
        : `${p.IP}:${p.PublicPort}->${p.PrivatePort}/${p.Type}`,
    );
    out.push({ name, list: listed.sort(), inspect: implied.sort() });
  }
  return out;
}

describe('PORTS of created, running, stopped and restarted containers', () => {
  it('only a running container lists ports; list and inspect agree at every step', async () => {
    await docker('docker create --name made nginx');
    await docker('docker run -d --name plain nginx');
    await docker('docker run -d --name published -p 8080:80 --expose 9000 nginx');
    expect(await portsColumn()).toBe(
      'published|9000/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\nplain|80/tcp\nmade|\n',
    );
    const agree = async () => {
      for (const row of await listAndInspect()) expect(row.list, row.name).toEqual(row.inspect);
    };
    await agree();
    expect(await docker("docker inspect -f '{{json .NetworkSettings.Ports}}' made plain")).toBe(
      '{}\n{"80/tcp":null}\n',
    );

    await docker('docker stop -t 0 plain published');
    // transcripts 13 and 24: an exited nginx row has nothing under PORTS
    expect(await portsColumn()).toBe('published|\nplain|\nmade|\n');
    expect(await docker("docker inspect -f '{{json .NetworkSettings.Ports}}' plain published")).toBe(
      '{}\n{}\n',
    );
    await agree();

    await docker('docker start published');
    expect(await portsColumn()).toBe(
      'published|9000/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\nplain|\nmade|\n',
    );
    await agree();
    await docker('docker restart -t 0 plain');
    expect(await portsColumn()).toBe(
      'published|9000/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\nplain|80/tcp\nmade|\n',
    );
    await agree();
    await docker('docker rm -f made plain published');
  });
});
