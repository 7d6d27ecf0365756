// Differences the real-engine sweep (tests/fixtures/real-cli/sweep.mjs) found between Stevedore
// and a real docker client + engine, each pinned with the real bytes (Docker 28 wording where the
// sweep's 20.10 engine words a daemon error differently), run through the headless runner.
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';

/** Run lines (a comment between them gives a reading command end-of-file); the steps' output and exit. */
async function run(lines: string[]): Promise<Array<[string, number]>> {
  const r = await runScript(lines.join('\n#\n'), { seed: 1 });
  return r.steps.map((s) => [s.output, s.status]);
}

describe('daemon errors', { timeout: 60_000 }, () => {
  it('docker kill wraps every error of ContainerKill, a missing container and a bad signal too', async () => {
    expect(await run(['docker kill nope', 'docker kill -s FOO nope'])).toEqual([
      ['Error response from daemon: cannot kill container: nope: No such container: nope\n', 1],
      // moby/sys/signal v0.7.1 (vendored by v28) words it in lower case
      ['Error response from daemon: cannot kill container: nope: invalid signal: FOO\n', 1],
    ]);
  });

  it('docker stats --no-stream of a missing container ends with the daemon error', async () => {
    expect(await run(['docker stats --no-stream nope', 'docker stats nope'])).toEqual([
      ['Error response from daemon: No such container: nope\n', 1],
      ['Error response from daemon: No such container: nope\n', 1],
    ]);
  });
});

describe('docker pull --all-tags', { timeout: 60_000 }, () => {
  it('refuses a tag, pulls every tag of a bare name, and prints the untagged reference', async () => {
    const steps = await run([
      'docker pull -a alpine:3.22',
      'docker pull -aq alpine',
      'docker pull -a alpine',
    ]);
    expect(steps[0]).toEqual(["tag can't be used with --all-tags/-a\n", 1]);
    expect(steps[1]).toEqual(['docker.io/library/alpine\n', 0]);
    const [out, status] = steps[2];
    expect(status).toBe(0);
    // one `TAG: Pulling from` and Digest line a tag, one Status line for the repository
    const lines = out.split('\n');
    expect(lines.filter((l) => l.endsWith(': Pulling from library/alpine'))).toContain(
      '3.22: Pulling from library/alpine',
    );
    expect(lines.filter((l) => l.startsWith('Status: '))).toEqual(['Status: Image is up to date for alpine']);
    expect(lines.slice(-2)).toEqual(['docker.io/library/alpine', '']);
    expect(out).not.toContain('Using default tag');
  });

  it('is in the help, first of the sorted flags', async () => {
    const [[help]] = await run(['docker pull --help']);
    expect(help).toContain(
      'Options:\n  -a, --all-tags                Download all tagged images in the repository\n',
    );
  });
});

describe('docker commit --change', { timeout: 60_000 }, () => {
  it('names an invalid instruction lower-cased, as the Dockerfile parser stores it', async () => {
    const steps = await run([
      'docker run --name cc alpine:3.22 true',
      'docker commit -c "RUN echo hi" cc',
      'docker commit -c "Bogus x" cc',
    ]);
    expect(steps.slice(1)).toEqual([
      ['Error response from daemon: run is not a valid change command\n', 1],
      ['Error response from daemon: bogus is not a valid change command\n', 1],
    ]);
  });
});

describe('--tmpfs', { timeout: 60_000 }, () => {
  it('mounts a tmpfs at a path the image lacks, with the kernel showing the merged options', async () => {
    const steps = await run([
      'docker run --rm --tmpfs /scratch:size=1m,mode=700 --mount type=tmpfs,dst=/m2 --tmpfs /tmp alpine:3.22 sh -c "ls -ld /scratch; mount | grep \' /m2 \\| /scratch \\| /tmp \'; touch /scratch/x; ls /scratch"',
      'docker run --rm --tmpfs "/x:ro,exec,uid=5,size=2g" alpine:3.22 sh -c \'mount | grep " /x "\'',
      'docker run --rm --tmpfs "/x:mode=1777,nr_inodes=100" alpine:3.22 sh -c \'mount | grep " /x "\'',
    ]);
    expect(steps[0][1]).toBe(0);
    const out = steps[0][0].split('\n').slice(-6).join('\n');
    expect(out).toMatch(/^drwx------ +2 root +root +\d+ .* \/scratch\n/);
    expect(out).toContain(
      // the real engine's order: --tmpfs ones, then --mount's (inode64: the simulated host's newer kernel)
      'tmpfs on /scratch type tmpfs (rw,nosuid,nodev,noexec,relatime,size=1024k,mode=700,inode64)\n' +
        'tmpfs on /tmp type tmpfs (rw,nosuid,nodev,noexec,relatime,inode64)\n' +
        'tmpfs on /m2 type tmpfs (rw,nosuid,nodev,noexec,relatime,inode64)\n' +
        'x\n',
    );
    expect(steps[1]).toEqual([
      'tmpfs on /x type tmpfs (ro,nosuid,nodev,relatime,size=2097152k,uid=5,inode64)\n',
      0,
    ]);
    expect(steps[2]).toEqual([
      'tmpfs on /x type tmpfs (rw,nosuid,nodev,noexec,relatime,nr_inodes=100,inode64)\n',
      0,
    ]);
  });

  it('refuses a relative path and an unknown option; is no mount point in inspect; diff shows the mount point', async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --tmpfs x alpine:3.22 true',
      'docker run --rm --tmpfs /x:bogus alpine:3.22 true',
      'docker run -d --name tt --tmpfs /scratch alpine:3.22 sleep 100',
      'docker exec tt touch /scratch/f',
      'docker diff tt',
      'docker inspect -f "{{json .Mounts}} {{json .HostConfig.Tmpfs}}" tt',
    ]);
    const usage = "\nRun 'docker run --help' for more information\n";
    expect(steps[1]).toEqual([
      `docker: Error response from daemon: invalid mount path: 'x' mount path must be absolute\n${usage}`,
      125,
    ]);
    expect(steps[2]).toEqual([
      `docker: Error response from daemon: invalid tmpfs option ["bogus"]\n${usage}`,
      125,
    ]);
    expect(steps[5]).toEqual(['A /scratch\n', 0]);
    expect(steps[6]).toEqual(['[] {"/scratch":""}\n', 0]);
  });
});

