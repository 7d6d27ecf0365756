// How fast the image model is (real time, not simulated time): building the
// catalog's python:3.13 layers the first time, and a whole simulated pull of
// python:3.13 through the Engine API once they are built.
import { VirtualClock } from '../src/core/clock';
import { createWorld } from '../src/core/world';
import { pullImage } from './pull';
import { median, type BenchSuite } from './types';

async function pullOnce(): Promise<{ ms: number; simulatedS: number; messages: number }> {
  const clock = new VirtualClock();
  const world = createWorld({ clock });
  const t0 = performance.now();
  const start = clock.now();
  const messages = await pullImage(world, clock, 'docker.io/library/python', '3.13');
  return { ms: performance.now() - t0, simulatedS: (clock.now() - start) / 1000, messages };
}

export const suite: BenchSuite = async () => {
  const first = await pullOnce();
  const runs: number[] = [];
  let last = first;
  for (let i = 0; i < 15; i++) {
    last = await pullOnce();
    runs.push(last.ms);
  }
  return [
    { name: 'first pull of python:3.13 (builds 7 layers, ~6k entries)', value: first.ms, unit: 'ms' },
    { name: 'pull python:3.13, median of 15 (layers cached)', value: median(runs), unit: 'ms' },
    { name: 'simulated duration of that pull', value: last.simulatedS, unit: 's' },
    { name: 'progress messages in that pull', value: last.messages, unit: 'msgs' },
  ];
};
