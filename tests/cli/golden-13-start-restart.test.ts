// Transcript 13: start, start -a, restart, pause/unpause, logs that accumulate across
// restarts, --restart on-failure.
import { goldenSuite } from './containers-golden';

goldenSuite('13-start-restart.txt', 'transcript 13: start and restart', {
  images: ['python:3.13', 'python:3.13-slim', 'nginx'],
  gaps: {
    'docker logs web':
      "the recording's stand-in nginx prints worker PIDs 29 and 30 literally; the simulated entrypoint forks none of the processes dash would, so the workers are PIDs 2 and 3, and the OS line has the laptop's kernel",
  },
});
