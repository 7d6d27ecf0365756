// The headless runner: a script of lines typed at the laptop's terminal, run
// through the same simulator as the page (the student's bash, the docker
// program, the daemon) on a virtual clock, written out as a transcript in the
// golden transcripts' format: `$ command`, its output, `[exit N]`.
//
// How lines are taken and time passes:
// - At bash's prompt a line is a command (`#` lines and blank lines are
//   comments: echoed as they are, never typed). Lines of an unfinished command
//   (PS2) are typed in turn and shown under it.
// - While the command runs, the clock jumps to the next timer whenever every
//   process is idle, so `sleep 5` or a 10 s stop grace costs no real time.
// - A command that reads the terminal gets the next script line as typed
//   input (echoed, as a terminal shows it); a comment line or the end of the
//   script gives it end-of-file (Ctrl-D). A line of control keys in caret
//   notation types those keys: `^C`, `^D`, docker's detach keys `^P^Q`.
// - A command that waits forever without reading (`docker logs -f`, `docker
//   events`, an attached `docker compose up`) is interrupted as by Ctrl-C once
//   nothing is scheduled, or once it has run `maxWaitMs` of simulated time
//   (`docker stats` redraws forever); a command that survives three Ctrl-Cs is killed.
import { VirtualClock } from '../../core/clock';
import type { Writable } from '../../core/kernel/stream';
import { createWorld, type World } from '../../core/world';
import { laptopOf } from './host-machine';
import { HostShell } from './host-shell';
import { filterKeys } from './key-watch';

export interface RunScriptOptions {
  /** Render as a terminal would: commands see a TTY, output keeps CR LF and escape sequences. */
  tty?: boolean;
  /** Seed of the world's randomness (container IDs, names). */
  seed?: number;
  /** Terminal size (the TTY transcripts were recorded at 120x40). */
  columns?: number;
  rows?: number;
  /** Simulated time a command may run before it is interrupted (default 60 s). */
  maxWaitMs?: number;
  /** Start of the simulated clock, ms since the epoch. */
  now?: number;
  /** The world to run in; a fresh one on a VirtualClock when omitted. */
  world?: World;
}

export interface ScriptStep {
  /** The command as typed (continuation lines joined with newlines). */
  command: string;
  /** What it wrote (typed input echoed in place), without the prompt that followed. */
  output: string;
  status: number;
  /** Ctrl-C was sent to it. */
  interrupted: boolean;
}

export interface ScriptResult {
  transcript: string;
  steps: ScriptStep[];
  world: World;
}

/** 2026-11-27 21:21:03 UTC, the moment of the recorded transcripts. */
export const RUNNER_EPOCH = Date.UTC(2026, 10, 27, 21, 21, 3);
const DEFAULT_MAX_WAIT = 60_000;
const MAX_INTERRUPTS = 3;

type Settled = 'prompt' | 'reading' | 'idle' | 'timeout' | 'exit';

const setImmediateOf = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;

/** One macrotask: every pending promise chain runs before it. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (setImmediateOf) setImmediateOf(resolve);
    else setTimeout(resolve, 0);
  });
}

async function quiesce(): Promise<void> {
  for (let i = 0; i < 3; i++) await macrotask();
}

const isComment = (line: string) => line.trim() === '' || line.trimStart().startsWith('#');

/** A line of control keys in caret notation (`^C`, `^D`, `^P^Q`): typed as those keys. */
export function controlKeys(line: string): string | undefined {
  if (!/^(\^[@A-Z[\\\]^_])+$/.test(line)) return undefined;
  return line.replace(/\^(.)/g, (_, c: string) => String.fromCharCode(c.charCodeAt(0) - 64));
}

