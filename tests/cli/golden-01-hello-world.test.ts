// Transcript 01: the classic first command: the image is not there, so `docker run` says so
// on stderr, pulls it (progress on stderr, no final reference line) and runs it; the second
// run has no pull.
import { expect } from 'vitest';
import { goldenSuite, STEP_GAP_MS } from './containers-golden';
import { normalize } from './normalize';

goldenSuite('01-hello-world-first-run.txt', 'transcript 01: hello-world, first run', {
  images: [],
  host: {
    'docker images hello-world': async (laptop, step) => {
      // the real hello-world's size is not the stand-in's
      await laptop.pause(STEP_GAP_MS);
      const r = await laptop.docker(step.command);
      expect(normalize(r.io.all, { sizes: true })).toBe(normalize(step.output, { sizes: true }));
    },
  },
});
