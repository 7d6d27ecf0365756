// The page's one terminal session: the student's bash on the simulated laptop,
// its stdio on a terminal device (Tty) whose line discipline is the pure line
// editor. While something reads the terminal in cooked mode, keys are edited
// and echoed here and Enter delivers the line; Ctrl-C is SIGINT through the
// tty, Ctrl-D on an empty line end-of-file; in raw mode (nano) every key goes
// straight through. The session also keeps a reactive snapshot of the image
// store for the pictures, refreshed on daemon events and at every prompt.
//
// Keys typed while nothing reads (a command runs) are not echoed; they are
// kept (up to 4 KiB) and given to the next reader, as the tty queues
// type-ahead. Ctrl-C discards them, as the tty's SIGINT flushes its queue.
import { beginLine, createEditor, feed, resize as resizeEditor } from '../cli/line-editor';
import type { Completer, EditorAction, EditorState } from '../cli/line-editor';
import { visibleWidth } from '../cli/char-width';
import type { HostShell } from '../cli/runner/host-shell';
import { filterKeys } from '../cli/runner/key-watch';
import type { FileSystem } from '../core/userland/types';
import type { ImageInput } from '../viz/layer-stacks';
import { hostCompleter } from './completion';
import type { Host, HostLoader } from './host';
import { commandsOnPath, listDir } from './laptop-files';
import { RealClock } from './real-clock';
import { RequestHistory, type RequestLine } from './request-log';

/** Debian's default bash prompt with colour (the laptop's ~/.bashrc): shown until the shell is up. */
export const PS1 = '\x1b[01;32mstudent@laptop\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
const TYPEAHEAD_LIMIT = 4096;
const ERASE_LINE = '\r\x1b[2K';

/** Where the session's bytes go: the xterm.js terminal in the page. */
export interface TerminalPort {
  write(data: string): void;
}

export interface SessionOptions {
  loadHost: HostLoader;
  clock?: RealClock;
  columns?: number;
  rows?: number;
}

/** Who the line being edited is for. */
type Reader = 'provisional' | 'shell' | 'program';

export class Session {
  /** Local images as the picture draws them, refreshed after commands and on daemon events. */
  images = $state.raw<readonly ImageInput[]>([]);
  /** The latest Engine API requests, each with the command line that sent it. */
  requests = $state.raw<readonly RequestLine[]>([]);
  /** The command line being run, or null at the prompt. */
  running = $state<string | null>(null);
  speed = $state(1);
  /** The simulated machine has loaded and the student's shell is up. */
  ready = $state(false);
  /** Why the simulated machine could not load, if it could not. */
  loadError = $state<string | null>(null);
  /** Exit status of the last command ($? at the last prompt). */
  status = $state(0);

  readonly clock: RealClock;
  private host: Host | undefined;
  private shell: HostShell | undefined;
  private disposeShell: (() => void) | undefined;
  private term: TerminalPort | undefined;
  private columns: number;
  private rows: number;
  /** The shell's line editor: its history lives across lines (↑). */
  private shellEditor: EditorState;
  private editor: EditorState | undefined;
  private reader: Reader | undefined;
  /** Enter was pressed before the shell was up: the line is submitted once it is. */
  private pendingSubmit = false;
  private typeahead = '';
  /** Text written since the last newline: the prompt a reader's line is typed after. */
  private lastLine = '';
  /** The lines of the command being typed (PS2 continuations add to it). */
  private commandLines: string[] = [];
  private refreshQueued = false;
  private requestsQueued = false;
  private readonly history = new RequestHistory();
  private readonly completer: Completer;

