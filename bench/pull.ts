// A whole simulated pull through the Engine API, the virtual clock run from one
// due timer to the next until the stream ends (no simulated wait is waited for).
import type { VirtualClock } from '../src/core/clock';
import { isStream } from '../src/core/daemon/api';
import type { World } from '../src/core/world';

/** Pull `image:tag`; returns how many progress messages the stream carried. */
export async function pullImage(
  world: World,
  clock: VirtualClock,
  image: string,
  tag: string,
): Promise<number> {
  const r = await world.engine.request({
    method: 'POST',
    path: '/images/create',
    query: { fromImage: image, tag },
  });
  if (!isStream(r)) throw new Error(`pull ${image}:${tag} failed: ${JSON.stringify(r.body)}`);
  let messages = 0;
  let done = false;
  const reader = (async () => {
    for await (const _m of r.stream) messages++;
    done = true;
  })();
  while (!done) {
    await Promise.resolve();
    if (!done && !clock.runNext()) await reader;
  }
  await reader;
  return messages;
}
