// A container's /dev as runc makes it: character devices with their major and
// minor numbers (ls -l, stat, test -c, find -type c, in GNU and BusyBox
// userlands), the masked /proc files as /dev/null, the terminal of -t as
// /dev/pts/0 and /dev/console; and the devices still behave as devices.
import { beforeAll, describe, expect, it } from 'vitest';
import { Laptop } from '../../cli/containers-world';
import { withImages } from '../../cli/containers-golden';

let l: Laptop;
beforeAll(async () => {
  l = new Laptop();
  await withImages(l, ['python:3.13', 'alpine']);
}, 120_000);

const sh = async (image: string, cmd: string, tty = false) => {
  const r = await l.run(['run', '--rm', ...(tty ? ['-t'] : []), image, 'sh', '-c', cmd]);
  return r.io.out + r.io.err;
};
/** The lines of `ls -l` without the date (the clock's, not Docker's). */
const undated = (out: string) => out.replace(/ Nov 27 \d\d:\d\d /g, ' DATE ');

describe('/dev nodes', () => {
  it('GNU ls -l: "major, minor" in the size column, which widens for them', async () => {
    const out = undated(await sh('python:3.13', 'ls -l /dev'));
    expect(out.split('\n').filter((x) => x.startsWith('c'))).toEqual([
      'crw-rw-rw- 1 root root 1, 7 DATE full',
      'crw-rw-rw- 1 root root 1, 3 DATE null',
      'crw-rw-rw- 1 root root 1, 8 DATE random',
      'crw-rw-rw- 1 root root 5, 0 DATE tty',
      'crw-rw-rw- 1 root root 1, 9 DATE urandom',
      'crw-rw-rw- 1 root root 1, 5 DATE zero',
    ]);
    expect(out).toContain('lrwxrwxrwx 1 root root   13 DATE fd -> /proc/self/fd\n');
    expect(out).toContain('lrwxrwxrwx 1 root root   15 DATE stdin -> /proc/self/fd/0\n');
    expect(undated(await sh('python:3.13', 'ls -l /dev/null /dev/stdout'))).toBe(
      'crw-rw-rw- 1 root root 1, 3 DATE /dev/null\nlrwxrwxrwx 1 root root   15 DATE /dev/stdout -> /proc/self/fd/1\n',
    );
  });

  it('BusyBox ls -l: "%4u, %3u" where the size would be', async () => {
    const out = undated(await sh('alpine', 'ls -l /dev/null /dev/pts'));
    expect(out).toBe(
      'crw-rw-rw-    1 root     root        1,   3 DATE /dev/null\n\n/dev/pts:\ntotal 0\ncrw-rw-rw-    1 root     root        5,   2 DATE ptmx\n',
    );
  });

  it('stat says "character special file" with the device type; test -c and find -type c see devices', async () => {
    const gnu = await sh('python:3.13', 'stat /dev/null');
    expect(gnu).toContain('IO Block: 4096   character special file\n');
    expect(gnu).toMatch(/\nDevice: 0,62\tInode: \d+ +Links: 1 {5}Device type: 1,3\n/);
    expect(gnu).toContain('Access: (0666/crw-rw-rw-)');
    const bb = await sh('alpine', 'stat /dev/random');
    expect(bb).toMatch(/\nDevice: 3eh\/62d\tInode: \d+ +Links: 1 {5}Device type: 1,8\n/);
    expect(await sh('python:3.13', 'stat -c "%F %t %T" /dev/urandom')).toBe('character special file 1 9\n');
    for (const image of ['python:3.13', 'alpine']) {
      expect(
        await sh(
          image,
          'test -c /dev/zero && echo c; test -f /dev/zero || echo not-f; [ -c /etc/hostname ] || echo hostname-not-c',
        ),
      ).toBe('c\nnot-f\nhostname-not-c\n');
      expect(await sh(image, 'find /dev -maxdepth 1 -type c')).toBe(
        '/dev/full\n/dev/null\n/dev/random\n/dev/tty\n/dev/urandom\n/dev/zero\n',
      );
    }
  });

  it('masked /proc files are /dev/null; -t adds /dev/pts/0 and /dev/console (136, 0, group tty)', async () => {
    expect(undated(await sh('python:3.13', 'ls -l /proc/kcore'))).toBe(
      'crw-rw-rw- 1 root root 1, 3 DATE /proc/kcore\n',
    );
    const t = undated(await sh('python:3.13', 'ls -l /dev/console /dev/pts', true));
    expect(t).toBe(
      'crw--w---- 1 root tty 136, 0 DATE /dev/console\r\n\r\n/dev/pts:\r\ntotal 0\r\ncrw--w---- 1 root tty  136, 0 DATE 0\r\ncrw-rw-rw- 1 root root   5, 2 DATE ptmx\r\n',
    );
  });

  it('they still behave as devices: zeroes, nothing, and copying one makes an empty regular file', async () => {
    expect(
      await sh('python:3.13', 'head -c 5 /dev/zero | wc -c; wc -c < /dev/null; cat /dev/null; echo $?'),
    ).toBe('5\n0\n0\n');
    expect(undated(await sh('python:3.13', 'cp /dev/null /tmp/x && ls -l /tmp/x'))).toBe(
      '-rw-r--r-- 1 root root 0 DATE /tmp/x\n',
    );
  });
});
