// What a program running in the simulation sees: its process context (argv,
// env, stdio, signals, cgroup charging) plus the namespaces it lives in — a
// view of files, a hostname, a network namespace — and the host's facts.
// One implementation serves the student's laptop and every container.
import { sha256Hex } from '../hash';
import type { FsView } from '../fs/fs-view';
import type { FsContext } from '../fs/resolve';
import type { NetNamespace, NetworkStack } from '../kernel/network';
import type { Process, Program, ProcessContext } from '../kernel/process';

/**
 * Who looks at the files: credentials and cwd, plus the process itself, which
 * a mount namespace needs for what depends on the reader (/proc/self, /dev/stdout).
 */
export type FsAsker = Partial<FsContext> & { proc?: Process<Sys> };

/** The file API programs use: an overlay mount, or a mount namespace of several mounts, with credentials. */
export type FileSystem = Omit<FsView, 'as'> & { as(ctx: FsAsker): FileSystem };

export interface HostInfo {
  /** `uname -r`. */
  kernelRelease: string;
  /** `uname -v`. */
  kernelVersion: string;
  /** `uname -m`. */
  machine: string;
  /** Bytes of RAM (MemTotal; docker stats' LIMIT without -m). */
  memTotal: number;
  cpus: number;
  /** When the host booted (ms since the epoch), for uptime and /proc. */
  bootTime: number;
}

export interface Sys {
  /** The root of the process's mount namespace, as root in "/": use fsOf(ctx) for the process's own view. */
  fs: FileSystem;
  uts: { hostname: string };
  net: NetNamespace;
  network: NetworkStack;
  host: HostInfo;
  programs: ProgramTable;
}

export type UserProgram = Program<Sys>;
export type UserContext = ProcessContext<Sys>;

export interface ProgramSpec {
  /** The binary's name as installed: "ls", "python3.13", "busybox". */
  name: string;
  run: UserProgram;
  /** Resident memory the program needs once running, in bytes (charged to the cgroup). */
  rss?: number;
  /**
   * Texts of `#!` scripts this program simulates (an image's entrypoint that
   * needs tools the simulation lacks): such a script keeps its real text on
   * disk, and executing exactly that text runs this program instead.
   */
  scripts?: readonly string[];
}

/** Which program a binary in an image runs, by the binary's name. */
export class ProgramTable {
  private readonly byName = new Map<string, ProgramSpec>();
  private readonly byScript = new Map<string, ProgramSpec>();

  register(...specs: ProgramSpec[]): this {
    for (const s of specs) {
      this.byName.set(s.name, s);
      for (const text of s.scripts ?? []) this.byScript.set(sha256Hex(text), s);
    }
    return this;
  }

  /** The program that simulates this exact script text, if any. */
  forScript(text: string): ProgramSpec | undefined {
    return this.byScript.size ? this.byScript.get(sha256Hex(text)) : undefined;
  }

  get(name: string): ProgramSpec | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

/** The process's own view of files: its uid/gid and working directory. */
export function fsOf(ctx: UserContext): FileSystem {
  return ctx.ns.fs.as({ uid: ctx.proc.uid, gid: ctx.proc.gid, cwd: ctx.proc.cwd, proc: ctx.proc });
}
