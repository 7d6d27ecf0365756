// Machines for shell tests: a Debian-like root (/bin/sh -> dash, bash) and
// an Alpine-like one (/bin/sh -> busybox), with a few tiny stand-in programs
// so the shell's behaviour is tested apart from the real tools.
import { gen, type LayerSpec, type LayerSpecValue } from '../../../../src/core/fs';
import { Pipe } from '../../../../src/core/kernel/stream';
import { shellApplet, shellPrograms } from '../../../../src/core/userland/shell';
import { fsOf, type ProgramSpec, type UserProgram } from '../../../../src/core/userland/types';
import { Machine, type MachineOptions, type RunOptions, type RunResult } from '../harness';

const write = (ctx: Parameters<UserProgram>[0], s: string) => ctx.stdout.write(s);

/** Stand-ins: each does one thing, as simply as possible. */
export const STANDINS: Record<string, UserProgram> = {
  // copies stdin (or files) to stdout
  cat: async (ctx) => {
    if (ctx.argv.length > 1) {
      for (const f of ctx.argv.slice(1)) {
        const t = fsOf(ctx).readFile(f);
        if (typeof t !== 'string') {
          ctx.stderr.write(`cat: ${f}: ${t.message}\n`);
          return 1;
        }
        write(ctx, t);
      }
      return 0;
    }
    for (;;) {
      const c = await ctx.read();
      if (c === null) return 0;
      if (!ctx.stdout.write(c)) return 141;
    }
  },
  sleep: async (ctx) => {
    await ctx.sleep(Number(ctx.argv[1] ?? '0') * 1000);
    return 0;
  },
  // one [arg] per argument, to see field splitting
  args: async (ctx) => {
    write(ctx, `${ctx.argv.slice(1).map((a) => `[${a}]`).join('')}\n`);
    return 0;
  },
  env: async (ctx) => {
    for (const k of Object.keys(ctx.env).sort()) write(ctx, `${k}=${ctx.env[k]}\n`);
    return 0;
  },
  exitwith: async (ctx) => Number(ctx.argv[1] ?? '0'),
  // writes zeros until nobody reads
  zeros: async (ctx) => {
    const chunk = '\0'.repeat(65536);
    for (;;) {
      if (!ctx.stdout.write(chunk)) return 141;
      await ctx.sleep(1);
    }
  },
  // keeps everything it reads in memory (as tail does without a newline)
  hog: async (ctx) => {
    for (;;) {
      const c = await ctx.read();
      if (c === null) return 0;
      ctx.alloc(c.length);
    }
  },
  // prints its pid and ppid as the kernel sees them
  whoami2: async (ctx) => {
    write(ctx, `pid=${ctx.proc.nsPid} ppid=${ctx.proc.nsPpid} argv=${ctx.argv.join(' ')}\n`);
    return 0;
  },
};

/** busybox stand-in: the sh/ash applets are the shell, anything else a stand-in. */
const busybox: UserProgram = async (ctx) => {
  const name = (ctx.argv[0] ?? '').split('/').pop()!;
  if (name === 'sh' || name === 'ash') return shellApplet(ctx);
  const p = STANDINS[name];
  if (!p) {
    ctx.stderr.write(`${name}: applet not found\n`);
    return 127;
  }
  return p(ctx);
};

export function programs(): ProgramSpec[] {
  return [...shellPrograms(), ...Object.entries(STANDINS).map(([name, run]) => ({ name, run })), { name: 'busybox', run: busybox }];
}

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nstudent:x:1000:1000:Student,,,:/home/student:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';

export function debianFiles(extra: Record<string, LayerSpecValue> = {}): LayerSpec {
  const bins = Object.fromEntries(Object.keys(STANDINS).map((n) => [`/usr/bin/${n}`, { content: gen(30_000, n), mode: 0o755 }]));
  return {
    '/bin': { symlink: 'usr/bin' },
    '/usr/bin/dash': { content: gen(125_000, 'dash'), mode: 0o755 },
    '/usr/bin/sh': { symlink: 'dash' },
    '/usr/bin/bash': { content: gen(1_265_000, 'bash'), mode: 0o755 },
    ...bins,
    '/etc/passwd': PASSWD,
    '/root': { dir: true, mode: 0o700 },
    '/home/student': { dir: true, uid: 1000, gid: 1000 },
    '/tmp': { dir: true, mode: 0o1777 },
    ...extra,
  };
}

export function alpineFiles(extra: Record<string, LayerSpecValue> = {}): LayerSpec {
  const applets = Object.fromEntries(['sh', 'ash', ...Object.keys(STANDINS)].map((n) => [`/bin/${n}`, { symlink: '/bin/busybox' }]));
  return {
    '/bin/busybox': { content: gen(800_000, 'busybox'), mode: 0o755 },
    ...applets,
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
    '/root': { dir: true, mode: 0o700 },
    '/tmp': { dir: true, mode: 0o1777 },
    ...extra,
  };
}

export type Which = 'dash' | 'bash' | 'ash';

export function machine(which: Which, opts: MachineOptions = {}, extra: Record<string, LayerSpecValue> = {}): Machine {
  return new Machine({ files: which === 'ash' ? alpineFiles(extra) : debianFiles(extra), programs: programs(), ...opts });
}

/** How a student or an image's CMD names the shell. */
export const SHELL_PATH: Record<Which, string> = { dash: 'sh', bash: 'bash', ash: 'sh' };

/** Run `sh -c script` (or bash -c) on a fresh machine of that flavour. */
export async function runC(which: Which, script: string, opts: RunOptions & { machine?: Machine; args?: string[] } = {}): Promise<RunResult> {
  const m = opts.machine ?? machine(which);
  return m.run([SHELL_PATH[which], '-c', script, ...(opts.args ?? [])], opts);
}

/** A stdin the test writes to as a terminal would, line by line. */
export function terminal(): Pipe {
  return new Pipe();
}