describe('docker cp', { timeout: 60_000 }, () => {
  it("sees the container's files as openContainerFS does: volumes and /etc files, not /proc, /dev, /sys or tmpfs", async () => {
    const steps = await run([
      'docker run -d --name box -v vv:/data --tmpfs /t alpine:3.22 sleep 300',
      'docker exec box sh -c "echo d > /data/f; touch /t/x"',
      'docker cp box:/proc/1/status .',
      'docker cp box:/dev/null .',
      'docker cp box:/sys/fs .',
      'docker cp box:/t/x .',
      'docker cp -q box:/data/f . && cat f',
      'docker cp -q box:/etc/hostname . && wc -c < hostname',
    ]);
    const missing = (p: string) => [
      `Error response from daemon: Could not find the file ${p} in container box\n`,
      1,
    ];
    expect(steps.slice(2)).toEqual([
      missing('/proc/1/status'),
      missing('/dev/null'),
      missing('/sys/fs'),
      missing('/t/x'),
      ['d\n', 0],
      ['13\n', 0],
    ]);
  });

  it('a trailing slash after a file: lstat fails ENOTDIR in the daemon, "no such directory" in the client', async () => {
    const steps = await run([
      'docker run -d --name box alpine:3.22 sleep 300',
      'mkdir -p dir && echo one > dir/a.txt',
      'docker exec box sh -c "echo hi > /tmp/a.txt"',
      'docker cp box:/tmp/a.txt/ -',
      'docker cp box:/tmp/nope/ -',
      'docker cp dir/a.txt box:/tmp/a.txt/ 2>&1 | grep -v level=error',
      'docker cp box:/etc/hostname dir/a.txt/x',
    ]);
    expect(steps.slice(3)).toEqual([
      ['Error response from daemon: lstat /tmp/a.txt/: not a directory\n', 1],
      ['Error response from daemon: Could not find the file /tmp/nope/ in container box\n', 1],
      ['no such directory\n', 0],
      // ValidateOutputPath's os.Stat, before any request
      ['stat /home/student/dir/a.txt/x: not a directory\n', 1],
    ]);
  });
});

describe('docker info / version --format', { timeout: 60_000 }, () => {
  it("info's template runs on the dockerInfo struct: key order, plugins, and an unknown field is an error", async () => {
    const steps = await run([
      'docker info --format "{{json .}}"',
      'docker info --format "{{json .Swarm}}"',
      'docker info --format "{{json .ClientInfo}}"',
      'docker info --format "{{.Nope}}"',
    ]);
    const keys = Object.keys(JSON.parse(steps[0][0]) as object);
    // system.Info's declaration order (the real client re-marshals its struct), ClientInfo last
    expect(keys.slice(0, 9)).toEqual([
      'ID',
      'Containers',
      'ContainersRunning',
      'ContainersPaused',
      'ContainersStopped',
      'Images',
      'Driver',
      'DriverStatus',
      'Plugins',
    ]);
    expect(keys.indexOf('Swarm')).toBeLessThan(keys.indexOf('SecurityOptions'));
    expect(keys.at(-2)).toBe('Warnings');
    expect(keys.at(-1)).toBe('ClientInfo');
    expect(steps[1][0]).toBe(
      '{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null}\n',
    );
    expect(steps[2][0]).toMatch(
      /^\{"Debug":false,"Platform":\{"Name":"Docker Engine - Community"\},"Version":"28\.5\.2","DefaultAPIVersion":"1\.51","GitCommit":"\w+","GoVersion":"go[\d.]+","Os":"linux","Arch":"amd64","BuildTime":"[^"]+","Context":"default","Plugins":\[\{"SchemaVersion":"0\.1\.0","Vendor":"Docker Inc\.","Version":"v[\d.]+","ShortDescription":"Docker Buildx","Name":"buildx","Path":"\/usr\/libexec\/docker\/cli-plugins\/docker-buildx"\},/,
    );
    expect(steps[3]).toEqual([
      '\ntemplate: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type system.dockerInfo\n',
      1,
    ]);
  });

  it('version names its template "version" in errors', async () => {
    expect(await run(['docker version --format "{{.ID"', 'docker version --format "{{.Nope}}"'])).toEqual([
      ['template parsing error: template: version:1: unclosed action\n', 64],
      [
        '\ntemplate: version:1:2: executing "version" at <.Nope>: can\'t evaluate field Nope in type system.versionInfo\n',
        1,
      ],
    ]);
  });
});

describe('a TTY container', { timeout: 60_000 }, () => {
  it("keeps what was typed in its log, as the pty's echo (docker run -it, then docker logs)", async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run -it --name it2 alpine:3.22 sh; echo "[rc=$?]"',
        'echo x',
        '^P^Q',
        'docker logs it2',
        'docker attach it2; echo "[rc=$?]"',
        'echo y',
        '^P^Q',
      ].join('\n'),
      { seed: 1, tty: true },
    );
    const out = r.steps.map((s) => s.output);
    // detaching from `run -it` prints nothing and exits 0; from `attach`, "read escape sequence" and 1
    expect(out[1]).toBe('/ # echo x\r\nx\r\n/ # [rc=0]\r\n');
    // docker logs leaves the terminal cooked: each of the pty's CR LF gains a CR (as the real client shows)
    expect(out[2]).toBe('/ # echo x\r\r\nx\r\r\n');
    expect(out[3]).toBe('echo y\r\ny\r\n/ # read escape sequence\r\n[rc=1]\r\n');
  });
});

