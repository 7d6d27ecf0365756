// The page's one terminal session: the host shell prompt in front of the
// simulated machine. It turns keystrokes into lines (line editor), lines into
// words, runs `docker …` against the World, and keeps a reactive snapshot of
// the image store for the pictures.
//
// Keystrokes typed while a command runs are not echoed; they are kept (up to
// 4 KiB) and replayed at the next prompt, as bash reads type-ahead. Ctrl-C
// interrupts the command and discards the type-ahead, as the tty's SIGINT does.
import { beginLine, createEditor, feed, resize as resizeEditor } from '../cli/line-editor';
import { visibleWidth } from '../cli/char-width';
import type { EditorAction, EditorState } from '../cli/line-editor';
import type { CommandIO, Interrupt } from '../cli/io';
import { splitWords, wordValues } from '../core/userland/shell-words';
import type { Token } from '../core/userland/shell-words';
import type { ImageInput } from '../viz/layer-stacks';
import { hostCompleter } from './completion';
import type { Host, HostLoader } from './host';
import { RealClock } from './real-clock';

/** Debian's default bash prompt with colour: green user@host, blue working directory. */
export const PS1 = '\x1b[01;32mstudent@laptop\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
export const PS2 = '> ';
const TYPEAHEAD_LIMIT = 4096;
const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J'; // what `clear` writes for TERM=xterm-256color

/** Where the session's bytes go: the xterm.js terminal in the page. */
export interface TerminalPort {
  write(data: string): void;
}

export interface SessionOptions {
  loadHost: HostLoader;
  clock?: RealClock;
  columns?: number;
}

interface JobResult {
  status: number;
  /** Ctrl-C reached the command. */
  interrupted: boolean;
}

/** A running command: its output is cut off if it is killed. */
interface Job {
  live: boolean;
  interrupted: boolean;
  listeners: Set<() => void>;
  finish: (status: number) => void;
}

export class Session {
  /** Local images as the picture draws them, refreshed after commands and on daemon events. */
  images = $state.raw<readonly ImageInput[]>([]);
  /** The line being run, or null at the prompt. */
  running = $state<string | null>(null);
  speed = $state(1);
  /** The simulated machine has loaded. */
  ready = $state(false);
  /** Why the simulated machine could not load, if it could not. */
  loadError = $state<string | null>(null);
  /** Exit status of the last command ($?). */
  status = $state(0);

  readonly clock: RealClock;
  private readonly hostPromise: Promise<Host>;
  private host: Host | undefined;
  private term: TerminalPort | undefined;
  private editor: EditorState;
  private reader: { editor: EditorState; resolve: (line: string | null) => void } | undefined;
  private job: Job | undefined;
  private typeahead = '';
  /** Lines of a command still open (an unclosed quote): bash's PS2 continuation. */
  private continued: string[] = [];
  /** Text written since the last newline, to know the cursor column when a command asks for input. */
  private lastLine = '';
  private refreshQueued = false;
  private readonly completer = hostCompleter(
    () => this.host?.dockerCommands(),
    () => this.images,
  );

  constructor(options: SessionOptions) {
    this.clock = options.clock ?? new RealClock();
    this.speed = this.clock.speed;
    this.editor = createEditor({ prompt: PS1, columns: options.columns ?? 80 });
    this.hostPromise = options.loadHost(this.clock).then((host) => {
      this.host = host;
      this.ready = true;
      host.subscribe(() => this.scheduleRefresh());
      this.refreshImages();
      return host;
    });
    // A failed load is shown in the page and apologised for when a command needs the host.
    this.hostPromise.catch((e: unknown) => {
      this.loadError = e instanceof Error ? e.message : String(e);
    });
  }

  /** Connect the terminal and draw the first prompt. */
  attach(term: TerminalPort, columns: number): () => void {
    this.term = term;
    this.resize(columns);
    this.prompt();
    return () => {
      if (this.term === term) this.term = undefined;
    };
  }

  resize(columns: number): void {
    this.editor = resizeEditor(this.editor, columns);
    if (this.reader) this.reader.editor = resizeEditor(this.reader.editor, columns);
  }

  setSpeed(speed: number): void {
    this.clock.setSpeed(speed);
    this.speed = this.clock.speed;
  }