export async function runScript(script: string, opts: RunScriptOptions = {}): Promise<ScriptResult> {
  const world = opts.world ?? createWorld({ seed: opts.seed ?? 1, now: opts.now ?? RUNNER_EPOCH });
  if (!(world.clock instanceof VirtualClock)) throw new Error('the runner needs a world on a VirtualClock');
  const clock: VirtualClock = world.clock;
  const tty = opts.tty ?? false;
  const maxWait = opts.maxWaitMs ?? DEFAULT_MAX_WAIT;

  let captured = '';
  const sink: Writable = {
    write: (s) => {
      captured += s;
      return true;
    },
    close: () => undefined,
  };
  const shell = new HostShell(laptopOf(world), {
    terminal: tty,
    output: sink,
    columns: opts.columns ?? 120,
    rows: opts.rows ?? 40,
  });
  if (tty) shell.tty.onOutput((s) => (captured += s));
  let exited = false;
  let exitCode = 0;
  /** How much of `captured` came before the last prompt: what follows is the prompt itself. */
  let beforePrompt = 0;
  shell.on({
    prompt: () => (beforePrompt = captured.length),
    exit: (s) => {
      exited = true;
      exitCode = s.code;
      beforePrompt = captured.length;
    },
  });
  const takeOutput = () => {
    const out = captured.slice(0, beforePrompt);
    captured = '';
    beforePrompt = 0;
    return out;
  };

  /** Run until bash prompts, a command reads, or nothing more happens by itself. */
  async function settle(deadline: number): Promise<Settled> {
    for (;;) {
      await quiesce();
      if (exited) return 'exit';
      if (shell.reading) return shell.atPrompt ? 'prompt' : 'reading';
      const due = clock.nextDue();
      if (due === undefined) return 'idle';
      if (due > deadline) {
        clock.advance(Math.max(0, deadline - clock.now()));
        await quiesce();
        return 'timeout';
      }
      clock.runNext();
    }
  }

  /** What the terminal shows for typed input: the tty's echo (CR LF on a terminal). */
  const echo = (line: string) => {
    if (tty) shell.tty.echo(`${line}\n`);
    else captured += `${line}\n`;
  };

  /** Control keys as a terminal delivers them: Ctrl-C is SIGINT (echoed ^C), Ctrl-D end of file. */
  const press = (keys: string) => {
    for (const k of keys) {
      if (k === '\x03') {
        if (tty) shell.tty.echo('^C');
        shell.interrupt();
      } else if (k === '\x04') shell.eof();
      else {
        const rest = filterKeys(shell.tty, k);
        if (rest) shell.type(rest);
      }
    }
  };

  const lines = script.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const steps: ScriptStep[] = [];
  let transcript = '';
  let i = 0;

  const start = await settle(clock.now() + maxWait);
  if (start !== 'prompt')
    throw new Error(`the laptop's shell did not reach its prompt (${start}): ${captured}`);
  while (i < lines.length) {
    const line = lines[i++];
    if (isComment(line)) {
      transcript += `${line}\n`;
      continue;
    }
    // the prompt on the screen is not part of the transcript
    captured = '';
    beforePrompt = 0;
    const step: ScriptStep = { command: line, output: '', status: 0, interrupted: false };
    let interrupts = 0;
    const keys = controlKeys(line);
    if (keys !== undefined) press(keys);
    else shell.type(`${line}\n`);
    let deadline = clock.now() + maxWait;
    for (;;) {
      const state = await settle(deadline);
      if (state === 'exit') break;
      if (state === 'prompt') {
        if (!shell.continuation || i >= lines.length) break;
        // an open quote or compound command: the next line continues it
        step.output += takeOutput();
        const more = lines[i++];
        step.command += `\n${more}`;
        shell.type(`${more}\n`);
        continue;
      }
      if (state === 'reading') {
        const next = lines[i];
        const keys = next === undefined ? undefined : controlKeys(next);
        if (next === undefined || isComment(next)) shell.eof();
        else if (keys !== undefined) {
          i++;
          if (keys.includes('\x03')) step.interrupted = true;
          press(keys);
        } else {
          i++;
          if (!shell.tty.raw) echo(next);
          const typed = filterKeys(shell.tty, shell.tty.raw ? `${next}\r` : `${next}\n`);
          if (typed) shell.type(typed);
        }
        deadline = clock.now() + maxWait;
        continue;
      }
      // idle or out of time: Ctrl-C, as the student would press it to get the prompt back
      if (interrupts >= MAX_INTERRUPTS) {
        for (const child of [...shell.proc.children]) world.kernel.signal(child, 9);
        deadline = clock.now() + maxWait;
        continue;
      }
      interrupts++;
      step.interrupted = true;
      if (tty) shell.tty.echo('^C');
      shell.interrupt();
      deadline = clock.now() + maxWait;
    }
    step.output += takeOutput();
    step.status = exited ? exitCode : shell.status;
    steps.push(step);
    transcript += formatStep(step);
    if (exited) break;
  }
  while (i < lines.length) if (isComment(lines[i++])) transcript += `${lines[i - 1]}\n`;
  if (!exited) shell.hangup();
  await quiesce();
  return { transcript, steps, world };
}

/** One command in the golden transcripts' format. */
export function formatStep(step: ScriptStep): string {
  let out = `$ ${step.command}\n${step.output}`;
  if (step.output !== '' && !step.output.endsWith('\n')) out += '\n\\ No newline at end of output\n';
  return `${out}[exit ${step.status}]\n`;
}