describe('docker volume inspect --format', { timeout: 60_000 }, () => {
  it('runs on volume.Volume: nil maps print map[], an unknown field names the type (no raw fallback)', async () => {
    expect(
      await run([
        'docker volume create v1',
        'docker volume inspect v1 --format "{{.Name}} {{.Driver}} {{.Scope}} {{.Labels}} {{.Options}}"',
        'docker volume inspect v1 --format "{{.Nope}}"',
        'docker inspect --type volume --format "{{.Labels}}" v1',
        'docker inspect --type volume --format "{{.Nope}}" v1',
      ]),
    ).toEqual([
      ['v1\n', 0],
      ['v1 local local map[] map[]\n', 0],
      [
        '\ntemplate parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type volume.Volume\n',
        1,
      ],
      ['map[]\n', 0],
      // `docker inspect` keeps the raw body and retries the template on it
      [
        '\ntemplate parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
        1,
      ],
    ]);
  });
});

describe('docker exec -w', { timeout: 60_000 }, () => {
  it("fails in runc's chdir when the directory is missing or a file (nobody creates it, unlike run -w)", async () => {
    const steps = await run([
      'docker run -d --name ex alpine:3.22 sleep 300',
      'docker exec -w /nonexistent ex pwd',
      'docker exec -w /etc/hosts ex pwd',
      'docker exec -w /etc ex pwd',
    ]);
    const oci = 'OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd';
    expect(steps.slice(1)).toEqual([
      [`${oci} ("/nonexistent") set in config.json failed: no such file or directory: unknown\r\n`, 127],
      [
        `${oci} ("/etc/hosts") set in config.json failed: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type\r\n`,
        127,
      ],
      ['/etc\n', 0],
    ]);
  });
});

describe('ls -l in a container', { timeout: 60_000 }, () => {
  it('shows overlayfs merge directories (here /etc: image and init layer) with one link', async () => {
    const [[out, status]] = await run([
      'docker run --rm alpine:3.22 ls -ld /etc /lib /dev | tr -s " " | cut -d" " -f1,2,9',
    ]);
    expect(status).toBe(0);
    // the real engine: /etc 1 (merged); /lib counts its subdirectories; /dev is a tmpfs (pts, shm, mqueue)
    expect(out.split('\n').slice(-4)).toEqual([
      'drwxr-xr-x 5 /dev',
      'drwxr-xr-x 1 /etc',
      'drwxr-xr-x 6 /lib',
      '',
    ]);
  });
});

describe('docker inspect HostConfig.PidsLimit', { timeout: 60_000 }, () => {
  it('is null when no limit (or one of 0 or below) was asked, as postContainersCreate stores it', async () => {
    const steps = await run([
      'docker run -d --name p1 alpine:3.22 sleep 100',
      'docker run -d --name p2 --pids-limit -1 alpine:3.22 sleep 100',
      'docker run -d --name p3 --pids-limit 7 alpine:3.22 sleep 100',
      'docker inspect -f "{{json .HostConfig.PidsLimit}}" p1 p2 p3',
    ]);
    expect(steps[3]).toEqual(['null\nnull\n7\n', 0]);
  });
});

describe('docker stats --no-stream', { timeout: 60_000 }, () => {
  it('answers when the clock sits on a collector tick (the first sample is that tick, not 2 s later)', async () => {
    const steps = await run([
      'docker run -d --name st1 alpine:3.22 sleep 300',
      'docker stats --no-stream st1 nope',
      'docker stats --no-stream --format "{{.Name}} {{.PIDs}}" st1',
      'docker stats --no-stream nope st1',
      'docker stats --no-stream --format "{{json .Name}}" st1',
      'docker stats --no-stream --format "{{.Nope}}" st1',
    ]);
    expect(steps.slice(1)).toEqual([
      ['Error response from daemon: No such container: nope\n', 1],
      ['st1 1\n', 0],
      ['Error response from daemon: No such container: nope\n', 1],
      ['"st1"\n', 0],
      [
        'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *container.statsContext\n',
        1,
      ],
    ]);
  });
});

describe('docker commit --change, as BuildFromConfig and merge apply it', { timeout: 60_000 }, () => {
  it("an ENTRYPOINT drops the container's CMD unless the same changes set one; empty forms are none", async () => {
    const inspect = (tag: string) =>
      `docker inspect -f "{{json .Config.Entrypoint}} {{json .Config.Cmd}}" ${tag}`;
    const steps = await run([
      'docker run --name cm alpine:3.22 sh -c "echo x > /f"',
      `docker commit -c 'ENTRYPOINT ["sh","-c"]' cm i:1 >/dev/null && ${inspect('i:1')}`,
      `docker commit -c "ENTRYPOINT echo ep" cm i:2 >/dev/null && ${inspect('i:2')}`,
      `docker commit -c 'CMD ["a"]' -c 'ENTRYPOINT ["b"]' cm i:3 >/dev/null && ${inspect('i:3')}`,
      `docker commit -c "ENTRYPOINT" cm i:4 >/dev/null && ${inspect('i:4')}`,
      `docker commit -c "ENTRYPOINT []" cm i:5 >/dev/null && ${inspect('i:5')}`,
      `docker commit -c "CMD" cm i:6 >/dev/null && ${inspect('i:6')}`,
      `docker commit -c "CMD []" cm i:7 >/dev/null && ${inspect('i:7')}`,
    ]);
    expect(steps.slice(1)).toEqual([
      ['["sh","-c"] null\n', 0],
      ['["/bin/sh","-c","echo ep"] null\n', 0],
      ['["b"] ["a"]\n', 0],
      ['null ["sh","-c","echo x > /f"]\n', 0],
      ['null ["sh","-c","echo x > /f"]\n', 0],
      ['null ["/bin/sh","-c"]\n', 0],
      ['null ["sh","-c","echo x > /f"]\n', 0],
    ]);
  });

  it("words the parser's errors as buildkit's instructions package does", async () => {
    const steps = await run([
      'docker run --name cm alpine:3.22 true',
      'docker commit -c "" cm',
      'docker commit -c "USER" cm',
      'docker commit -c "WORKDIR" cm',
      'docker commit -c "STOPSIGNAL" cm',
      'docker commit -c "LABEL" cm',
      'docker commit -c "ENV A" cm',
      'docker commit -c "LABEL a" cm',
      'docker commit -c "LABEL a=1 b" cm',
      'docker commit -c "ENV =1" cm',
      'docker commit -c "ENV A   1 2" cm i:1 >/dev/null && docker inspect -f "{{index .Config.Env 1}}" i:1',
    ]);
    const err = (m: string): [string, number] => [`Error response from daemon: ${m}\n`, 1];
    expect(steps.slice(1)).toEqual([
      err('file with no instructions'),
      err('USER requires exactly one argument'),
      err('WORKDIR requires exactly one argument'),
      err('STOPSIGNAL requires exactly one argument'),
      err('LABEL requires at least one argument'),
      err('ENV must have two arguments'),
      err('LABEL must have two arguments'),
      err('Syntax error - can\'t find = in "b". Must be of the form: name=value'),
      err('ENV names can not be blank'),
      ['A=1 2\n', 0],
    ]);
  });
});

