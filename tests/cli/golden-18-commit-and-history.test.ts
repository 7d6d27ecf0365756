// Transcript 18: pip install in a container, its diff, docker commit (plain and with -m,
// -a and -c), the new images in `docker images` and `docker history`, running them.
// The recording's images were stand-ins (README): pip wrote placeholder files and the
// history lines were the stand-in Dockerfiles'; the laptop has the real python:3.13.
import { expect } from 'vitest';
import { goldenSuite } from './containers-golden';
import type { StepCheck } from './containers-golden';
import type { TermResult } from './containers-world';
import { normalize } from './normalize';

const lines = (t: string) => t.replace(/\r\n/g, '\n').trimEnd().split('\n');
const loose = (t: string) => normalize(t, { sizes: true });

/** The committed image's history: its own entry, then python:3.13's (built by BuildKit). */
function historyCheck(comment: string): StepCheck {
  return {
    why: 'README "Image metadata": the real python:3.13 history is BuildKit\'s, and real pip writes megabytes where the fake wrote 828B',
    check: (r: TermResult) => {
      const rows = lines(r.io.all);
      expect(rows[0]).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$/);
      expect(rows[1]).toMatch(
        new RegExp(
          `^[0-9a-f]{12} +(?:Less than a second|\\d+ seconds?) ago +pip install requests +\\d+(\\.\\d+)?[kM]B +${comment}$`,
        ),
      );
      expect(rows[2]).toMatch(/^[0-9a-f]{12} +\S.* ago +CMD \["python3"\] +0B +buildkit\.dockerfile\.v0$/);
      for (const row of rows.slice(3)) expect(row).toMatch(/^<missing> /);
      expect(r.code).toBe(0);
    },
  };
}

goldenSuite('18-commit-and-history.txt', 'transcript 18: commit and history', {
  images: ['python:3.13'],
  different: {
    'docker run --name builder python:3.13 pip install requests': {
      why: 'README "What is fake": the recording\'s pip was a fake; pip 25.1 prints "Successfully installed" before its root warning',
      check: (r) => {
        expect(r.io.all).toContain(
          'Successfully installed certifi-2025.6.15 charset_normalizer-3.4.2 idna-3.10 requests-2.32.4 urllib3-2.5.0\n',
        );
        expect(r.code).toBe(0);
      },
    },
    'docker diff builder': {
      why: 'README "What is fake": real pip writes more files (RECORD, __pycache__, its hashed http cache) than the fake did',
      check: (r) => {
        const got = lines(r.io.all);
        for (const l of got) expect(l).toMatch(/^[ACD] \//);
        for (const must of [
          'C /usr/local/bin',
          'A /usr/local/bin/normalizer',
          'C /usr/local/lib/python3.13/site-packages',
          'A /usr/local/lib/python3.13/site-packages/requests',
          'A /usr/local/lib/python3.13/site-packages/requests-2.32.4.dist-info',
          'C /root',
          'A /root/.cache/pip/http-v2',
        ])
          expect(got).toContain(must);
        // every changed path's parent is listed before it
        const seen = new Set<string>();
        for (const l of got) {
          const p = l.slice(2);
          const parent = p.slice(0, p.lastIndexOf('/')) || '/';
          if (parent !== '/') expect(seen.has(parent), l).toBe(true);
          seen.add(p);
        }
        expect(r.code).toBe(0);
      },
    },
    'docker images myapp': {
      why: 'README "Image metadata": sizes of the real image',
      check: (r, step) => {
        expect(loose(r.io.all)).toBe(loose(step.output));
        expect(r.code).toBe(0);
      },
    },
    'docker history myapp:v1': historyCheck(''),
    'docker history myapp:v2': historyCheck('add requests'),
    "docker history --no-trunc --format '{{.CreatedBy}} | {{.Comment}}' myapp:v2": {
      why: 'README "Image metadata": python:3.13\'s real history (BuildKit) under the committed layer',
      check: (r) => {
        const rows = lines(r.io.all);
        expect(rows[0]).toBe('pip install requests | add requests');
        expect(rows[1]).toBe('CMD ["python3"] | buildkit.dockerfile.v0');
        expect(r.code).toBe(0);
      },
    },
    'docker images': {
      why: 'the recording daemon also had the images of transcripts 01-05 and the environment objects; the laptop pulled only python:3.13',
      check: (r, step) => {
        const keep = (t: string) =>
          lines(loose(t)).filter((l) => /^(REPOSITORY|myapp|python {2}3\.13 )/.test(l));
        expect(keep(r.io.all)).toEqual(keep(step.output));
        expect(r.code).toBe(0);
      },
    },
  },
});
