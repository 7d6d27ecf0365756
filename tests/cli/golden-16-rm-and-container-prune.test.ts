// Transcript 16: rm of a running container, rm -f, several at once (errors at the end),
// container prune with and without -f, rm with no argument.
import { goldenSuite } from './containers-golden';

goldenSuite('16-rm-and-container-prune.txt', 'transcript 16: rm and container prune', {
  images: ['python:3.13'],
  different: {
    'docker rm busy': {
      output:
        'Error response from daemon: cannot remove container "busy": container is running: stop the container before removing or force remove\n',
      why: 'Docker 28.3+ wording with the name as typed (reference §4.8); engine 20.10 said "You cannot remove a running container <id>"',
    },
  },
});
