// docker run's namespace modes: --pid host|container:NAME, --uts host, --cgroupns host, --ipc none
// (--network container:NAME and the other --ipc modes have their own files).
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';

describe('docker run namespace modes', { timeout: 60_000 }, () => {
  it('--pid host: the host processes are in sight, and the main process is not PID 1', async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run -d --name aa alpine:3.22 sleep 300 >/dev/null',
        'docker run --rm --pid host alpine:3.22 ps -o pid,comm',
        'docker run --rm alpine:3.22 ps -o pid,comm',
        'docker run -d --name ph --pid host alpine:3.22 sleep 300 >/dev/null',
        'docker stop -t 1 ph >/dev/null',
        'docker inspect -f "{{.HostConfig.PidMode}} {{.State.ExitCode}}" ph',
      ].join('\n'),
      { seed: 1 },
    );
    const [, , host, own, , , inspect] = r.steps.map((s) => s.output);
    // the other container's sleep and the student's shell are there, none of them PID 1
    expect(host).toMatch(/^PID {3}COMMAND\n/);
    expect(host).toMatch(/\n\s*\d+ sleep\n/);
    expect(host).toMatch(/\n\s*\d+ bash\n/);
    expect(host).not.toMatch(/\n\s+1 /);
    expect(own).toBe('PID   COMMAND\n    1 ps\n');
    // SIGTERM's default action ends a process that is no namespace's init: 128 + 15
    expect(inspect).toBe('host 143\n');
  });

  it("--uts host: the host's name, while Config.Hostname and /etc/hostname stay the container's", async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run --name uts1 --uts host alpine:3.22 sh -c "hostname; cat /etc/hostname"',
        'docker inspect -f "{{.HostConfig.UTSMode}} {{.Config.Hostname}}" uts1',
      ].join('\n'),
      { seed: 1 },
    );
    const [, run, inspect] = r.steps.map((s) => s.output);
    const [mode, own] = inspect.trim().split(' ');
    expect(mode).toBe('host');
    expect(run).toBe(`laptop\n${own}\n`);
  });

  it("--pid container:NAME shares that container's PID namespace, and ends with its init", async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run -d --name aa alpine:3.22 sleep 300 >/dev/null',
        'docker run -d --name pc --pid container:aa alpine:3.22 sleep 300 >/dev/null',
        'docker exec pc ps -o pid,comm',
        'docker run --rm --pid container:nope alpine:3.22 true',
        'docker create --name idle alpine:3.22 true >/dev/null',
        'docker run --rm --pid container:idle alpine:3.22 true',
        'docker stop -t 0 aa >/dev/null',
        'docker ps -a --format "{{.Names}} {{.Status}}"',
      ].join('\n'),
      { seed: 1 },
    );
    const out = r.steps.map((s) => [s.output, s.status]);
    // aa's sleep is the namespace's init; pc's sleep and ps come after it
    expect(out[3]).toEqual(['PID   COMMAND\n    1 sleep\n    2 sleep\n    3 ps\n', 0]);
    const hint = "\n\nRun 'docker run --help' for more information\n";
    expect(out[4]).toEqual([`docker: Error response from daemon: No such container: nope${hint}`, 125]);
    // WithNamespaces wraps getPIDContainer's error (moby v28 oci_linux.go)
    expect(out[6][0]).toMatch(
      /^docker: Error response from daemon: failed to join PID namespace: container [0-9a-f]{64} is not running\n/,
    );
    expect(out[6][1]).toBe(125);
    // the init's end is the end of every process in its namespace: SIGKILL
    expect(out[8]).toEqual([
      'idle Created\npc Exited (137) Less than a second ago\naa Exited (137) Less than a second ago\n',
      0,
    ]);
  });

  it('--cgroupns host: /proc/self/cgroup names the full cgroup path (private: "/")', async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run --name cg1 alpine:3.22 cat /proc/self/cgroup',
        'docker run --name cg2 --cgroupns host alpine:3.22 cat /proc/self/cgroup',
        'docker inspect -f "{{.Id}}" cg2',
      ].join('\n'),
      { seed: 1 },
    );
    const [, own, host, id] = r.steps.map((s) => s.output);
    expect(own).toBe('0::/\n');
    expect(host).toBe(`0::/system.slice/docker-${id.trim()}.scope\n`);
  });

  it("--ipc none has no /dev/shm mount; a bad mode is the daemon's error", async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run --rm alpine:3.22 grep -c " /dev/shm " /proc/mounts',
        'docker run --rm --ipc none alpine:3.22 grep -c " /dev/shm " /proc/mounts',
        'docker run --rm --ipc shareable alpine:3.22 grep -c " /dev/shm " /proc/mounts',
        'docker run --rm --ipc bogus alpine:3.22 true',
        'docker run --rm --ipc none alpine:3.22 ls -d /dev/shm',
      ].join('\n'),
      { seed: 1 },
    );
    const out = r.steps.map((s) => [s.output, s.status]);
    const hint = "\n\nRun 'docker run --help' for more information\n";
    expect(out.slice(1, 4)).toEqual([
      ['1\n', 0],
      ['0\n', 1],
      ['1\n', 0],
    ]);
    // the v28 client passes --ipc through: verifyPlatformContainerSettings answers
    expect(out[4]).toEqual([`docker: Error response from daemon: invalid IPC mode: bogus${hint}`, 125]);
    // runc makes /dev/shm only to mount on it (checked against the real engine)
    expect(out[5]).toEqual(['ls: /dev/shm: No such file or directory\n', 1]);
  });
});
