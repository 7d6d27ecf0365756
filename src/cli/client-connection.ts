// The docker client's connections to the daemon for one command. When the
// command ends the Go process exits and its connections close: the daemon
// stops waiting on its behalf (a `run -d` leaves its wait request behind, and
// a Ctrl-C'd `docker wait` is no longer answered).
import type { ApiRequest, ApiResponse, ClientEnd, EngineClient } from '../core/daemon/api';

export class ClientConnection implements EngineClient, ClientEnd {
  private hungUp = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly engine: EngineClient) {}

  request(req: ApiRequest): Promise<ApiResponse> {
    return this.engine.request({ ...req, client: this });
  }

  onHangup(fn: () => void): () => void {
    if (this.hungUp) {
      fn();
      return () => undefined;
    }
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The process exits: whatever the daemon still does for this client, it stops. */
  hangUp(): void {
    if (this.hungUp) return;
    this.hungUp = true;
    const fns = [...this.listeners];
    this.listeners.clear();
    for (const fn of fns) fn();
  }
}
