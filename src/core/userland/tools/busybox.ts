// The busybox binary: one program whose applet is the basename of argv[0]
// (/bin/ls -> /bin/busybox keeps argv[0] "ls"), or the first argument of
// `busybox APPLET ...`. Applets print BusyBox's wording; sh/ash is the shell.
import type { UserProgram } from '../types';
import { BUSYBOX_BANNER, baseOf, program, type ToolMain } from './tool';

export function busyboxProgram(tools: Record<string, ToolMain>, shellApplet?: UserProgram): UserProgram {
  const programs = new Map<string, UserProgram>();
  const appletProgram = (name: string): UserProgram | undefined => {
    if (name === 'sh' || name === 'ash') return shellApplet;
    const main = tools[name];
    if (!main) return undefined;
    let p = programs.get(name);
    if (!p) {
      p = program(name, 'busybox', main);
      programs.set(name, p);
    }
    return p;
  };
  return async (ctx) => {
    let applet = baseOf(ctx.argv[0] ?? 'busybox');
    let argv = ctx.argv;
    if (applet === 'busybox') {
      if (argv.length < 2 || argv[1] === '--help' || argv[1] === '--list') {
        const names = [...Object.keys(tools), ...(shellApplet ? ['ash', 'sh'] : [])].sort();
        if (argv[1] === '--list') ctx.stdout.write(names.map((n) => `${n}\n`).join(''));
        else ctx.stdout.write(`${BUSYBOX_BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list\n   or: function [arguments]...\n\nCurrently defined functions:\n\t${names.join(', ')}\n`);
        return 0;
      }
      argv = argv.slice(1);
      applet = baseOf(argv[0]);
    }
    const run = appletProgram(applet);
    if (!run) {
      ctx.stderr.write(`${applet}: applet not found\n`);
      return 127;
    }
    // the applet sees its own argv (argv[0] = the applet name as invoked)
    return run(argv === ctx.argv ? ctx : { ...ctx, argv });
  };
}