describe('docker events --filter', { timeout: 60_000 }, () => {
  it('takes a key the daemon does not know, as getEvents validates none (it filters nothing out)', async () => {
    const window = '--since $(cat t0) --until $(($(date +%s)+1))';
    const steps = await run([
      'date +%s > t0',
      'docker volume create evv',
      `docker events ${window} --filter bogus=x --format "{{.Type}} {{.Action}} {{.Actor.ID}}"`,
      `docker events ${window} --filter bogus=x --filter type=bogus`,
    ]);
    expect(steps.slice(2)).toEqual([
      ['volume create evv\n', 0],
      ['', 0],
    ]);
  });
});

describe('docker logs', { timeout: 60_000 }, () => {
  it('--details puts the attributes the log options name before each line (a blank when none)', async () => {
    const steps = await run([
      'docker run --name lg alpine:3.22 sh -c "echo line1; echo line2"',
      'docker logs --details lg',
      'docker run --name lgd -l a=1 -l "b=x y&z" -e E=2 --log-opt labels=a,b,zz --log-opt env=E alpine:3.22 echo hi',
      'docker logs --details lgd',
      'docker logs --details -t lgd | cut -c31-',
    ]);
    expect(steps[1]).toEqual([' line1\n line2\n', 0]);
    expect(steps.slice(3)).toEqual([
      ['E=2,a=1,b=x+y%26z hi\n', 0],
      [' E=2,a=1,b=x+y%26z hi\n', 0],
    ]);
  });

  it("names the flag of a bad --since/--until, with time.Parse's own words for a bad date", async () => {
    const steps = await run([
      'docker create --name lc alpine:3.22 true',
      'docker logs --since bogus lc',
      'docker logs --until 5x lc',
      'docker logs --since 2000-01-01x lc',
      'docker logs --since 2000-13-01 lc',
      'docker logs --since 2000-02-30 lc',
      'docker logs --since 2000-01-01T25:00 lc',
      'docker logs --since 2000-1-01 lc',
      'docker logs --since 2000-01-01T00:00:00+0100 lc',
      'docker logs --since 2000-01-01z lc',
      'docker logs --since -5 lc',
      'docker logs --since 2000-01-01T00:00:00.1234567891 --until +5 lc',
      'docker logs --since bogus nope',
      'docker events --since 2000-13-01',
    ]);
    const err = (m: string): [string, number] => [`${m}\n`, 1];
    expect(steps.slice(1)).toEqual([
      err('invalid value for "since": failed to parse value as time or duration: "bogus"'),
      err('invalid value for "until": failed to parse value as time or duration: "5x"'),
      err('invalid value for "since": parsing time "2000-01-01x": extra text: "x"'),
      err('invalid value for "since": parsing time "2000-13-01": month out of range'),
      err('invalid value for "since": parsing time "2000-02-30": day out of range'),
      err('invalid value for "since": parsing time "2000-01-01T25:00": hour out of range'),
      err('invalid value for "since": parsing time "2000-1-01" as "2006-01-02": cannot parse "1-01" as "01"'),
      err(
        'invalid value for "since": parsing time "2000-01-01T00:00:00+0100" as "2006-01-02T15:04Z07:00": cannot parse ":00+0100" as "Z07:00"',
      ),
      err(
        'invalid value for "since": parsing time "2000-01-01z" as "2006-01-02Z07:00": cannot parse "z" as "Z07:00"',
      ),
      err('invalid value for "since": parsing time "-5" as "2006-01-02": cannot parse "-5" as "2006"'),
      ['', 0],
      ['Error response from daemon: No such container: nope\n', 1],
      err('parsing time "2000-13-01": month out of range'),
    ]);
  });
});

describe('docker system df --format', { timeout: 60_000 }, () => {
  it('runs each summary row on its own context type', async () => {
    const [, step] = await run(['docker pull -q alpine:3.22', 'docker system df --format "{{.Nope}}"']);
    expect(step).toEqual([
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.diskUsageImagesContext\n',
      1,
    ]);
  });

  it('with -v runs the template once over the diskUsageContext lists (whole IDs unless a table)', async () => {
    const steps = await run([
      'docker run --name sd1 -v sdv:/d alpine:3.22 true',
      'docker system df -v --format "{{.Type}}"',
      'docker system df -v --format "x{{.Nope}}"',
      'docker system df -v --format "{{.Nope"',
      'docker system df -v --format "{{range .Images}}{{.Repository}} {{.ID}}{{end}}"',
      'docker system df -v --format "table {{range .Images}}{{.Repository}} {{.ID}}{{end}}"',
      'docker system df -v --format "{{len .Containers}} {{len .Volumes}} {{len .BuildCache}} {{(index .Volumes 0).Name}}"',
      'docker system df -v --format json | cut -c1-40',
    ]);
    expect(steps.slice(1, 4)).toEqual([
      [
        'template: :1:2: executing "" at <.Type>: can\'t evaluate field Type in type *formatter.diskUsageContext\n',
        1,
      ],
      [
        'xtemplate: :1:3: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.diskUsageContext\n',
        1,
      ],
      ['template parsing error: template: :1: unclosed action\n', 1],
    ]);
    expect(steps[4][0]).toMatch(/^alpine sha256:[0-9a-f]{64}$/);
    expect(steps[5][0]).toMatch(/^alpine [0-9a-f]{12}$/);
    expect(steps[6]).toEqual(['1 1 0 sdv', 0]);
    expect(steps[7]).toEqual(['{"Images":[{"Containers":"1","CreatedAt"\n', 0]);
  });
});

