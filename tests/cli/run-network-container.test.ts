// docker run --network container:NAME: the container joins the donor's network namespace
// (moby initializeNetworking / getNetworkedContainer / runconfig validateNetContainerMode).
// Texts are moby v28.5.2's; Engine 20.10 (checked on the real engine) says "Invalid network
// mode", checks a missing donor at create ("No such container: nope") and words the start
// errors "cannot join network of a non running container: ID" and "cannot join own network".
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';

const HINT = "\n\nRun 'docker run --help' for more information\n";
const runErr = (m: string) => [`docker: Error response from daemon: ${m}${HINT}`, 125];

describe('docker run --network container:NAME', { timeout: 60_000 }, () => {
  it("shares the donor's interfaces, listeners, hostname and /etc files; inspect, ps and network inspect as moby", async () => {
    const r = await runScript(
      [
        'docker pull -q nginx',
        'docker run -d --name web nginx >/dev/null',
        'docker run --rm --network container:web nginx curl -s http://127.0.0.1/ | grep -o "Welcome to nginx" | head -1',
        'docker run --rm --network container:web nginx sh -c "hostname; cat /etc/hostname; hostname -i"',
        'docker exec web sh -c "hostname; hostname -i"',
        'docker run --rm --network container:web nginx cat /etc/hosts',
        'docker exec web cat /etc/hosts',
        'docker run -d --name side --network container:web nginx sleep 300 >/dev/null',
        'docker inspect -f "{{.HostConfig.NetworkMode}}|{{json .NetworkSettings.Networks}}|{{.NetworkSettings.SandboxID}}|{{json .NetworkSettings.Ports}}|{{.NetworkSettings.IPAddress}}" side',
        'docker inspect -f "{{.Id}} {{.Config.Hostname}} {{.HostsPath}} {{.HostnamePath}} {{.ResolvConfPath}}" web side',
        'docker ps --format "{{.Names}}|{{.Ports}}|{{.Networks}}"',
        'docker network inspect bridge -f "{{range .Containers}}{{.Name}} {{end}}"',
        'docker inspect -f "{{.HostConfig.NetworkMode.IsContainer}} {{.HostConfig.NetworkMode.ConnectedContainer}}" side',
        'docker network connect bridge side',
        // a joiner of the joiner is in the same namespace, with the same files
        'docker run --rm --network container:side nginx sh -c "hostname; hostname -i; cat /etc/hosts"',
      ].join('\n'),
      { seed: 1 },
    );
    const out = r.steps.map((s) => [s.output, s.status] as [string, number]);
    expect(out[2]).toEqual(['Welcome to nginx\n', 0]);
    // the hostname, its file and the address are the donor's
    const [donorHost, donorIp] = out[4][0].trim().split('\n');
    expect(out[3][0]).toBe(`${donorHost}\n${donorHost}\n${donorIp}\n`);
    expect(out[5]).toEqual(out[6]);
    expect(out[5][0]).toContain(`${donorIp}\t${donorHost}\n`);
    // moby stores the donor's full ID; a joiner has no networks, sandbox, ports or address of its own
    // (side runs nginx's image: its EXPOSE 80 is merged after validateNetContainerMode, no conflict)
    const [webLine, sideLine] = out[9][0].trim().split('\n');
    const webId = webLine.split(' ')[0];
    expect(out[8]).toEqual([`container:${webId}|{}||{}|\n`, 0]);
    // Config.Hostname and the three files (HostsPath...) are the donor's
    const dir = `/var/lib/docker/containers/${webId}`;
    const tail = `${donorHost} ${dir}/hosts ${dir}/hostname ${dir}/resolv.conf`;
    expect(webLine).toBe(`${webId} ${tail}`);
    expect(sideLine).toMatch(new RegExp(`^[0-9a-f]{64} ${tail.replace(/[.]/g, '\\.')}$`));
    expect(out[10]).toEqual(['side||\nweb|80/tcp|bridge\n', 0]);
    expect(out[11]).toEqual(['web \n', 0]);
    expect(out[12]).toEqual([`true ${webId}\n`, 0]);
    expect(out[13]).toEqual([
      'Error response from daemon: container sharing network namespace with another container or host cannot be connected to any other network\n',
      1,
    ]);
    expect(out[14]).toEqual([`${donorHost}\n${donorIp}\n${out[6][0]}`, 0]);
  });

  it('a joiner keeps the namespace when the donor stops (with lo only); a later start needs the donor running', async () => {
    const r = await runScript(
      [
        'docker pull -q nginx',
        'docker run -d --name other nginx >/dev/null',
        'docker run -d --name web nginx >/dev/null',
        'docker run -d --name side --network container:web nginx sleep 300 >/dev/null',
        'OTHER=$(docker inspect -f "{{.NetworkSettings.IPAddress}}" other)',
        'docker exec side curl -s http://$OTHER/ | grep -o "Welcome to nginx" | head -1',
        'docker stop web >/dev/null',
        'docker ps --format "{{.Names}}"',
        'docker exec side curl -s http://$OTHER/; echo " curl=$?"',
        'docker start web >/dev/null',
        'docker exec side curl -s http://$OTHER/; echo " curl=$?"',
        'docker stop -t 0 side >/dev/null',
        'docker start side',
        'docker exec side curl -s http://$OTHER/ | grep -o "Welcome to nginx" | head -1',
        'docker stop -t 0 side web >/dev/null',
        'docker start side',
        'docker inspect -f "{{.State.Status}}|{{.State.Error}}" side',
      ].join('\n'),
      { seed: 2 },
    );
    const out = r.steps.map((s) => [s.output, s.status] as [string, number]);
    expect(out[5]).toEqual(['Welcome to nginx\n', 0]);
    // the joiner runs on; the donor's sandbox is gone, and with it eth0: no route to the bridge
    expect(out[7]).toEqual(['side\nother\n', 0]);
    expect(out[8]).toEqual([' curl=7\n', 0]);
    // a restarted donor has a new namespace: the joiner stays in the old one
    expect(out[10]).toEqual([' curl=7\n', 0]);
    // started again, it joins the donor's new namespace
    expect(out[12]).toEqual(['side\n', 0]);
    expect(out[13]).toEqual(['Welcome to nginx\n', 0]);
    const notRunning = 'cannot join network namespace of a non running container: container web is exited';
    expect(out[15]).toEqual([
      `Error response from daemon: ${notRunning}\nError: failed to start containers: side\n`,
      1,
    ]);
    expect(out[16]).toEqual([`exited|${notRunning}\n`, 0]);
  });

  it("errors: missing, stopped or own donor at start; runconfig's conflicts at create, before the image is looked up", async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run --rm --network container:nope alpine:3.22 true',
        'docker ps -aq | wc -l',
        'docker run --network container:nope alpine:3.22 true',
        'docker ps -a --format "{{.Status}}"',
        'docker rm -f $(docker ps -aq) >/dev/null',
        'docker create --name idle alpine:3.22 sleep 300 >/dev/null',
        'docker run --rm --network container:idle alpine:3.22 true',
        'docker create --name me --network container:me alpine:3.22 true >/dev/null',
        'docker start me',
        'docker run --rm --network container: alpine:3.22 true',
        'docker run --rm --network container alpine:3.22 true',
        'docker run --rm --network container:idle -p 80:80 nosuchimage true',
        'docker run --rm --network container:idle -P alpine:3.22 true',
        'docker run --rm --network container:idle --expose 80 alpine:3.22 true',
        'docker run --rm --network container:idle -h box alpine:3.22 true',
        'docker run --rm --network container:idle --dns 1.1.1.1 alpine:3.22 true',
        'docker run --rm --network container:idle --add-host a:1.2.3.4 alpine:3.22 true',
        'docker run --rm --network container:idle --link idle alpine:3.22 true',
        'docker run --rm --network container:idle --network-alias x alpine:3.22 true',
        'docker run --rm --uts host -h box alpine:3.22 true',
        'docker run --rm --network host --link idle alpine:3.22 true',
      ].join('\n'),
      { seed: 3 },
    );
    const out = r.steps.map((s) => [s.output, s.status] as [string, number]);
    // moby does not look the donor up at create: the start fails, and --rm removes the container
    expect(out[1]).toEqual(runErr('joining network namespace of container: No such container: nope'));
    expect(out[2]).toEqual(['0\n', 0]);
    expect(out[3]).toEqual(runErr('joining network namespace of container: No such container: nope'));
    expect(out[4]).toEqual(['Created\n', 0]);
    expect(out[7]).toEqual(
      runErr('cannot join network namespace of a non running container: container idle is created'),
    );
    expect(out[9]).toEqual([
      'Error response from daemon: cannot join own network namespace\nError: failed to start containers: me\n',
      1,
    ]);
    const invalid = runErr('invalid network mode: invalid container format container:<name|id>');
    expect(out[10]).toEqual(invalid);
    expect(out[11]).toEqual(invalid);
    expect(out[12]).toEqual(
      runErr('conflicting options: port publishing and the container type network mode'),
    );
    expect(out[13]).toEqual(
      runErr('conflicting options: port publishing and the container type network mode'),
    );
    expect(out[14]).toEqual(runErr('conflicting options: port exposing and the container type network mode'));
    expect(out[15]).toEqual(runErr('conflicting options: hostname and the network mode'));
    expect(out[16]).toEqual(runErr('conflicting options: dns and the network mode'));
    expect(out[17]).toEqual(runErr('conflicting options: custom host-to-IP mapping and the network mode'));
    expect(out[18]).toEqual(
      runErr(
        "conflicting options: container type network can't be used with links. This would result in undefined behavior",
      ),
    );
    // the client's own check (parseNetworkAttachmentOpt): no daemon error prefix
    expect(out[19]).toEqual([
      `docker: network-scoped aliases are only supported for user-defined networks${HINT}`,
      125,
    ]);
    expect(out[20]).toEqual(runErr('conflicting options: hostname and the UTS mode'));
    expect(out[21]).toEqual(
      runErr(
        "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
      ),
    );
  });

  it('--mac-address is accepted and unused with a container network (API 1.44+: the endpoint config is dropped)', async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run -d --name aa alpine:3.22 sleep 300 >/dev/null',
        'docker run --rm --network container:aa --mac-address 92:d0:c6:0a:29:33 alpine:3.22 echo ok',
      ].join('\n'),
      { seed: 4 },
    );
    expect(r.steps.map((s) => [s.output, s.status])[2]).toEqual(['ok\n', 0]);
  });
});

describe('a start that fails keeps the exit code the container had (moby containerStart: 128 only over 0)', () => {
  it('a joiner that exited 3 and cannot join a stopped donor still says 3; one that never ran says 128', async () => {
    const r = await runScript(
      [
        'docker pull -q alpine',
        'docker run -d --name donor alpine sleep 300 >/dev/null',
        "docker run --name joiner --network container:donor alpine sh -c 'exit 3'",
        'docker create --name fresh --network container:donor alpine true >/dev/null',
        'docker stop -t 0 donor >/dev/null',
        'docker start joiner',
        'docker start fresh',
        'docker inspect -f "{{.Name}} {{.State.ExitCode}} {{.State.Status}}" joiner fresh',
      ].join('\n'),
      { seed: 1 },
    );
    const out = r.steps.map((s) => [s.output, s.status] as [string, number]);
    expect(out[2][1]).toBe(3);
    expect(out[5][1]).toBe(1);
    expect(out[6][1]).toBe(1);
    expect(out[7]).toEqual(['/joiner 3 exited\n/fresh 128 created\n', 0]);
  });
});