  constructor(options: SessionOptions) {
    this.clock = options.clock ?? new RealClock();
    this.speed = this.clock.speed;
    this.columns = options.columns ?? 80;
    this.rows = options.rows ?? 24;
    this.shellEditor = createEditor({ prompt: PS1, columns: this.columns });
    this.completer = hostCompleter({
      docker: () => this.host?.dockerCommands(),
      images: () => this.images,
      containers: () => this.safely(() => this.host?.containers() ?? [], []),
      commands: () =>
        this.safely(() => this.onLaptop((fs, env) => commandsOnPath(fs, env.PATH ?? '')) ?? [], []),
      listDir: (dir) =>
        this.safely(
          () => this.onLaptop((fs, env) => listDir(fs, dir, env.HOME ?? this.host?.home ?? '/')),
          undefined,
        ),
    });
    void options.loadHost(this.clock).then(
      (host) => {
        this.host = host;
        host.subscribe(() => this.scheduleRefresh());
        host.onRequest?.((entry) => {
          this.history.add(entry, this.running);
          this.scheduleRequests();
        });
        this.refreshImages();
        this.startShell();
      },
      // a failed load is shown in the page and apologised for when a command is typed
      (e: unknown) => {
        this.loadError = e instanceof Error ? e.message : String(e);
      },
    );
  }

  /** Connect the terminal; until the shell is up, its prompt is drawn here. */
  attach(term: TerminalPort, columns: number, rows = this.rows): () => void {
    this.term = term;
    this.resize(columns, rows);
    if (!this.shell) this.beginReader('provisional', PS1, true);
    return () => {
      if (this.term === term) this.term = undefined;
    };
  }

  resize(columns: number, rows = this.rows): void {
    this.columns = columns;
    this.rows = rows;
    this.shellEditor = resizeEditor(this.shellEditor, columns);
    if (this.editor) this.editor = resizeEditor(this.editor, columns);
    this.shell?.tty.resize(columns, rows);
  }

  setSpeed(speed: number): void {
    this.clock.setSpeed(speed);
    this.speed = this.clock.speed;
  }

  /** Raw input from the terminal (xterm.js onData). */
  input(data: string): void {
    // keys a program watches for (docker's detach keys) never reach the line discipline
    let rest = this.shell ? filterKeys(this.shell.tty, data) : data;
    if (this.shell?.tty.raw) {
      if (rest) this.shell.type(rest);
      return;
    }
    while (rest) {
      if (this.editor) {
        rest = this.feedEditor(rest);
        continue;
      }
      const ctrlC = rest.indexOf('\x03');
      if (ctrlC < 0) {
        this.typeahead = (this.typeahead + rest).slice(0, TYPEAHEAD_LIMIT);
        return;
      }
      // the tty echoes ^C and flushes its input queue on SIGINT
      rest = rest.slice(ctrlC + 1);
      this.typeahead = '';
      this.write('^C');
      this.shell?.interrupt();
    }
  }

  /**
   * The terminal boundary caught an exception of ours while handling input:
   * apologise, drop the half-edited line and carry on.
   */
  recover(e: unknown): void {
    this.apologise(e);
    this.typeahead = '';
    if (this.editor && this.reader)
      this.beginReader(this.reader, this.reader === 'provisional' ? PS1 : this.lastLine, true);
  }

  // ---- the shell ----

  private startShell(): void {
    const host = this.host;
    if (!host) return;
    let shell: HostShell;
    try {
      shell = host.openShell({ columns: this.columns, rows: this.rows });
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
      return;
    }
    const provisional = this.reader === 'provisional' ? (this.editor?.text ?? '') : '';
    let first = true;
    const offOutput = shell.tty.onOutput((s) => {
      // the shell's own prompt replaces the one drawn while it loaded
      if (first) {
        first = false;
        if (this.reader === 'provisional') this.endReader();
        this.write(ERASE_LINE);
      }
      this.write(s);
      // a read left waiting from before (SIGINT at the prompt) takes the line typed after this prompt
      if (!this.editor && shell.atPrompt && shell.reading && !shell.tty.raw)
        this.beginReader('shell', this.lastLine, false);
    });
    const offEvents = shell.on({
      prompt: (status, continuation) => {
        if (!continuation) {
          this.status = status;
          this.running = null;
          this.commandLines = [];
          this.scheduleRefresh();
        }
      },
      blocked: () => {
        if (!this.editor && !shell.tty.raw)
          this.beginReader(shell.atPrompt ? 'shell' : 'program', this.lastLine, false);
      },
      exit: () => {
        // `exit` or Ctrl-D closes the shell; the page opens a new one, as a terminal tab would
        this.disposeShell?.();
        this.running = null;
        this.startShell();
      },
    });
    this.disposeShell = () => {
      offOutput();
      offEvents();
      if (this.shell === shell) this.shell = undefined;
      this.endReader();
    };
    this.shell = shell;
    this.ready = true;
    // what was typed while the machine loaded is typed again into the shell
    this.typeahead = (provisional + (this.pendingSubmit ? '\r' : '') + this.typeahead).slice(
      0,
      TYPEAHEAD_LIMIT,
    );
    this.pendingSubmit = false;
  }

