// Golden transcripts of the container commands replayed on the simulated laptop: each
// step of a recording runs in one world (state flows from step to step as it did on the
// recording daemon) and its normalised output and exit code are compared.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDockerCommand } from '../../src/cli/docker';
import type { Command } from '../../src/cli/command';
import { normalize, parseTranscript } from './normalize';
import { splitWords, wordValues } from '../../src/core/userland/shell-words';
import type { TranscriptStep } from './normalize';
import { Laptop } from './containers-world';
import type { TermOptions, TermResult } from './containers-world';

/** Words of a command line as bash splits them (quotes removed). */
function shellWords(line: string): string[] {
  const r = splitWords(line);
  if (!r.ok) throw new Error(`cannot split: ${line}`);
  return wordValues(r.tokens);
}

export interface TimedStep extends TranscriptStep {
  /** `# elapsed: Ns` after the step: the wall-clock seconds it took (±1 s). */
  elapsed?: number;
}

export function transcript(file: string): TimedStep[] {
  const text = fs.readFileSync(path.join(__dirname, '../fixtures/transcripts', file), 'utf8');
  const steps: TimedStep[] = parseTranscript(text);
  // the parser drops comment lines: find each step's elapsed time in the raw text
  let n = -1;
  for (const line of text.split('\n')) {
    if (/^\[exit \d+\]$/.test(line)) n++;
    const m = /^# elapsed: (\d+)s$/.exec(line);
    if (m && n >= 0) steps[n].elapsed = Number(m[1]);
  }
  // the recorder added a newline before its "no newline" marker
  for (const st of steps)
    if (st.output.endsWith('\n\\ No newline at end of output\n'))
      st.output = st.output.slice(0, -'\n\\ No newline at end of output\n'.length);
  return steps;
}

const root = buildDockerCommand();

/** The command a `docker …` line runs, if Stevedore simulates it. */
export function simulated(line: string): boolean {
  const words = shellWords(line).slice(1);
  let cmd: Command = root;
  for (const w of words) {
    if (w.startsWith('-')) break;
    const next = cmd.findChild(w);
    if (!next) break;
    cmd = next;
  }
  return cmd !== root && cmd.spec.run !== undefined;
}

/** Images the recordings had pulled before these scenarios (transcript 02 and friends). */
export async function withImages(laptop: Laptop, refs: string[]): Promise<void> {
  for (const r of refs) {
    const res = await laptop.run(['pull', '-q', r]);
    if (res.code !== 0) throw new Error(`pull ${r}: ${res.io.all}`);
  }
}

/** Column padding and sizes differ with the real images: compare rows loosely. */
export function loose(text: string): string {
  return normalize(text, { sizes: true });
}

export interface StepCheck {
  /** Options for running the step (typed input, a TTY, Ctrl-C). */
  opts?: TermOptions;
  /**
   * What the real images print where the recording's stand-ins (busybox programs, README
   * "What is fake") printed something else; `why` says which difference it is.
   */
  output?: string;
  exit?: number;
  why?: string;
  /** More time at the prompt before this step than the usual gap (the recorder was slower here). */
  pauseMs?: number;
  /** Compare differently; the reason must name the README difference or the Docker 28 wording. */
  check?: (r: TermResult, step: TranscriptStep) => void;
}

export const STEP_GAP_MS = 600;

/**
 * The recording's daemon messages in Docker 28's words (transcripts README, "Engine 20.10
 * wording"; reference §4.1, §4.6, §4.8, §8).
 */
export function docker28(text: string): string {
  return (
    text
      .replace(
        /(?<!for container: )failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec:/g,
        'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec:',
      )
      // daemon/daemon_unix.go (v23+): lowercase "range"
      .replace(/Range of CPUs is from (\S+) to (\S+), as there are only (\d+) CPUs available/g, 'range of CPUs is from $1 to $2, as there are only $3 CPUs available')
      // api/server/router/container: errors.Wrapf(err, "cannot kill container: %s", name), and
      // container.GetRunningTask's "container %s is not running"
      .replace(
        /Cannot kill container: (\S+): Container ([0-9a-f]{64}) is not running/g,
        'cannot kill container: $1: container $2 is not running',
      )
      // daemon/delete.go (v28.3+): the name as typed, wrapped around errdefs' running-container text
      .replace(
        /You cannot remove a running container ([0-9a-f]{64})\. Stop the container before attempting removal or force remove/g,
        'cannot remove container "$1": container is running: stop the container before removing or force remove',
      )
      // errNotRunning (v23+): lowercase "container"
      .replace(
        /Error response from daemon: Container ([0-9a-f]{64}) is not running/g,
        'Error response from daemon: container $1 is not running',
      )
  );
}

