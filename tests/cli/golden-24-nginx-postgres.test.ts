// Transcript 24: official-image entrypoints: postgres refuses to start without a password
// (exit 1), initialises with one (VOLUME -> an anonymous volume, STOPSIGNAL SIGINT), nginx's
// entrypoint output and STOPSIGNAL SIGQUIT (a fast stop with exit 0).
import { expect } from 'vitest';
import { goldenSuite, type StepCheck } from './containers-golden';
import { NGINX_DIFF, NGINX_PIDS } from './golden-24-nginx-check';
import { normalize } from './normalize';
import type { TermResult } from './containers-world';
import type { TranscriptStep } from './normalize';

/**
 * README "What is fake": the recording's postgres was a shell script that printed its helpers'
 * PIDs as its own PID + 26 (checkpointer), + 28 (startup), + 31 (replication launcher). A real
 * postmaster forks checkpointer, bgwriter, startup, then walwriter, autovacuum launcher and the
 * launcher, so they are the next PIDs of the namespace after what the entrypoint ran. Compare the
 * log with each PID renamed by first appearance (PID 1 stays 1): same processes, same lines.
 */
function pgPidsCheck(r: TermResult, step: TranscriptStep): void {
  const rename = (text: string) => {
    const seen = new Map<string, string>([['1', '1']]);
    return normalize(text).replace(/(\[|\(PID )(\d+)(?=[\])])/g, (_m, pre: string, pid: string) => {
      if (!seen.has(pid)) seen.set(pid, `P${seen.size}`);
      return `${pre}${seen.get(pid)!}`;
    });
  };
  expect(rename(r.io.all)).toBe(rename(step.output));
  expect(r.code).toBe(step.exit);
}

const PG_PIDS: StepCheck = {
  check: pgPidsCheck,
  why: "the recording's fake postgres printed made-up helper PIDs (README: What is fake)",
};

goldenSuite('24-nginx-postgres.txt', 'transcript 24: nginx and postgres', {
  images: ['nginx', 'postgres:16'],
  different: {
    // the recorder waited for the server before reading its log (initdb takes about a second)
    'docker logs db': { ...PG_PIDS, pauseMs: 600 },
    'docker logs --tail 8 db': PG_PIDS,
    'docker logs web': NGINX_PIDS,
    'docker diff web': NGINX_DIFF,
    'docker logs --tail 12 web': NGINX_PIDS,
  },
});
