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
    for (const l of [...this.listeners]) l(e);
    return e;
  }

  /** Listen to events from now on; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): readonly DockerEvent[] {
    return this.log;
  }
}
