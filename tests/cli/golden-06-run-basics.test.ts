// Transcript 06: run with the default CMD, a command override, -d, --name, a name
// conflict, --rm (the container is gone afterwards, also for -d --rm once it exits).
import { expect } from 'vitest';
import { STEP_GAP_MS, goldenSuite } from './containers-golden';
import { normalize } from './normalize';

goldenSuite('06-run-basics.txt', 'transcript 06: docker run basics', {
  images: ['python:3.13', 'python:3.13-slim'],
  host: {
    'docker ps -a': async (laptop, step) => {
      // the recording daemon had older containers (t1, reverent_mestorf: README "Environment objects")
      await laptop.pause(STEP_GAP_MS);
      const r = await laptop.docker(step.command);
      const want = step.output.split('\n').filter((l) => !/reverent_mestorf|\bt1$/.test(l));
      expect(normalize(r.io.all)).toBe(normalize(want.join('\n')));
      expect(r.code).toBe(0);
    },
  },
});
