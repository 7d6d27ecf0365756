// What a command needs from whoever runs it: the terminal in the page, the
// headless runner, or a test. Output is text; a TTY gets escape sequences.

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
}
