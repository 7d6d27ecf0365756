// The integration point between the page and the simulator. The World, the
// `docker` CLI and the student's shell load lazily, in their own chunk, so
// the terminal is up before the simulator's code has arrived.
import type { HostLoader } from './host';

export const loadWorldHost: HostLoader = async (clock) => {
  const { buildWorldHost } = await import('./simulator');
  return buildWorldHost(clock);
};
