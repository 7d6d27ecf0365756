// Transcript 17: docker diff after creating, changing and deleting files, some of them
// from the image's layers: A, C (with every parent directory), D (only the top of a
// deleted tree); nothing for a file made and removed again; a restarted container.
import { expect } from 'vitest';
import { goldenSuite } from './containers-golden';
import type { StepCheck } from './containers-golden';
import { normalize } from './normalize';

/** README: "the order of lines in docker diff (filesystem-walk order) … compare docker diff output as a set". */
const asSet: StepCheck = {
  why: 'docker diff siblings come in Go map order: compared as a set, as the README says',
  check: (r, step) => {
    const lines = (t: string) => normalize(t).split('\n').filter(Boolean).sort();
    expect(lines(r.io.all)).toEqual(lines(step.output));
    expect(r.code).toBe(step.exit);
  },
};

/**
 * In the real Debian image /etc/os-release is a symlink to ../usr/lib/os-release: `>>` follows
 * it, so the change is to /usr/lib (the stand-in image had a plain file in /etc).
 */
const COW = [
  'C /usr',
  'C /usr/lib',
  'C /usr/lib/os-release',
  'C /usr/local',
  'C /usr/local/lib',
  'C /usr/local/lib/python3.13',
  'D /usr/local/lib/python3.13/this.py',
  'A /app',
  'A /app/sub',
  'A /app/sub/x',
  'C /tmp',
  'A /tmp/new.txt',
].join('\n');

const realCow: StepCheck = {
  why: 'README "Layer structure": Debian\'s /etc/os-release is a symlink into /usr/lib; compared as a set',
  check: (r, step) => asSet.check!(r, { ...step, output: COW + '\n' }),
};

goldenSuite('17-diff-copy-on-write.txt', 'transcript 17: diff and copy-on-write', {
  images: ['python:3.13'],
  different: {
    'docker diff cow': realCow,
    'docker diff cow-rmdir': asSet,
    'docker diff cow-live': asSet,
    'docker run --rm python:3.13 cat /usr/local/lib/python3.13/this.py': {
      why: 'README "What is fake": the stand-in had a placeholder; the real this.py is the rot13 Zen of Python',
      check: (r) => {
        expect(r.io.all.startsWith('s = """Gur Mra bs Clguba, ol Gvz Crgref\n')).toBe(true);
        expect(r.code).toBe(0);
      },
    },
  },
});
