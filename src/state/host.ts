// What the page's session needs from the simulated machine: the Engine API
// client, the `docker` program, a picture-ready view of the image store and a
// change feed. world-host.ts builds one from the real World; tests pass fakes.
import type { Clock } from '../core/clock';
import type { EngineClient } from '../core/daemon/api';
import type { CommandIO } from '../cli/io';
import type { ImageInput } from '../viz/layer-stacks';
import type { CompletionCommand } from './completion';

export interface Host {
  readonly engine: EngineClient;
  /** `docker ARGS…`: argv without the leading "docker"; resolves to the exit status. */
  runDocker(argv: string[], io: CommandIO): Promise<number>;
  /** The local images with their layers, for the layer-stacks picture. */
  images(): ImageInput[];
  /** The docker CLI's command tree, for Tab completion. */
  dockerCommands(): CompletionCommand;
  /** Called on every daemon event (pull, tag, untag, delete, …); returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}

/** Builds the host on the page's clock; async so the simulator can load after the first paint. */
export type HostLoader = (clock: Clock) => Promise<Host>;
