// Transcript 20: the view from inside: hostname = the short ID, PID 1, docker top,
// /etc/hosts, users, os-release, the root directory, the working directory, /.dockerenv.
import { goldenSuite, procpsCheck, topCheck } from './containers-golden';

goldenSuite('20-inside-the-container.txt', 'transcript 20: inside the container', {
  images: ['python:3.13', 'python:3.13-alpine'],
  different: {
    'docker exec inspectme cat /etc/hosts': {
      // README "No bridge network": with the default bridge, /etc/hosts names the container's IP
      output:
        '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.17.0.2\t6dc22a59ab90\n',
    },
    // the real python:3.13 has procps' ps (the stand-ins had busybox's, which shows arguments)
    'docker exec inspectme ps': { check: procpsCheck([/python3/, /ps/]) },
    'docker run --rm python:3.13 ps': { check: procpsCheck([/ps/]) },
    "docker run --rm python:3.13 sh -c 'echo my pid is $$; ps'": { check: procpsCheck([/sh/, /ps/]) },
    'docker top inspectme': { check: topCheck },
    'docker top inspectme -o pid,args': { check: topCheck },
    'docker run --rm python:3.13 ls /': {
      output:
        'bin\nboot\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n',
      why: "Debian bookworm's root directory (the stand-in's had no /boot and /lib64)",
    },
    'docker run --rm python:3.13 ls -la /.dockerenv': {
      output: '-rwxr-xr-x 1 root root 0 Nov 27 21:21 /.dockerenv\n',
      why: 'coreutils ls -l columns (busybox pads owner and size)',
    },
  },
});
