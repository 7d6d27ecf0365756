// The core tools as programs, one spec per binary name an image installs:
// GNU coreutils / procps / util-linux / grep / findutils for Debian and
// Ubuntu images, and "busybox" (one binary, applet by argv[0]) for Alpine and
// busybox images.
import { shellApplet as ashApplet } from '../shell';
import type { ProgramSpec, UserProgram } from '../types';
import { awk } from './awk';
import { busyboxProgram } from './busybox';
import { cat, tee, yes } from './cat';
import { cp, mv } from './copy';
import { echo, printf } from './echo';
import { envsubst } from './envsubst';
import { stat, test } from './fileinfo';
import { ln, mkdir, pwd, rm, rmdir, touch } from './files';
import { du, find, xargs } from './find';
import { getconf } from './getconf';
import { grep } from './grep';
import { head, tail } from './head-tail';
import { basename, clear, date, dirname, env, falseTool, groups, id, printenv, readlink, realpath, sleep, trueTool, tty, uname, whoami, which } from './identity';
import { hostname } from './hostname';
import { ls } from './ls';
import { applyMode, chmod, chown } from './perms';
import { free, kill, nproc, ps, setBusyboxPsTime, uptime } from './procs';
import { sed } from './sed';
import { sum } from './sums';
import { df, mount, top } from './system';
import { cut, seq, sort, tr, uniq, wc } from './text';
import { program, type ToolMain } from './tool';

export { Tool, type Flavour, type ToolMain } from './tool';
export { setBusyboxPsTime } from './procs';

const mkdirMain: ToolMain = (t, a) => mkdir(t, a, (spec, base, isDir) => applyMode(spec, base, isDir, 0));

/** Every tool by the name it answers to (an applet name, or a GNU binary's name). */
export const TOOLS: Record<string, ToolMain> = {
  ls, dir: ls, vdir: (t, a) => ls(t, ['-l', ...a]),
  cat, tee, yes, echo, printf, touch, mkdir: mkdirMain, rm, rmdir, ln, pwd, cp, mv,
  chmod, chown, chgrp: (t, a) => chown(t, a, true),
  head, tail, wc, sort, uniq, cut, tr, seq,
  grep, sed, awk, mawk: awk, envsubst, getconf, egrep: (t, a) => grep(t, a, 'E'), fgrep: (t, a) => grep(t, a, 'F'),
  find, du, xargs, df, mount, top, ps, free, uptime, nproc, kill,
  stat, test: (t, a) => test(t, a, false), '[': (t, a) => test(t, a, true),
  env, printenv, which, hostname, id, whoami, groups, uname, date, sleep, tty,
  true: trueTool, false: falseTool, clear, basename, dirname, readlink, realpath,
  md5sum: (t, a) => sum(t, a, 'md5'), sha1sum: (t, a) => sum(t, a, 'sha1'), sha256sum: (t, a) => sum(t, a, 'sha256'), sha512sum: (t, a) => sum(t, a, 'sha512'),
};

/** Resident memory of a running coreutils binary and of busybox (charged to the cgroup at exec). */
export const GNU_RSS = 786_432;
export const BUSYBOX_RSS = 393_216;

export interface ToolOptions {
  /** BusyBox's sh/ash applet; the shell's ash flavour unless a test gives another. */
  shellApplet?: UserProgram;
  /** BusyBox built with FEATURE_PS_TIME (Alpine's and the busybox image's are): `PID USER TIME COMMAND`. */
  busyboxPsTime?: boolean;
}

export function toolPrograms(opts: ToolOptions = {}): ProgramSpec[] {
  if (opts.busyboxPsTime !== undefined) setBusyboxPsTime(opts.busyboxPsTime);
  const gnu: ProgramSpec[] = Object.entries(TOOLS).map(([name, main]) => ({ name, run: program(undefined, 'gnu', main), rss: GNU_RSS }));
  return [...gnu, { name: 'busybox', run: busyboxProgram(TOOLS, opts.shellApplet ?? ashApplet), rss: BUSYBOX_RSS }];
}