/** Run `step` on the laptop and compare it with the recording (normalised). */
export async function replay(laptop: Laptop, step: TimedStep, how: StepCheck = {}): Promise<TermResult> {
  // the recorder's commands were about 0.6 s apart (ages in `docker ps` grow that fast)
  await laptop.pause(STEP_GAP_MS + (how.pauseMs ?? 0));
  const started = laptop.world.clock.now();
  const r = await hostLine(laptop, step.command, how.opts);
  if (!r) throw new Error(`no docker command in: ${step.command}`);
  if (step.elapsed !== undefined) {
    // simulated time the command took, against the recording's wall clock (rounded, ±1 s)
    const took = (laptop.world.clock.now() - started) / 1000;
    expect(Math.abs(took - step.elapsed), `${step.command} took ${took}s`).toBeLessThanOrEqual(1);
  }
  if (how.check) how.check(r, step);
  else {
    let got = r.io.all;
    // README "No bridge network": the recording's PORTS column was empty even where an image
    // EXPOSEs ports; on a daemon with the default bridge `docker ps` lists them (80/tcp)
    if (/^docker (ps|container ls)\b/.test(step.command))
      got = got.replace(/(?:\d+\/(?:tcp|udp)(?:, )?)+ +(?=\S)/g, '');
    expect(normalize(got), step.command).toBe(normalize(docker28(how.output ?? step.output)));
    expect(r.code, step.command).toBe(how.exit ?? step.exit);
  }
  return r;
}

/** Split a line at `;` and `&&` outside quotes. */
function commands(line: string): Array<{ text: string; op: string }> {
  const out: Array<{ text: string; op: string }> = [];
  let cur = '';
  let quote = '';
  let op = ';';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === ';' || (c === '&' && line[i + 1] === '&')) {
      out.push({ text: cur.trim(), op });
      op = c === ';' ? ';' : '&&';
      if (c === '&') i++;
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push({ text: cur.trim(), op });
  return out;
}

/** printf's escapes in a single-quoted format (the recordings only use \n). */
const printfText = (fmt: string) => fmt.replace(/\\n/g, '\n');

/**
 * The recordings' host-side setup (`export`, `mkdir -p`, `printf … > file`, `echo … > file`)
 * done on the laptop's disk, then the docker command of the line, if it has one.
 */
export async function hostLine(
  laptop: Laptop,
  line: string,
  opts: TermOptions = {},
): Promise<TermResult | undefined> {
  let last: TermResult | undefined;
  // every recorded line ran in its own `bash -c`: an export lasts for that line only
  const env: Record<string, string> = { ...(opts.env ?? {}) };
  for (const { text, op } of commands(line)) {
    if (op === '&&' && last && last.code !== 0) break;
    const words = shellWords(text.replace(/\$PWD/g, laptop.cwd));
    const m = /^(.*?)\s*>\s*(\S+)$/.exec(text);
    if (words[0] === 'export') {
      for (const kv of words.slice(1)) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
    } else if (words[0] === 'mkdir') {
      for (const d of words.slice(1).filter((w) => !w.startsWith('-'))) laptop.fs.mkdir(d);
    } else if (m && (words[0] === 'printf' || words[0] === 'echo')) {
      const arg = shellWords(m[1])[1];
      laptop.fs.writeFile(m[2], words[0] === 'printf' ? printfText(arg) : arg + '\n');
    } else if (/^echo \S+ \| docker /.test(text)) {
      // `echo y | docker …`: one line on the command's stdin, then end of file
      last = await laptop.docker(text.slice(text.indexOf('docker ')), { ...opts, env, input: [words[1]] });
    } else if (words[0] === 'timeout' && words[2] === 'docker') {
      // coreutils timeout: SIGTERM after N s (the client dies of it), exit status 124
      const rest = text.slice(text.indexOf('docker '));
      last = await laptop.docker(rest, { ...opts, env, killAfterMs: Number(words[1]) * 1000 });
      if (last.code !== 0 || last.killed) last = { ...last, code: last.killed ? 124 : last.code };
    } else if (words[0] === 'docker') {
      // bash's redirections of the client's streams: 2>/dev/null, 2>&1 >/dev/null
      const redirect = /\s(2>&1 >\/dev\/null|2>\/dev\/null|>\/dev\/null)$/.exec(text);
      last = await laptop.docker(redirect ? text.slice(0, redirect.index) : text, { ...opts, env });
      if (redirect) {
        const shown =
          redirect[1] === '2>/dev/null'
            ? last.io.out
            : redirect[1] === '>/dev/null'
              ? last.io.err
              : last.io.err;
        last = { ...last, io: { ...last.io, all: shown } };
      }
    } else throw new Error(`no host step for: ${text}`);
  }
  return last;
}

