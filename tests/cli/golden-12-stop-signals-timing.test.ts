// Transcript 12: docker stop sends the stop signal (SIGTERM, nginx's SIGQUIT), waits 10 s
// (-t N) and then SIGKILLs; PID 1 ignores signals it has no handler for; --init and traps
// exit at once; kill -s TERM leaves such a container running.
import { goldenSuite } from './containers-golden';

goldenSuite('12-stop-signals-timing.txt', 'transcript 12: stop signals and timing', {
  images: ['python:3.13', 'python:3.13-slim', 'nginx'],
  different: {
    'docker exec inited ps': {
      output:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown\r\n',
      exit: 127,
      why: 'the real python:3.13-slim ships no procps; Docker 28 exits 127 for a missing exec binary',
    },
  },
});