describe(
  'signals the daemon is sent (moby/sys/signal ParseSignal, ValidSignalForPlatform)',
  { timeout: 60_000 },
  () => {
    it('kill takes any number of SignalMap, refuses 0, and a number outside it as the platform does not support it', async () => {
      const steps = await run([
        'docker run -d --name k1 alpine:3.22 sleep 300',
        'docker kill -s 0 k1',
        'docker kill -s 99 k1',
        'docker kill -s -1 k1',
        'docker kill -s 32 k1',
        'docker kill -s SIGBOGUS k1',
        'docker kill -s rtmin+3 k1; docker kill -s SIGCLD k1; docker kill -s iot k1',
        'docker ps -a --format "{{.Names}} {{.State}}"',
      ]);
      const err = (m: string): [string, number] => [
        `Error response from daemon: cannot kill container: k1: ${m}\n`,
        1,
      ];
      expect(steps.slice(1)).toEqual([
        err('invalid signal: 0'),
        err('the linux daemon does not support signal 99'),
        err('the linux daemon does not support signal -1'),
        err('the linux daemon does not support signal 32'),
        err('invalid signal: SIGBOGUS'),
        ['k1\nk1\nk1\n', 0],
        // sleep as PID 1 has no handler: the kernel drops them all
        ['k1 running\n', 0],
      ]);
    });

    it('stop, restart and --stop-signal read it with ParseSignal alone', async () => {
      const steps = await run([
        'docker run -d --name k1 alpine:3.22 sleep 300',
        'docker stop -s BOGUS k1',
        'docker restart -s 0 k1',
        'docker run --rm --stop-signal BOGUS alpine:3.22 true',
        'docker create --name s99 --stop-signal 99 alpine:3.22 true >/dev/null && docker inspect -f "{{.Config.StopSignal}}" s99',
      ]);
      expect(steps.slice(1)).toEqual([
        ['Error response from daemon: cannot stop container: k1: invalid signal: BOGUS\n', 1],
        ['Error response from daemon: Cannot restart container k1: invalid signal: 0\n', 1],
        [
          "docker: Error response from daemon: invalid signal: BOGUS\n\nRun 'docker run --help' for more information\n",
          125,
        ],
        ['99\n', 0],
      ]);
    });
  },
);

describe('docker rename', { timeout: 60_000 }, () => {
  it("wraps reserveName's errors (a taken or invalid name, shown as /NAME) after the same-name check", async () => {
    const steps = await run([
      'docker pull -q alpine:3.22 >/dev/null; docker create --name r1 alpine:3.22 >/dev/null; docker create --name r2 alpine:3.22',
      'docker rename r1 r2',
      'docker rename r1 bad/name',
      'docker rename r1 /r1',
      'docker rename r1 "a b"',
    ]);
    const id = steps[0][0].trim();
    expect(steps.slice(1)).toEqual([
      [
        `Error response from daemon: Error when allocating new name: Conflict. The container name "/r2" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\nError: failed to rename container named r1\n`,
        1,
      ],
      [
        'Error response from daemon: Error when allocating new name: Invalid container name (/bad/name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named r1\n',
        1,
      ],
      [
        'Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named r1\n',
        1,
      ],
      [
        'Error response from daemon: Error when allocating new name: Invalid container name (/a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named r1\n',
        1,
      ],
    ]);
  });
});

describe('docker cp from the host', { timeout: 60_000 }, () => {
  it("resolves the source's directory part as EvalSymlinks does: a file before a slash is ENOTDIR", async () => {
    const steps = await run([
      'docker run -d --name cpb alpine:3.22 sleep 300 >/dev/null; mkdir -p src && echo a > src/a',
      'docker cp src/a/ cpb:/tmp/',
      'docker cp src/a/x cpb:/tmp/',
      'docker cp src/a/. cpb:/tmp/',
      'docker cp missing/x cpb:/tmp/',
      'docker cp missing/ cpb:/tmp/',
      'docker cp src/a cpb:/tmp/ && docker exec cpb cat /tmp/a',
    ]);
    expect(steps.slice(1)).toEqual([
      ['not a directory\n', 1],
      ['not a directory\n', 1],
      ['not a directory\n', 1],
      ['lstat /home/student/missing: no such file or directory\n', 1],
      ['lstat /home/student/missing: no such file or directory\n', 1],
      ['a\n', 0],
    ]);
  });
});

describe('docker cp CONTAINER:PATH -', { timeout: 60_000 }, () => {
  it("writes go-archive's headers: type bits in the mode, the owner's names, zero device numbers", async () => {
    const steps = await run([
      'docker create --name cc alpine:3.22 >/dev/null; mkdir -p src && echo a > src/a',
      'docker cp src/a cc:/etc/ && docker cp cc:/etc/a -',
    ]);
    const [tar, status] = steps[1];
    expect(status).toBe(0);
    // recorded from the real engine: only the time and the checksum (of the time) differ
    const real =
      'a' +
      '\0'.repeat(99) +
      '0100644\x000000000\x000000000\x0000000000002\x00' +
      '<mtime>' +
      '<sum>' +
      '0' +
      '\0'.repeat(100) +
      'ustar\x0000' +
      'root' +
      '\0'.repeat(28) +
      'root' +
      '\0'.repeat(28) +
      '0000000\x000000000\x00' +
      '\0'.repeat(167) +
      'a\n' +
      '\0'.repeat(510) +
      '\0'.repeat(1024);
    const masked = tar.slice(0, 136) + '<mtime>' + '<sum>' + tar.slice(156);
    expect(masked).toEqual(real);
  });
});

describe('docker top PS_OPTIONS', { timeout: 60_000 }, () => {
  it('fails with "ps: " and the first line ps wrote on stderr, as ContainerTop does', async () => {
    const steps = await run([
      'docker run -d --name tp alpine:3.22 sleep 300',
      'docker top tp -o bogus',
      'docker top tp -o pid,bogus',
      'docker top tp bogusoption',
      'docker top tp --bogus',
      'docker top tp -K',
      'docker top tp -o pid,comm',
    ]);
    const err = (m: string): [string, number] => [`Error response from daemon: ps: error: ${m}\n`, 1];
    expect(steps.slice(1, 6)).toEqual([
      err('unknown user-defined format specifier "bogus"'),
      err('unknown user-defined format specifier "bogus"'),
      err('unsupported option (BSD syntax)'),
      err('unknown gnu long option'),
      err('unsupported SysV option'),
    ]);
    expect(steps[6][1]).toBe(0);
    expect(steps[6][0].split('\n')[0]).toMatch(/^PID +COMMAND$/);
  });
});

