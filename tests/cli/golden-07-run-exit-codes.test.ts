// Transcript 07: exit status propagation and docker's own codes: 125 (docker or daemon
// error), 126 (cannot invoke), 127 (not found); containers whose start failed stay Created.
import { goldenSuite } from './containers-golden';

goldenSuite('07-run-exit-codes.txt', 'transcript 07: exit codes', {
  images: ['python:3.13'],
  different: {
    // the real python:3.13's /bin/sh is dash, which names the line (the stand-in's was busybox ash)
    'docker run python:3.13 sh -c nosuchcommand': {
      output: 'sh: 1: nosuchcommand: not found\n',
      why: 'dash',
    },
  },
});
