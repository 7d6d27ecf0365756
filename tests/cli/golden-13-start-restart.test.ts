// Transcript 13: start, start -a, restart, pause/unpause, logs that accumulate across
// restarts, --restart on-failure.
import { goldenSuite } from './containers-golden';
import { NGINX_PIDS } from './golden-24-nginx-check';

goldenSuite('13-start-restart.txt', 'transcript 13: start and restart', {
  images: ['python:3.13', 'python:3.13-slim', 'nginx'],
  different: {
    // the second start prints "IPv6 listen already enabled": the first one's edit is in the container's layer
    'docker logs web': NGINX_PIDS,
  },
});