describe('docker exec -w RELATIVE', { timeout: 60_000 }, () => {
  it("is refused by runc's validateProcessSpec (an unknown error: exit 128), not tried as a chdir", async () => {
    const steps = await run([
      'docker run -d --name ex alpine:3.22 sleep 300',
      'docker exec -w relative ex pwd',
    ]);
    expect(steps[1]).toEqual([
      'OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown\r\n',
      128,
    ]);
  });
});

describe('docker rmi -f of an image a stopped container uses', { timeout: 60_000 }, () => {
  it('deletes the image but not its layers, which the container still holds until it is removed', async () => {
    const steps = await run([
      'docker pull -q alpine',
      'docker create --name keep alpine true',
      'docker rmi -f alpine',
      'docker pull alpine',
      'docker rm keep',
      'docker rmi alpine',
    ]);
    const hex = (s: string) => s.replace(/[0-9a-f]{64}/g, 'H').replace(/^[0-9a-f]{12}:/gm, 'L:');
    // the real engine (checked): no "Deleted: <layer>" while the container holds the layers
    expect(hex(steps[2][0])).toBe('Untagged: alpine:latest\nUntagged: alpine@sha256:H\nDeleted: sha256:H\n');
    expect(hex(steps[3][0])).toContain('L: Already exists\n');
    // once the container is gone, the image's own removal deletes the layer
    expect(hex(steps[5][0])).toBe(
      'Untagged: alpine:latest\nUntagged: alpine@sha256:H\nDeleted: sha256:H\nDeleted: sha256:H\n',
    );
  });
});

describe('supplementary groups of a container process', { timeout: 60_000 }, () => {
  it("are the user's /etc/group entries only when -u names no group (runc's GetExecUser, moby's getUser)", async () => {
    const root =
      'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n';
    expect(
      await run([
        'docker pull -q alpine',
        'docker run --rm alpine id',
        'docker run --rm -u 0:0 alpine id',
        'docker run --rm -u root:bin alpine id',
        'docker run --rm -u 1234 alpine id',
        'docker run -d --name grp alpine sleep 100',
        'docker exec -u 0:0 grp sh -c "id -G; groups"',
        'docker exec grp id',
      ]),
    ).toEqual([
      ['docker.io/library/alpine:latest\n', 0],
      [root, 0],
      // the same shapes on the real engine (its stand-in image's /etc/group lists fewer)
      ['uid=0(root) gid=0(root) groups=0(root)\n', 0],
      ['uid=0(root) gid=1(bin) groups=1(bin)\n', 0],
      ['uid=1234 gid=0(root) groups=0(root)\n', 0],
      [expect.stringMatching(/^[0-9a-f]{64}\n$/), 0],
      ['0\nroot\n', 0],
      [root, 0],
    ]);
  });
});

describe('templates: fmt and text/template details', { timeout: 60_000 }, () => {
  it('printf %q quotes each element of a list; len of a raw json.Number counts its digits', async () => {
    const steps = await run([
      'docker run -d --name t1 alpine:3.22 sleep 300',
      'docker inspect -f "{{printf \\"%q\\" .Config.Cmd}} {{printf \\"%5.2f|%-6s|%x\\" 3.14159 .Config.Image 255}}" t1',
      // len of the typed State.Pid (an int) fails, so the CLI runs the template on the raw JSON
      'docker inspect -f "{{len .State.Pid}}" t1 | tr 0-9 N',
    ]);
    expect(steps[1]).toEqual(['["sleep" "300"]  3.14|alpine:3.22|ff\n', 0]);
    expect(steps[2][0]).toMatch(/^N+\n$/);
    expect(steps[2][1]).toBe(0);
  });

  it("a table's {{.Label NAME}} column is titled by SubHeaderContext.Label (the name's last dotted part)", async () => {
    const steps = await run([
      'docker run -d --name t1 -l tier=web alpine:3.22 sleep 300',
      'docker create --name t2 alpine:3.22 echo two',
      'docker ps -a --format "table {{.Names}}\\t{{.Image}}\\t{{.Label \\"tier\\"}}"',
      'docker volume create --label com.example.my_team=blue v1',
      'docker volume ls --format "table {{.Name}}\\t{{.Label \\"com.example.my_team\\"}}"',
    ]);
    expect(steps[2]).toEqual([
      'NAMES     IMAGE         tier\nt2        alpine:3.22   \nt1        alpine:3.22   web\n',
      0,
    ]);
    expect(steps[4]).toEqual(['VOLUME NAME   my team\nv1            blue\n', 0]);
  });
});

