// Transcript 14: logs, -f on a container that ends, --tail/-n, -t, stdout vs stderr,
// --until, --log-driver none, python's block-buffered stdout (PYTHONUNBUFFERED).
import { goldenSuite } from './containers-golden';

goldenSuite('14-logs.txt', 'transcript 14: logs', {
  images: ['python:3.13', 'python:3.13-slim'],
  different: {
    // the recording's talker had printed four messages when `logs -f --tail 1` began
    'timeout 2 docker logs -f --tail 1 talker': { pauseMs: 2_500 },
  },
});