export interface SuiteOptions {
  /** Images the recording daemon already had. */
  images: string[];
  /** Steps whose real-image or Docker 28 output differs from the recording (see StepCheck.why). */
  different?: Record<string, StepCheck>;
  /** Steps on the laptop's side (`cat`, `ls`): checked against the laptop's disk. */
  host?: Record<string, (laptop: Laptop, step: TranscriptStep) => void | Promise<void>>;
  /**
   * Steps another part of the simulator does not get right yet: they run (later steps need
   * their effects) and are expected to fail their comparison until that part is fixed.
   */
  gaps?: Record<string, string>;
  /** Steps of commands another engineer is still writing (they change no state): not run. */
  skip?: Record<string, string>;
}

/** One test per recorded step, in order, all in one world. */
export function goldenSuite(file: string, title: string, opts: SuiteOptions): void {
  const steps = transcript(file);
  describe(title, () => {
    let laptop: Laptop;
    beforeAll(async () => {
      laptop = new Laptop();
      await withImages(laptop, opts.images);
    }, 120_000);
    for (const [i, step] of steps.entries()) {
      const name = `${i + 1}. ${step.command}`;
      const host = opts.host?.[step.command];
      const c = step.command;
      const docker = /(?:^|[\s;&|])docker /.exec(c);
      if (docker && !simulated(c.slice(docker.index + docker[0].indexOf('docker'))))
        it.todo(`${name} (not simulated yet)`);
      else if (opts.skip?.[c]) it.skip(`${name} (${opts.skip[c]})`);
      else if (host) it(name, () => host(laptop, step));
      else if (!docker) it(name, async () => void (await hostLine(laptop, c)));
      else {
        const gap = opts.gaps?.[c];
        const run = async () => void (await replay(laptop, step, opts.different?.[c]));
        if (gap) it.fails(`${name} [known gap: ${gap}]`, run, 120_000);
        else it(name, run, 120_000);
      }
    }
  });
}

/** `docker top` lists host PIDs, CPU use and start times: those columns are the machine's own. */
export function topCheck(r: TermResult, step: TranscriptStep): void {
  const mask = (t: string) =>
    t
      .trimEnd()
      .split('\n')
      .map((l) =>
        l
          .replace(/^(\S+) +\d+ +\d+ +\d+ +\d\d:\d\d/, '$1 PID PPID C STIME')
          .replace(/^\d+(?= )/, 'PID')
          .replace(/ {2,}/g, '  '),
      );
  expect(mask(r.io.out)).toEqual(mask(step.output));
  expect(r.code).toBe(step.exit);
}

/** procps' `ps` of the real Debian images (the stand-ins had busybox's): header, then one row per process. */
export function procpsCheck(commands: RegExp[]): (r: TermResult) => void {
  return (r) => {
    const lines = r.io.out.trimEnd().split('\n');
    const at = lines.findIndex((l) => l === '    PID TTY          TIME CMD');
    expect(at, r.io.out).toBeGreaterThanOrEqual(0);
    const rows = lines.slice(at + 1);
    expect(rows.length).toBe(commands.length);
    rows.forEach((row, i) => expect(row).toMatch(new RegExp(`^ +\\d+ \\? +00:00:00 ${commands[i].source}$`)));
    expect(r.code).toBe(0);
  };
}
