// How the nginx steps of transcripts 13 and 24 are compared: the recording's nginx was a
// stand-in script (README "What is fake") that printed fixed worker PIDs and no pid file.
import { expect } from 'vitest';
import { normalize, type TranscriptStep } from './normalize';
import type { TermResult } from './containers-world';
import type { StepCheck } from './containers-golden';

/**
 * The log with nginx's PIDs renamed by first appearance in each start (PID 1 stays 1) and the
 * kernel release of the `OS: Linux` line masked.
 */
export function renameNginxPids(text: string): string {
  let seen = new Map<string, string>();
  return normalize(text)
    .split('\n')
    .map((line) => {
      // a new start of the container: a new PID namespace, the entrypoint forks afresh
      if (
        line.includes('/docker-entrypoint.d/ is not empty') ||
        line.endsWith('using the "epoll" event method')
      )
        seen = new Map();
      const name = (pid: string) => {
        if (pid === '1') return '1';
        if (!seen.has(pid)) seen.set(pid, `P${seen.size + 1}`);
        return seen.get(pid)!;
      };
      return line
        .replace(/OS: Linux \S+/, 'OS: Linux <KERNEL>')
        .replace(/\] (\d+)#(\d+): /, (_m, a: string, b: string) => `] ${name(a)}#${name(b)}: `)
        .replace(
          /(worker process|received from) (\d+)/,
          (_m, pre: string, pid: string) => `${pre} ${name(pid)}`,
        );
    })
    .join('\n');
}

export const NGINX_PIDS: StepCheck = {
  check: (r: TermResult, step: TranscriptStep) => {
    expect(renameNginxPids(r.io.all)).toBe(renameNginxPids(step.output));
    expect(r.code).toBe(step.exit);
  },
  why: "the recording's stand-in nginx printed worker PIDs 29 and 30 as fixed strings (README: What is fake); ours are the PIDs that follow what the real entrypoint forked through dash, so PIDs are compared up to a consistent renaming per start; the OS line names the recording laptop's kernel, masked",
};

/** What the real nginx adds to `docker diff`: its pid file and the temp directories under /var/cache/nginx. */
const NGINX_RUNTIME_FILES = [
  'C /run',
  'A /run/nginx.pid',
  'C /var',
  'C /var/cache',
  'C /var/cache/nginx',
  ...['client', 'fastcgi', 'proxy', 'scgi', 'uwsgi'].map((d) => `A /var/cache/nginx/${d}_temp`),
];

export const NGINX_DIFF: StepCheck = {
  check: (r: TermResult, step: TranscriptStep) => {
    const got = r.io.all.trimEnd().split('\n');
    const recorded = step.output.trimEnd().split('\n');
    for (const line of recorded) expect(got).toContain(line);
    expect(got.filter((l) => !recorded.includes(l)).sort()).toEqual([...NGINX_RUNTIME_FILES].sort());
    expect(r.code).toBe(step.exit);
  },
  why: "the recording's stand-in nginx wrote no /run/nginx.pid and made no /var/cache/nginx/*_temp directories; a real nginx does, so the recorded lines are a subset and those are the only extra ones",
};
