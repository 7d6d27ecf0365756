// Transcript 10: volume create/ls/inspect/rm, data persisting across containers, implicit
// creation, removing a volume in use, anonymous volumes (gone with rm -v and --rm).
import { goldenSuite } from './containers-golden';

goldenSuite('10-named-volumes.txt', 'transcript 10: named volumes', {
  images: ['python:3.13', 'python:3.13-slim'],
  different: {
    "docker run --rm -v mydata:/data python:3.13 sh -c 'echo persisted > /data/file.txt; ls -l /data'": {
      output: 'total 4\n-rw-r--r-- 1 root root 10 Nov 27 21:19 file.txt\n',
      why: "coreutils ls -l columns (the stand-in's busybox padded owner and size)",
    },
    "docker run --rm -v mydata:/data:ro python:3.13 sh -c 'rm /data/file.txt'": {
      output: "rm: cannot remove '/data/file.txt': Read-only file system\n",
      why: "coreutils rm's wording (busybox: can't remove)",
    },
  },
});
