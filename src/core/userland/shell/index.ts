// The shells: Debian's dash (/bin/sh), GNU bash, and busybox ash (Alpine's
// /bin/sh), one interpreter with per-flavour behaviour. Programs are looked
// up by the real binary's name; busybox's dispatcher calls shellApplet for
// its sh/ash applets.
import type { ProgramSpec, UserProgram } from '../types';
import { FLAVOURS } from './flavour';
import { shellMain } from './main';

export function shellPrograms(): ProgramSpec[] {
  return [
    { name: 'dash', run: shellMain(FLAVOURS.dash), rss: FLAVOURS.dash.rss },
    { name: 'bash', run: shellMain(FLAVOURS.bash), rss: FLAVOURS.bash.rss },
  ];
}

/** busybox's `sh` / `ash` applet (argv[0] is what the applet was called as). */
export const shellApplet: UserProgram = shellMain(FLAVOURS.ash);

/** Resident memory of busybox ash, for the dispatcher's ProgramSpec. */
export const SHELL_APPLET_RSS = FLAVOURS.ash.rss;

export { FLAVOURS } from './flavour';
export type { Flavour, FlavourName } from './flavour';