describe('resource limits a cgroup v2 host cannot apply or does not have', { timeout: 60_000 }, () => {
  // moby v28 verifyPlatformContainerResources with sysinfo's cgroup v2 answers; the sweep's
  // 20.10 engine runs on cgroup v1, so only the cpuset errors are its bytes
  it('cpuset lists are parsed and checked against the CPUs (and, through a sysinfo slip, the mems too)', async () => {
    const [, ...steps] = await run([
      'docker pull -q alpine:3.22',
      'docker create --cpuset-cpus 0-99 alpine:3.22',
      'docker create --cpuset-cpus abc alpine:3.22',
      'docker create --cpuset-mems 5 alpine:3.22',
      'docker create --cpuset-cpus 0-9000 alpine:3.22',
      'docker create --name cs --cpuset-cpus 1 --cpuset-mems 0,1 alpine:3.22 >/dev/null && docker inspect -f "{{.HostConfig.CpusetCpus}}|{{.HostConfig.CpusetMems}}" cs',
    ]);
    expect(steps).toEqual([
      ['Error response from daemon: Requested CPUs are not available - requested 0-99, available: 0-1\n', 1],
      ['Error response from daemon: Invalid value abc for cpuset cpus: invalid format: abc\n', 1],
      [
        'Error response from daemon: Requested memory nodes are not available - requested 5, available: 0\n',
        1,
      ],
      [
        'Error response from daemon: Invalid value 0-9000 for cpuset cpus: value of out range, maximum is 8192\n',
        1,
      ],
      ['1|0,1\n', 0],
    ]);
  });

  it('discards swappiness and --oom-kill-disable with a warning, checks the io weight range', async () => {
    const [, ...steps] = await run([
      'docker pull -q alpine:3.22',
      'docker create --name w1 --oom-kill-disable --memory-swappiness 50 alpine:3.22 | wc -c',
      'docker inspect -f "{{.HostConfig.OomKillDisable}} {{.HostConfig.MemorySwappiness}}" w1',
      'docker create --name w2 alpine:3.22 >/dev/null && docker inspect -f "{{.HostConfig.OomKillDisable}} {{.HostConfig.MemorySwappiness}}" w2',
      'docker create --blkio-weight 5 alpine:3.22',
      'docker create --name w3 --blkio-weight 500 alpine:3.22 >/dev/null && docker inspect -f "{{.HostConfig.BlkioWeight}}" w3',
    ]);
    expect(steps).toEqual([
      [
        'WARNING: Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.\n' +
          'WARNING: Your kernel does not support OomKillDisable. OomKillDisable discarded.\n65\n',
        0,
      ],
      ['false <nil>\n', 0],
      ['false <nil>\n', 0],
      ['Error response from daemon: Range of blkio weight is from 10 to 1000\n', 1],
      ['500\n', 0],
    ]);
  });
});

describe('--env-file / --label-file', { timeout: 60_000 }, () => {
  it("names the file of a read error, as kvfile.Parse wraps the scanner's (an open error is bare)", async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'mkdir d',
      'docker run --rm --env-file d alpine:3.22 true',
      'docker run --rm --label-file d alpine:3.22 true',
      'docker run --rm --env-file nope alpine:3.22 true',
      'docker run -d --name ef alpine:3.22 sleep 100 >/dev/null; docker exec --env-file d ef true',
    ]);
    const usage = "\n\nRun 'docker run --help' for more information\n";
    expect(steps.slice(2)).toEqual([
      [`docker: invalid env file (d): read d: is a directory${usage}`, 125],
      [`docker: invalid env file (d): read d: is a directory${usage}`, 125],
      [`docker: open nope: no such file or directory${usage}`, 125],
      ['invalid env file (d): read d: is a directory\n', 1],
    ]);
  });
});

describe('BusyBox sh in a container', { timeout: 60_000 }, () => {
  it('a redirection that cannot be opened is status 1 (redirectsafe), the file system read-only or not', async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --read-only alpine:3.22 sh -c "echo x > /tmp/f"',
      'docker run --rm alpine:3.22 sh -c \'echo x > /nope/f; echo "s=$?"; cat < /nope; echo "s=$?"; echo >&9; echo "s=$?"\'',
    ]);
    expect(steps.slice(1)).toEqual([
      ["sh: can't create /tmp/f: Read-only file system\n", 1],
      [
        "sh: can't create /nope/f: nonexistent directory\ns=1\nsh: can't open /nope: no such file\ns=1\nsh: 9: Bad file descriptor\ns=1\n",
        0,
      ],
    ]);
  });

  it('exports SHLVL (atoi+1) and hands the environment over in its variable table order', async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm alpine:3.22 sh -c env | grep -v HOSTNAME',
      'docker run --rm -e ZED=1 -e A_B=2 alpine:3.22 sh -c "X=1 env" | cut -d= -f1',
      'docker run --rm -e SHLVL=5 alpine:3.22 sh -c \'echo $SHLVL; sh -c "echo \\$SHLVL"\'',
    ]);
    expect(steps.slice(1)).toEqual([
      ['SHLVL=1\nHOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nPWD=/\n', 0],
      ['HOSTNAME\nSHLVL\nHOME\nX\nA_B\nPATH\nZED\nPWD\n', 0],
      ['6\n7\n', 0],
    ]);
  });

  it("id -un of a nameless uid: the number, BusyBox's complaint (stdout flushed first), then the newline", async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm -u 1000 alpine:3.22 sh -c "exec 2>&1; id -un; id -u -n 0"',
    ]);
    expect(steps[1]).toEqual(['1000id: unknown ID 1000\n\nid: unknown user 0\n', 1]);
  });
});

describe('--read-only', { timeout: 60_000 }, () => {
  it('mounts /etc/hosts, /etc/hostname and /etc/resolv.conf read-only too (container.NetworkMounts)', async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --read-only alpine:3.22 sh -c "echo x > /dev/shm/f && echo shm-ok; mount | grep etc; echo n > /etc/hostname"',
      'docker run --rm alpine:3.22 sh -c "echo n >> /etc/hosts && mount | grep etc/hosts"',
    ]);
    const line = (f: string, o: string) =>
      `/dev/sda1 on /etc/${f} type ext4 (${o},relatime,discard,errors=remount-ro)\n`;
    expect(steps.slice(1)).toEqual([
      [
        'shm-ok\n' +
          line('resolv.conf', 'ro') +
          line('hostname', 'ro') +
          line('hosts', 'ro') +
          "sh: can't create /etc/hostname: Read-only file system\n",
        1,
      ],
      [line('hosts', 'rw'), 0],
    ]);
  });
});

