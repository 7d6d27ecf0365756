// --device: the host's node (or every node under a directory) is made in the container with its
// type, numbers, mode and group, as runc does from moby's DevicesFromPath; a path that is no
// device fails the start with moby's words; drivers the model lacks get a warning at create.
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';

async function run(lines: string[]): Promise<Array<[string, number]>> {
  const r = await runScript(lines.join('\n#\n'), { seed: 1 });
  return r.steps.map((s) => [s.output.replace(/ [A-Z][a-z]{2} [ \d]\d \d\d:\d\d /g, ' DATE '), s.status]);
}

const warning = (paths: string) =>
  `WARNING: Stevedore does not simulate the drivers of ${paths}: the device nodes are made in the container, but reading or writing them fails.\n`;

describe('--device', { timeout: 60_000 }, () => {
  it("makes the host's node in the container, renamed, with the host's numbers, mode and group", async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run --rm --device /dev/fuse alpine:3.22 ls -l /dev/fuse',
      'docker run --rm --device /dev/kvm:/dev/vm:r alpine:3.22 sh -c "ls -l /dev/vm; cat /dev/vm"',
      'docker run --rm --device /dev/null:/dev/mynull alpine:3.22 sh -c "echo hi > /dev/mynull && ls -l /dev/mynull"',
      'docker run --rm --device /dev/snd alpine:3.22 ls /dev/snd',
      'docker run --rm --device /dev/sda alpine:3.22 sh -c "ls -l /dev/sda; test -b /dev/sda && echo block"',
      'ls -l /dev/kvm',
    ]);
    expect(steps[1]).toEqual([
      `${warning('/dev/fuse')}crw-rw-rw-    1 root     root       10, 229 DATE /dev/fuse\n`,
      0,
    ]);
    // the group is the host's number (the image has no kvm group); no driver answers a read
    expect(steps[2]).toEqual([
      `${warning('/dev/vm')}crw-rw----    1 root     993        10, 232 DATE /dev/vm\ncat: can't open '/dev/vm': No such device or address\n`,
      1,
    ]);
    // a device the model does run behaves as itself under its new name
    expect(steps[3]).toEqual(['crw-rw-rw-    1 root     root        1,   3 DATE /dev/mynull\n', 0]);
    expect(steps[4]).toEqual([
      `${warning('/dev/snd/controlC0, /dev/snd/pcmC0D0p, /dev/snd/seq, /dev/snd/timer')}controlC0\npcmC0D0p\nseq\ntimer\n`,
      0,
    ]);
    expect(steps[5]).toEqual([
      `${warning('/dev/sda')}brw-rw----    1 root     disk        8,   0 DATE /dev/sda\nblock\n`,
      0,
    ]);
    expect(steps[6]).toEqual(['crw-rw---- 1 root kvm 10, 232 DATE /dev/kvm\n', 0]);
  });

  it('fails the start for a path that is no device, leaving the container created', async () => {
    const steps = await run([
      'docker pull -q alpine:3.22',
      'docker run --name nodev --device /dev/nope alpine:3.22 true',
      "docker ps -a --format '{{.Names}} {{.Status}}'",
      'docker run --rm --device /etc/passwd alpine:3.22 true',
      "docker inspect -f '{{json .HostConfig.Devices}}' nodev",
    ]);
    expect(steps[1]).toEqual([
      'docker: Error response from daemon: error gathering device information while adding custom device "/dev/nope": no such file or directory\n\nRun \'docker run --help\' for more information\n',
      127,
    ]);
    expect(steps[2]).toEqual(['nodev Created\n', 0]);
    expect(steps[3]).toEqual([
      'docker: Error response from daemon: error gathering device information while adding custom device "/etc/passwd": not a device node\n\nRun \'docker run --help\' for more information\n',
      125,
    ]);
    expect(steps[4]).toEqual([
      '[{"PathOnHost":"/dev/nope","PathInContainer":"/dev/nope","CgroupPermissions":"rwm"}]\n',
      0,
    ]);
  });
});
