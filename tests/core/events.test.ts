import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import { EVENTS_LIMIT, EventLog } from '../../src/core/events';

describe('EventLog', () => {
  it('keeps the last 256 events, as dockerd does for replays, and hands every event to listeners', () => {
    const clock = new VirtualClock(0);
    const log = new EventLog(clock);
    const heard: string[] = [];
    log.subscribe((e) => heard.push(e.Actor.ID));
    for (let i = 0; i < 3 * EVENTS_LIMIT + 7; i++) {
      log.emit('container', 'create', { ID: String(i), Attributes: {} });
      clock.advance(1000);
      const kept = log.all();
      expect(kept).toHaveLength(Math.min(i + 1, EVENTS_LIMIT));
      expect(kept.at(-1)?.Actor.ID).toBe(String(i));
      expect(kept[0].Actor.ID).toBe(String(Math.max(0, i + 1 - EVENTS_LIMIT)));
    }
    expect(heard).toHaveLength(3 * EVENTS_LIMIT + 7);
  });
});
