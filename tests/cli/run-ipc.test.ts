// docker run --ipc: private (Docker 28's default-ipc-mode), shareable, container:NAME (the
// donor's /dev/shm, moby setupIPCDirs/getIPCContainer) and host (the host's /dev/shm).
// Texts are moby v28.5.2's; Engine 20.10 (checked on the real engine) words the start errors
// "can't join IPC of container ID: ..." where v28 says "failed to join IPC namespace: ...".
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';

const HINT = "\n\nRun 'docker run --help' for more information\n";
const SHM = 'shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0\n';

describe('docker run --ipc', { timeout: 60_000 }, () => {
  it("container:NAME shares a shareable donor's /dev/shm both ways; inspect shows the modes as moby stores them", async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run -d --name shr --ipc shareable alpine:3.22 sleep 300 >/dev/null',
        'docker exec shr sh -c "echo from-donor > /dev/shm/a"',
        'docker run --rm --ipc container:shr alpine:3.22 sh -c "cat /dev/shm/a; echo from-joiner > /dev/shm/b"',
        'docker exec shr cat /dev/shm/b',
        'docker run --rm --ipc container:shr alpine:3.22 grep " /dev/shm " /proc/mounts',
        'docker run -d --name jj --ipc container:shr alpine:3.22 sleep 300 >/dev/null',
        'docker run -d --name plain alpine:3.22 sleep 300 >/dev/null',
        'docker inspect -f "{{.Name}} {{.HostConfig.IpcMode}}" shr jj plain',
        'docker inspect -f "{{.Id}}" shr',
        // a joiner's /dev/shm is the donor's: a joiner of the joiner shares it too
        'docker run --rm --ipc container:jj alpine:3.22 cat /dev/shm/a',
        // the joiner keeps the tmpfs when the donor stops
        'docker stop -t 0 shr >/dev/null',
        'docker exec jj cat /dev/shm/b',
        'docker exec plain ls /dev/shm',
      ].join('\n'),
      { seed: 1 },
    );
    const out = r.steps.map((s) => [s.output, s.status] as [string, number]);
    expect(out[3]).toEqual(['from-donor\n', 0]);
    expect(out[4]).toEqual(['from-joiner\n', 0]);
    expect(out[5]).toEqual([SHM, 0]);
    const shrId = out[9][0].trim();
    expect(out[8]).toEqual([`/shr shareable\n/jj container:${shrId}\n/plain private\n`, 0]);
    expect(out[10]).toEqual(['from-donor\n', 0]);
    expect(out[12]).toEqual(['from-joiner\n', 0]);
    expect(out[13]).toEqual(['', 0]);
  });

  it('errors: a private donor, a missing one (at create), a stopped one (at start), as moby words them', async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run -d --name prv alpine:3.22 sleep 300 >/dev/null',
        'PRV=$(docker inspect -f "{{.Id}}" prv)',
        'docker run --rm --ipc container:prv alpine:3.22 true',
        'echo $PRV',
        'docker run --rm --ipc container:nope alpine:3.22 true',
        'docker ps -aq | wc -l',
        'docker create --name idle --ipc shareable alpine:3.22 true >/dev/null',
        'docker run --rm --ipc container:idle alpine:3.22 true',
        'docker inspect -f "{{.Id}}" idle',
        'docker run -d --name none --ipc none alpine:3.22 sleep 300 >/dev/null',
        'docker run --rm --ipc container:none alpine:3.22 true',
        'docker inspect -f "{{.Id}}" none',
      ].join('\n'),
      { seed: 2 },
    );
    const out = r.steps.map((s) => [s.output, s.status] as [string, number]);
    const id = (i: number) => out[i][0].trim();
    const nonShareable = (cid: string) => [
      `docker: Error response from daemon: failed to join IPC namespace: container ${cid}: non-shareable IPC (hint: use IpcMode:shareable for the donor container)${HINT}`,
      125,
    ];
    expect(out[3]).toEqual(nonShareable(id(4)));
    // generateSecurityOpt looks the donor up at create: nothing is created
    expect(out[5]).toEqual([`docker: Error response from daemon: No such container: nope${HINT}`, 125]);
    expect(out[6]).toEqual(['1\n', 0]);
    expect(out[8]).toEqual([
      `docker: Error response from daemon: failed to join IPC namespace: container ${id(9)} is not running${HINT}`,
      125,
    ]);
    expect(out[11]).toEqual(nonShareable(id(12)));
  });

  it("host: the host's /dev/shm (its mount line), files the host wrote and the other way round", async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'echo from-host > /dev/shm/h',
        'docker run --rm --ipc host alpine:3.22 sh -c "cat /dev/shm/h; echo from-container > /dev/shm/c"',
        'cat /dev/shm/c',
        'docker run --rm --ipc host alpine:3.22 grep " /dev/shm " /proc/mounts',
        'docker run -d --name hh --ipc host alpine:3.22 sleep 300 >/dev/null',
        'docker run --rm --ipc container:hh alpine:3.22 cat /dev/shm/h',
        'docker inspect -f "{{.HostConfig.IpcMode}}" hh',
      ].join('\n'),
      { seed: 3 },
    );
    const out = r.steps.map((s) => [s.output, s.status] as [string, number]);
    expect(out[1]).toEqual(['', 0]);
    expect(out[2]).toEqual(['from-host\n', 0]);
    expect(out[3]).toEqual(['from-container\n', 0]);
    // a bind of the host's tmpfs keeps the host mount's flags
    expect(out[4]).toEqual(['tmpfs /dev/shm tmpfs rw,nosuid,nodev,inode64 0 0\n', 0]);
    // the donor's ShmPath is /dev/shm: joining it is joining the host's
    expect(out[6]).toEqual(['from-host\n', 0]);
    expect(out[7]).toEqual(['host\n', 0]);
  });
});
