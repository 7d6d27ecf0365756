// What a command needs from whoever runs it: the terminal in the page, the
// headless runner, or a test. Output is text; a TTY gets escape sequences.

import type { FileSystem } from '../core/userland/types';

export interface Output {
  write(chunk: string): void;
}

/** Ctrl-C, as the terminal delivers it to the foreground command. */
export interface Interrupt {
  readonly interrupted: boolean;
  onInterrupt(cb: () => void): () => void;
}

export interface CommandIO {
  stdout: Output;
  stderr: Output;
  /** Both output streams are a terminal: progress is redrawn in place, lines end in CR LF by the terminal. */
  isTTY: boolean;
  /** Terminal width in columns (a non-TTY counts as 200 for progress bars, as in jsonmessage). */
  columns: number;
  /** Lines typed or piped in, when the command reads stdin (prompts such as prune's [y/N]). */
  readLine?: () => Promise<string | null>;
  interrupt?: Interrupt;
  /** The client's environment (docker run -e NAME passes a value through from here). */
  env?: Record<string, string>;
  /** The client's wall clock in ms (the world's clock): `CREATED` ages are computed on the client. */
  now?: () => number;
  /** Wait on the world's clock (`docker stats` redraws every 500 ms of it); without it the command waits no time. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The client machine's files as the user running docker sees them (its uid and
   * working directory): `docker cp` reads and writes here, `docker login` keeps
   * ~/.docker/config.json here.
   */
  hostFs?: FileSystem;
  /** Terminal height when isTTY (the ConsoleSize and resize of `-t` containers); 24 when absent. */
  rows?: number;
  /**
   * Interactive sessions (`run -it`, `exec -it`, `start -ai`, `attach`): the terminal stays in
   * cooked mode and delivers each line the student types through `readLine` (the container's
   * stdin receives it with its newline); `readLine` resolving null is Ctrl-D (or the end of
   * piped input). Ctrl-C arrives through `interrupt`: with a container TTY the CLI sends it to
   * the container's terminal as the VINTR byte, otherwise `run`/`attach` forward SIGINT
   * (sig-proxy). The detach sequence (Ctrl-P Ctrl-Q unless --detach-keys says otherwise) is
   * watched for by the terminal: `onDetach(keys, cb)` asks it to call `cb` when the student
   * types `keys` (the bytes, e.g. "\x10\x11"); it returns the unsubscribe function.
   */
  onDetach?: (keys: string, cb: () => void) => () => void;
  /**
   * setRawTerminal for an interactive session with a container TTY (`-it`): the client's
   * terminal stops post-processing output, so the container terminal's CR LF arrives as it
   * is (without it, as with `-t` alone or `docker logs`, each LF gains a CR: CR CR LF).
   * Returns the restore function.
   */
  rawTerminal?: () => () => void;
}