  /** Raw input from the terminal (xterm.js onData). */
  input(data: string): void {
    let rest = data;
    while (rest) {
      if (this.reader) {
        rest = this.feedReader(rest);
      } else if (this.job) {
        const ctrlC = rest.indexOf('\x03');
        if (ctrlC < 0) {
          this.typeahead = (this.typeahead + rest).slice(0, TYPEAHEAD_LIMIT);
          return;
        }
        // The tty echoes ^C and flushes its input queue on SIGINT.
        rest = rest.slice(ctrlC + 1);
        this.typeahead = '';
        this.write('^C');
        this.signal(this.job);
      } else {
        const r = feed(this.editor, rest, this.completer);
        this.editor = r.state;
        this.write(r.output);
        rest = r.rest;
        if (r.action) this.onAction(r.action);
      }
    }
  }

  /**
   * The terminal boundary caught an exception of ours while handling input:
   * apologise, drop the half-edited line and give a fresh prompt.
   */
  recover(e: unknown): void {
    this.apologise(e);
    this.continued = [];
    this.typeahead = '';
    if (!this.job) this.prompt();
  }

  private onAction(action: EditorAction): void {
    switch (action.kind) {
      case 'submit':
        this.submit(action.line);
        return;
      case 'interrupt':
        this.continued = [];
        this.status = 130;
        this.prompt();
        return;
      case 'eof':
        if (this.continued.length) {
          const r = splitWords(this.continued.join('\n'));
          this.continued = [];
          if (!r.ok && r.error.message)
            this.write(`bash: ${r.error.message}\r\nbash: syntax error: unexpected end of file\r\n`);
          this.status = 2;
          this.prompt();
          return;
        }
        // The page's shell cannot be left: bash with `set -o ignoreeof` says so.
        this.write('Use "exit" to leave the shell.\r\n');
        this.prompt();
        return;
      case 'clear':
      case 'complete':
        return;
    }
  }

  private submit(line: string): void {
    const source = [...this.continued, line].join('\n');
    const split = splitWords(source);
    if (!split.ok) {
      this.continued.push(line);
      this.prompt(PS2);
      return;
    }
    this.continued = [];
    void this.run(source, split.tokens);
  }

  private prompt(ps = PS1): void {
    const b = beginLine(this.editor, ps);
    this.editor = b.state;
    this.write(b.output);
    // Type-ahead kept while the last command ran is read now, as bash would.
    if (this.typeahead) {
      const t = this.typeahead;
      this.typeahead = '';
      this.input(t);
    }
  }

  private async run(source: string, tokens: Token[]): Promise<void> {
    const op = tokens.find((t) => t.kind === 'op');
    const argv = wordValues(tokens);
    if (argv.length === 0 && !op) {
      this.prompt();
      return;
    }
    this.running = source;
    const { status, interrupted } = await this.exec(argv, op?.kind === 'op' ? op.op : undefined);
    this.running = null;
    this.status = status;
    this.scheduleRefresh();
    // bash starts a new line after a command that died of SIGINT; otherwise the prompt goes where output left off.
    if (interrupted && visibleWidth(this.lastLine) > 0) this.write('\r\n');
    this.prompt();
  }

  /** Run one command line; resolves to its exit status. Never throws: a bug is apologised for. */
  private async exec(argv: string[], op: string | undefined): Promise<JobResult> {
    const done = (status: number): JobResult => ({ status, interrupted: false });
    if (op) {
      this.write(`stevedore: this shell does not run '${op}' yet: type one command per line\r\n`);
      return done(2);
    }
    const [name, ...args] = argv;
    if (name === 'clear') {
      this.write(CLEAR_SCREEN);
      return done(0);
    }
    if (name !== 'docker') {
      this.write(`bash: ${name}: command not found\r\n`);
      return done(127);
    }
    let host: Host;
    try {
      host = await this.hostPromise;
    } catch (e) {
      this.apologise(e);
      return done(1);
    }
    return this.runJob((io) => host.runDocker(args, io));
  }

