// Transcript 09: -v HOSTDIR:CTRDIR and --mount type=bind: the container reads and writes
// the laptop's files, :ro refuses writes, a missing -v source is created (a --mount one is
// an error), `data` without a slash is a volume name.
import { expect } from 'vitest';
import { goldenSuite } from './containers-golden';

goldenSuite('09-bind-mount.txt', 'transcript 09: bind mounts', {
  images: ['python:3.13'],
  host: {
    'ls data && cat data/from-container.txt': (laptop) => {
      expect(laptop.fs.readdir('data')).toEqual(['from-container.txt', 'host.txt']);
      expect(laptop.fs.readFile('data/from-container.txt')).toBe('written-in-container\n');
    },
    "ls -ln data/from-container.txt | cut -d' ' -f1-4": (laptop) => {
      // written by root in the container: root's (uid 0) on the laptop, mode 0644
      expect(laptop.fs.stat('data/from-container.txt')).toMatchObject({ uid: 0, gid: 0, mode: 0o644 });
    },
    "ls -ld created-by-docker | cut -d' ' -f1,3,4": (laptop) => {
      expect(laptop.fs.stat('created-by-docker')).toMatchObject({ kind: 'dir', uid: 0, gid: 0, mode: 0o755 });
    },
    'cat data/log.txt': (laptop, step) => {
      expect(laptop.fs.readFile('data/log.txt')).toBe(step.output);
    },
  },
  different: {
    [`docker run --rm -v "$PWD/data":/data:ro python:3.13 sh -c 'echo x > /data/nope.txt'`]: {
      output: 'sh: 1: cannot create /data/nope.txt: Read-only file system\n',
      exit: 2,
      why: "dash's redirection error, after which dash exits 2 (the stand-in's busybox: can't create, 1)",
    },
    [`docker run --rm -v "$PWD/created-by-docker":/mnt python:3.13 ls -la /mnt`]: {
      check: (r) => {
        // coreutils ls -l columns (busybox pads owner and size). The link count of `..` (the
        // container's merged root) is 1 on a real overlay mount; the overlay model counts the
        // subdirectories, so the count column is left out here.
        const lines = r.io.all.split('\n').map((l) => l.replace(/^(\S+) +\d+ /, '$1 N '));
        expect(lines.join('\n').replace(/\w{3} \d\d \d\d:\d\d/g, 'TIME')).toBe(
          'total 8\ndrwxr-xr-x N root root 4096 TIME .\ndrwxr-xr-x N root root 4096 TIME ..\n',
        );
        expect(r.code).toBe(0);
      },
    },
  },
});
