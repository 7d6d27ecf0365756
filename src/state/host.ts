// What the page's session needs from the simulated machine: the student's
// shell on the laptop, the Engine API client, a picture-ready view of the
// image store, container names for completion, and a change feed.
// world-host.ts builds one from the real World; tests may build their own.
// Everything here comes with the simulator's chunk: the page imports only types.
import type { Clock } from '../core/clock';
import type { EngineClient } from '../core/daemon/api';
import type { RequestLogEntry } from '../core/daemon/engine';
import type { HostMachine, HostShell } from '../cli/runner/host-shell';
import type { ImageInput } from '../viz/layer-stacks';
import type { CompletionCommand } from './completion';

export interface Host {
  readonly engine: EngineClient;
  /** The laptop: its kernel and namespaces, with /usr/bin/docker talking to `engine`. */
  readonly laptop: HostMachine;
  /** The student's home directory: what ~ means when the shell's $HOME is unset. */
  readonly home: string;
  /** Logs the student in on a terminal of this size: a new interactive bash, as a terminal tab opens. */
  openShell(size: { columns: number; rows: number }): HostShell;
  /** The local images with their layers, for the layer-stacks picture. */
  images(): ImageInput[];
  /** The names of all containers, for Tab completion. */
  containers(): string[];
  /** The docker CLI's command tree, for Tab completion. */
  dockerCommands(): CompletionCommand;
  /** Called on every daemon event (pull, tag, create, start, die, …); returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  /** Called with every Engine API request once the daemon has answered it; returns the unsubscribe function. */
  onRequest?(listener: (entry: RequestLogEntry) => void): () => void;
}

/** Builds the host on the page's clock; async so the simulator can load after the first paint. */
export type HostLoader = (clock: Clock) => Promise<Host>;
