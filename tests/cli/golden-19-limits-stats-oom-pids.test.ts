// Transcript 19: -m (memory.max, MemorySwap = 2 x memory), an OOM kill of PID 1 and of a
// child (OOMKilled, exit codes), the 6 MB minimum, --pids-limit refusing forks, --cpus.
import { goldenSuite } from './containers-golden';

const STATS = 'docker stats reads cgroup figures the stats engineer is still wiring';

goldenSuite('19-limits-stats-oom-pids.txt', 'transcript 19: limits', {
  images: ['python:3.13', 'python:3.13-slim'],
  skip: {
    'docker stats --no-stream limited': STATS,
    "docker stats --no-stream --format 'table {{.Name}}\\t{{.MemUsage}}\\t{{.PIDs}}' limited": STATS,
    "docker stats --no-stream --format '{{.Name}} {{.PIDs}}' pids": STATS,
    'docker stats --no-stream limited pids cpu': STATS,
  },
  different: {
    "docker run --rm --pids-limit 5 python:3.13-slim sh -c 'for i in 1 2 3 4 5 6 7 8; do sleep 5 & done; wait; echo done'":
      {
        output: 'sh: 1: Cannot fork\n',
        exit: 2,
        why: "dash's fork failure (the stand-in's busybox said can't fork: Resource temporarily unavailable)",
      },
  },
});
