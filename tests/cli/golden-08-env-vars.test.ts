// Transcript 08: -e NAME=value, -e NAME (the client's value, or nothing when it has none),
// --env-file (comments, blank lines, quotes kept, NAME alone from the client), its errors,
// and exec -e.
import { expect } from 'vitest';
import { goldenSuite } from './containers-golden';

goldenSuite('08-env-vars.txt', 'transcript 08: environment variables', {
  images: ['python:3.13'],
  host: {
    'cat .env': (laptop, step) => {
      // the transcript format drops output lines that start with "# "
      const text = String(laptop.fs.readFile('.env'));
      expect(
        text
          .split('\n')
          .filter((l) => !l.startsWith('# '))
          .join('\n'),
      ).toBe(step.output);
    },
  },
});