  private beginReader(reader: Reader, prompt: string, draw: boolean): void {
    if (reader === 'shell' || reader === 'provisional') {
      const b = beginLine(this.shellEditor, prompt);
      this.editor = b.state;
      if (draw) this.write(b.output);
    } else {
      // a command's question is on the screen: the answer is typed after it, with no history
      this.editor = createEditor({ prompt, columns: this.columns, historySize: 0 });
      if (draw) this.write(prompt);
    }
    this.reader = reader;
    if (this.typeahead) {
      const t = this.typeahead;
      this.typeahead = '';
      this.input(t);
    }
  }

  private endReader(): void {
    if (this.editor && (this.reader === 'shell' || this.reader === 'provisional'))
      this.shellEditor = this.editor;
    this.editor = undefined;
    this.reader = undefined;
  }

  private feedEditor(data: string): string {
    const editor = this.editor as EditorState;
    const reader = this.reader as Reader;
    const r = feed(editor, data, reader === 'program' ? undefined : this.completer);
    this.editor = r.state;
    if (r.action) this.onAction(r.action, r.output);
    else this.write(r.output);
    return r.rest;
  }

  private onAction(action: EditorAction, output: string): void {
    const reader = this.reader;
    const shell = this.shell;
    switch (action.kind) {
      case 'submit':
        if (reader === 'provisional') {
          if (this.loadError) {
            this.write(output);
            this.apologise(new Error(this.loadError));
            this.beginReader('provisional', PS1, true);
          } else {
            // not up yet: the line stays on the screen and is submitted when the shell is
            this.editor = { ...(this.editor as EditorState), text: action.line, cursor: action.line.length };
            this.pendingSubmit = true;
          }
          return;
        }
        this.write(output);
        this.endReader();
        if (reader === 'shell') {
          this.commandLines.push(action.line);
          if (this.commandLines.join('\n').trim() !== '') this.running = this.commandLines.join('\n');
        }
        shell?.type(`${action.line}\n`);
        return;
      case 'interrupt':
        // the editor echoed ^C and a newline; the newline is the shell's to print
        this.write(output.replace(/\r\n$/, ''));
        this.endReader();
        this.typeahead = '';
        if (reader === 'provisional') {
          this.write('\r\n');
          this.beginReader('provisional', PS1, true);
          return;
        }
        this.commandLines = [];
        shell?.interrupt();
        return;
      case 'eof':
        this.write(output);
        if (reader === 'provisional') return;
        this.endReader();
        shell?.eof();
        return;
      case 'clear':
      case 'complete':
        this.write(output);
        return;
    }
  }

  /** Run `fn` on the laptop's files as the shell sees them (its user, working directory and environment). */
  private onLaptop<T>(fn: (fs: FileSystem, env: Record<string, string>) => T): T | undefined {
    const shell = this.shell;
    if (!shell) return undefined;
    const proc = shell.proc;
    return fn(shell.machine.sys.fs.as({ uid: proc.uid, gid: proc.gid, cwd: proc.cwd }), proc.env);
  }

  /** Completion must never break typing: a failing source offers nothing. */
  private safely<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      console.error('stevedore: completion failed', e);
      return fallback;
    }
  }

  private apologise(e: unknown): void {
    const detail = e instanceof Error ? e.message : String(e);
    console.error('stevedore: something failed', e);
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

  /** A command can send many requests in one turn: the page's list is copied once. */
  private scheduleRequests(): void {
    if (this.requestsQueued) return;
    this.requestsQueued = true;
    queueMicrotask(() => {
      this.requestsQueued = false;
      this.requests = this.history.lines();
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
