// Transcript 13: start, start -a, restart, pause/unpause, logs that accumulate across
// restarts, --restart on-failure.
import { goldenSuite } from './containers-golden';

goldenSuite('13-start-restart.txt', 'transcript 13: start and restart', {
  images: ['python:3.13', 'python:3.13-slim', 'nginx'],
  gaps: {
    'docker logs web':
      "nginx's 10-listen-on-ipv6-by-default.sh finds no /proc/net/if_inet6 in the simulated procfs and says 'ipv6 not available'",
  },
});