describe('--volumes-from', { timeout: 60_000 }, () => {
  it("lends another container's mount points (read-only with :ro), holds its volumes; errors as registerMountPoints words them", async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run -d --name holder -v shared:/data alpine:3.22 sh -c "echo from-holder > /data/f; sleep 300" >/dev/null',
      'sleep 1; docker run --rm --volumes-from holder alpine:3.22 cat /data/f',
      'docker run --rm --volumes-from holder:ro alpine:3.22 touch /data/g',
      'docker run --rm --volumes-from nope alpine:3.22 true',
      'docker run --rm --volumes-from holder:shared alpine:3.22 true',
      'docker run --rm --volumes-from "" alpine:3.22 true',
      'docker run --rm --volumes-from holder -v other:/data alpine:3.22 ls /data',
      'docker run --name user --volumes-from holder alpine:3.22 true',
      'docker rm -f holder >/dev/null; docker volume rm shared',
    ]);
    const usage = "\n\nRun 'docker run --help' for more information\n";
    expect(steps.slice(2)).toEqual([
      ['from-holder\n', 0],
      ['touch: /data/g: Read-only file system\n', 1],
      [`docker: Error response from daemon: No such container: nope${usage}`, 125],
      [`docker: Error response from daemon: invalid mode: shared${usage}`, 125],
      [
        `docker: Error response from daemon: volumes-from specification cannot be an empty string${usage}`,
        125,
      ],
      ['', 0],
      ['', 0],
      [
        expect.stringMatching(
          /^Error response from daemon: remove shared: volume is in use - \[[0-9a-f]{64}\]\n$/,
        ),
        1,
      ],
    ]);
  });
});

describe('healthchecks', { timeout: 60_000 }, () => {
  it('are not simulated: a container with one gets a plain warning at create, not a silent "Up"', async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run -d --name hc --health-cmd true --health-interval 1s alpine:3.22 sleep 100 | wc -c',
      'docker run --rm --no-healthcheck alpine:3.22 true',
      'docker run --rm alpine:3.22 true',
    ]);
    expect(steps.slice(1)).toEqual([
      [
        'WARNING: Stevedore does not simulate healthchecks yet: this container runs, but its health is never checked.\n65\n',
        0,
      ],
      ['', 0],
      ['', 0],
    ]);
  });
});

describe('host config checks of create', { timeout: 60_000 }, () => {
  it('capabilities, isolation, OOM score adjustment and runtime are checked with moby v28 words', async () => {
    const [, ...steps] = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --cap-add BOGUS alpine:3.22 true',
      'docker run --rm --cap-drop net-raw alpine:3.22 true',
      'docker run --rm --oom-score-adj 2000 alpine:3.22 true',
      'docker run --rm --runtime bogus alpine:3.22 true',
      'docker run --rm --isolation hyperv alpine:3.22 true',
      'docker run --rm --isolation default --runtime runc --oom-score-adj -1000 alpine:3.22 true',
    ]);
    const usage = "\n\nRun 'docker run --help' for more information\n";
    expect(steps).toEqual([
      [`docker: Error response from daemon: invalid CapAdd: unknown capability: "CAP_BOGUS"${usage}`, 125],
      [`docker: Error response from daemon: invalid CapDrop: unknown capability: "CAP_NET-RAW"${usage}`, 125],
      [
        `docker: Error response from daemon: Invalid value 2000, range for oom score adj is [-1000, 1000]${usage}`,
        125,
      ],
      [`docker: Error response from daemon: unknown or invalid runtime name: bogus${usage}`, 125],
      [
        `docker: Error response from daemon: invalid isolation (hyperv): linux only supports 'default'${usage}`,
        125,
      ],
      ['', 0],
    ]);
  });

  it('a changed capability set is not enforced, and says so', async () => {
    const [, step] = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --cap-drop ALL alpine:3.22 true',
    ]);
    expect(step).toEqual([
      'WARNING: Stevedore does not simulate capabilities yet: --cap-add and --cap-drop are checked but not enforced.\n',
      0,
    ]);
  });
});

describe('--add-host', { timeout: 60_000 }, () => {
  it("writes its records after the defaults and before the container's own address (etchosts.Build)", async () => {
    const [, none, bridge] = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --network none --add-host db:10.0.0.5 --add-host "web=10.0.0.6" --add-host v6:[::1] alpine:3.22 sh -c "tail -3 /etc/hosts"',
      'docker run --rm --add-host gw:host-gateway alpine:3.22 sh -c "tail -2 /etc/hosts | cut -f1"',
    ]);
    expect(none).toEqual(['10.0.0.5\tdb\n10.0.0.6\tweb\n::1\tv6\n', 0]);
    expect(bridge).toEqual(['172.17.0.1\n172.17.0.2\n', 0]);
  });
});

describe('--group-add', { timeout: 60_000 }, () => {
  it("adds the groups after the user's own (getUser), by name or number; an unknown name fails the start", async () => {
    const [, ...steps] = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --user 0:0 --group-add 10 alpine:3.22 id -G',
      'docker run --rm -u 1000 --group-add 123 --group-add wheel alpine:3.22 id -G',
      'docker run --rm --group-add nosuchgroup alpine:3.22 id',
      'docker run -d --name ga --group-add 55 -u 1000 alpine:3.22 sleep 100 >/dev/null; docker exec ga id -G',
    ]);
    expect(steps).toEqual([
      ['0 10\n', 0],
      ['0 123 10\n', 0],
      [
        "docker: Error response from daemon: Unable to find group nosuchgroup: no matching entries in group file\n\nRun 'docker run --help' for more information\n",
        125,
      ],
      ['0 55\n', 0],
    ]);
  });
});

describe('--shm-size', { timeout: 60_000 }, () => {
  it("sizes the container's /dev/shm tmpfs (whole pages, shown in KiB), also for one shared with --ipc container:", async () => {
    const [, ...steps] = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --shm-size 1m alpine:3.22 sh -c "df -h /dev/shm | tail -1; mount | grep shm"',
      'docker run --rm --ipc private --shm-size 10000 alpine:3.22 sh -c "df /dev/shm | tail -1"',
      'docker run -d --name sd --ipc shareable --shm-size 2m alpine:3.22 sleep 100 >/dev/null; docker run --rm --ipc container:sd alpine:3.22 sh -c "mount | grep shm"',
    ]);
    const line = (k: number) =>
      `shm on /dev/shm type tmpfs (rw,nosuid,nodev,noexec,relatime,size=${k}k,inode64)\n`;
    expect(steps).toEqual([
      ['shm                       1.0M         0      1.0M   0% /dev/shm\n' + line(1024), 0],
      ['shm                         12         0        12   0% /dev/shm\n', 0],
      [line(2048), 0],
    ]);
  });
});
