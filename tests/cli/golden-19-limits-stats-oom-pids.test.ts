// Transcript 19: -m (memory.max, MemorySwap = 2 x memory), an OOM kill of PID 1 and of a
// child (OOMKilled, exit codes), the 6 MB minimum, --pids-limit refusing forks, --cpus.
import { expect } from 'vitest';
import { goldenSuite } from './containers-golden';
import type { StepCheck } from './containers-golden';
import { normalize } from './normalize';

/**
 * README "What is fake" and "Recording environment": the stand-in python3 was a tiny static
 * binary (hundreds of KiB) on a 23.5 GiB VM; the laptop runs CPython 3.13 (megabytes) with
 * 7.67 GiB of RAM. The table, the limits from -m, the CPU, I/O and PIDS cells are compared;
 * memory figures only in form.
 */
const statsCheck: StepCheck = {
  why: "memory in use is the real program's and LIMIT without -m is the laptop's MemTotal",
  check: (r, step) => {
    const mask = (t: string) =>
      normalize(t)
        .replace(
          /\d+(\.\d+)?[KMG]iB \/ (64MiB|23\.54GiB|7\.667GiB)/g,
          (_m, _n, lim: string) => `<MEM> / ${lim === '64MiB' ? lim : '<HOST>'}`,
        )
        .replace(/\d+\.\d\d%(?= {2}0B \/ 0B)/g, '<PCT>')
        .replace(/(?<=<MEM> \/ \S+ {2})\d+\.\d\d%/g, '<PCT>');
    expect(mask(r.io.all)).toBe(mask(step.output));
    expect(r.code).toBe(step.exit);
  },
};

goldenSuite('19-limits-stats-oom-pids.txt', 'transcript 19: limits', {
  images: ['python:3.13', 'python:3.13-slim'],
  different: {
    'docker stats --no-stream limited': statsCheck,
    "docker stats --no-stream --format 'table {{.Name}}\\t{{.MemUsage}}\\t{{.PIDs}}' limited": statsCheck,
    'docker stats --no-stream limited pids cpu': statsCheck,
    "docker run --rm --pids-limit 5 python:3.13-slim sh -c 'for i in 1 2 3 4 5 6 7 8; do sleep 5 & done; wait; echo done'":
      {
        output: 'sh: 1: Cannot fork\n',
        exit: 2,
        why: "dash's fork failure (the stand-in's busybox said can't fork: Resource temporarily unavailable)",
      },
  },
});
