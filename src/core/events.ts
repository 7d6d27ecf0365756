// The daemon's event stream (what `docker events` prints): every part of the
// world logs typed events here with the simulated time, and anyone can
// subscribe. Shapes follow the Engine API's events.Message.
import type { Clock } from './clock';

export type EventType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin';

export interface EventActor {
  ID: string;
  Attributes: Record<string, string>;
}

export interface DockerEvent {
  Type: EventType;
  Action: string;
  Actor: EventActor;
  scope: 'local';
  /** Unix seconds. */
  time: number;
  /** Unix nanoseconds (from the millisecond clock). */
  timeNano: number;
}

export type EventListener = (e: DockerEvent) => void;

/**
 * daemon/events eventsLimit: dockerd keeps only its last 256 events (what `docker events
 * --since` can replay); a session's whole history would be kept for nothing.
 */
export const EVENTS_LIMIT = 256;

export class EventLog {
  private readonly log: DockerEvent[] = [];
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly clock: Clock) {}

  emit(type: EventType, action: string, actor: EventActor): DockerEvent {
    const ms = this.clock.now();
    const e: DockerEvent = {
      Type: type,
      Action: action,
      Actor: actor,
      scope: 'local',
      time: Math.floor(ms / 1000),
      timeNano: ms * 1e6,
    };
    this.log.push(e);
    // trimmed now and then, not on every event: at most twice the limit is held
    if (this.log.length >= 2 * EVENTS_LIMIT) this.log.splice(0, this.log.length - EVENTS_LIMIT);
    for (const l of [...this.listeners]) l(e);
    return e;
  }

  /** Listen to events from now on; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events the daemon still keeps (the last EVENTS_LIMIT), oldest first. */
  all(): readonly DockerEvent[] {
    return this.log.length > EVENTS_LIMIT ? this.log.slice(-EVENTS_LIMIT) : this.log;
  }
}