  private runJob(body: (io: CommandIO) => Promise<number>): Promise<JobResult> {
    return new Promise<JobResult>((resolve) => {
      const job: Job = {
        live: true,
        interrupted: false,
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain bookkeeping, nothing renders it
        listeners: new Set(),
        finish: (status) => {
          if (!job.live) return;
          job.live = false;
          if (this.job === job) this.job = undefined;
          if (this.reader) {
            this.reader.resolve(null);
            this.reader = undefined;
          }
          resolve({ status, interrupted: job.interrupted });
        },
      };
      this.job = job;
      const out = {
        write: (s: string) => {
          if (job.live) this.write(s);
        },
      };
      const interrupt: Interrupt = {
        get interrupted() {
          return job.interrupted;
        },
        onInterrupt(cb) {
          job.listeners.add(cb);
          return () => job.listeners.delete(cb);
        },
      };
      const io: CommandIO = {
        stdout: out,
        stderr: out,
        isTTY: true,
        columns: this.editor.columns,
        readLine: () => (job.live ? this.readLine() : Promise.resolve(null)),
        interrupt,
        env: {
          HOME: '/home/student',
          USER: 'student',
          TERM: 'xterm-256color',
          PATH: '/usr/local/bin:/usr/bin:/bin',
        },
        // The client's clock is the world's: ages such as CREATED follow the simulated time.
        now: () => this.clock.now(),
      };
      let result: Promise<number>;
      try {
        result = body(io);
      } catch (e) {
        result = Promise.reject(e);
      }
      result.then(
        (status) => job.finish(status),
        (e: unknown) => {
          if (job.live) this.apologise(e);
          job.finish(1);
        },
      );
    });
  }

  /** SIGINT: a command that listens for it decides what to do; one that does not dies (status 130). */
  private signal(job: Job): void {
    job.interrupted = true;
    if (job.listeners.size === 0) job.finish(130);
    else for (const cb of [...job.listeners]) cb();
  }

  private readLine(): Promise<string | null> {
    return new Promise((resolve) => {
      // The command wrote its question on the current line: the answer is typed after it.
      const editor = createEditor({ prompt: this.lastLine, columns: this.editor.columns, historySize: 0 });
      this.reader = { editor, resolve };
      if (this.typeahead) {
        const t = this.typeahead;
        this.typeahead = '';
        this.input(t);
      }
    });
  }

  private feedReader(data: string): string {
    const reader = this.reader as NonNullable<Session['reader']>;
    const r = feed(reader.editor, data);
    reader.editor = r.state;
    this.write(r.output);
    if (!r.action) return r.rest;
    switch (r.action.kind) {
      case 'submit':
        this.reader = undefined;
        reader.resolve(r.action.line);
        break;
      case 'eof':
        this.reader = undefined;
        reader.resolve(null);
        break;
      case 'interrupt':
        // The editor echoed ^C and a newline; the command gets the signal.
        this.reader = undefined;
        this.typeahead = '';
        reader.resolve(null);
        if (this.job) this.signal(this.job);
        return '';
    }
    // What was typed after the answer is type-ahead for the command or the next prompt.
    if (r.rest) this.typeahead = (this.typeahead + r.rest).slice(0, TYPEAHEAD_LIMIT);
    return '';
  }

  private apologise(e: unknown): void {
    const detail = e instanceof Error ? e.message : String(e);
    console.error('stevedore: command failed', e);
    this.write(
      `${visibleWidth(this.lastLine) > 0 ? '\r\n' : ''}stevedore: sorry, something went wrong inside the simulator (${detail}).\r\n`,
    );
  }

  private write(data: string): void {
    if (!data) return;
    this.term?.write(data);
    let line = this.lastLine + data;
    const eol = Math.max(line.lastIndexOf('\n'), line.lastIndexOf('\r'));
    if (eol >= 0) line = line.slice(eol + 1);
    const cleared = line.lastIndexOf('\x1b[2J');
    if (cleared >= 0) line = line.slice(cleared + 4);
    this.lastLine = line.slice(-2000);
  }

  /** Many events can arrive in one turn (a pull tags and pulls): read the store once. */
  private scheduleRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      this.refreshImages();
    });
  }

  private refreshImages(): void {
    if (!this.host) return;
    try {
      this.images = this.host.images();
    } catch (e) {
      console.error('stevedore: could not read the image store', e);
    }
  }
}
