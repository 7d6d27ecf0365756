// Transcript 15: exec into a running container (cwd, env, user, detached), exit codes, a
// stopped or missing container, exec with no command.
import { expect } from 'vitest';
import { goldenSuite, procpsCheck, topCheck } from './containers-golden';

goldenSuite('15-exec.txt', 'transcript 15: exec', {
  images: ['python:3.13'],
  different: {
    'docker exec app ls /usr/local/lib/python3.13': {
      // README "What is fake": the stand-in's library had nine entries; the real one has them all and more
      check: (r, step) => {
        const got = r.io.out.trimEnd().split('\n');
        for (const name of step.output.trimEnd().split('\n')) expect(got).toContain(name);
        expect([...got].sort()).toEqual(got);
        expect(r.code).toBe(0);
      },
    },
    // the real python:3.13 has procps' ps (the stand-in's was busybox's)
    'docker exec app ps': { check: procpsCheck([/python3/, /ps/]) },
    'docker exec app nosuchcmd': {
      output:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown\r\n',
      exit: 127,
      why: 'Docker 28 exits 127 for a missing exec binary (setExitCodeFromError); engine 20.10 said 126',
    },
    'docker top app': { check: topCheck },
  },
});
