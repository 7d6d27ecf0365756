// Transcript 11: ps, ps -a, -q, filters (status, exited, name, ancestor), -l, -n, -s,
// --no-trunc, --format, and an invalid status filter, over running, exited and created
// containers on the simulated laptop.
import { expect } from 'vitest';
import { goldenSuite, transcript } from './containers-golden';
import { normalize } from './normalize';

const steps = transcript('11-ps-variants.txt');
const out = (cmd: string) => steps.find((s) => s.command === cmd)!.output;

/** README "Environment objects": t1 and reverent_mestorf pre-existed on the recording daemon, not on the laptop. */
const ENV = /^.*(?:\bt1\b|reverent_mestorf|a29907b12ea2|b258a227e69f).*\n/gm;
const withoutEnv = (cmd: string) => ({
  output: out(cmd).replace(ENV, ''),
  why: 'README "Environment objects": the containers t1 and reverent_mestorf pre-existed on the recording daemon',
});

goldenSuite('11-ps-variants.txt', 'transcript 11: ps variants', {
  images: ['python:3.13', 'python:3.13-slim'],
  different: {
    'docker ps -a': withoutEnv('docker ps -a'),
    'docker ps -aq': withoutEnv('docker ps -aq'),
    'docker ps -a --filter status=exited': withoutEnv('docker ps -a --filter status=exited'),
    "docker ps -a --format 'table {{.Names}}\\t{{.Image}}\\t{{.Status}}'": withoutEnv(
      "docker ps -a --format 'table {{.Names}}\\t{{.Image}}\\t{{.Status}}'",
    ),
    'docker ps -s': {
      why: 'README "Image metadata": the stand-in python:3.13 was 2.68MB; the real image is about 1 GB',
      check: (r, step) => {
        expect(normalize(r.io.all, { sizes: true })).toBe(normalize(step.output, { sizes: true }));
        expect(r.io.all).toMatch(/ 0B \(virtual 1\.\d+GB\)\n$/);
        expect(r.code).toBe(0);
      },
    },
    'docker ps --filter status=bogus': {
      output:
        "Error response from daemon: invalid filter 'status=bogus': invalid value for state (bogus): must be one of created, running, paused, restarting, removing, exited, dead\n",
      why: 'Docker 28 wording (daemon/list.go foldFilter, container.ValidateContainerState); engine 20.10 said "Invalid filter \'status=bogus\'"',
    },
  },
});
