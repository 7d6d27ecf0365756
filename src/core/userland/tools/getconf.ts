// getconf (glibc's libc-bin): the sysconf and confstr values scripts ask for,
// nginx's 30-tune-worker-processes.sh first of all (_NPROCESSORS_ONLN: the
// host's online CPUs, which a container sees unchanged).
import type { Tool } from './tool';

export function getconf(t: Tool, args: string[]): number {
  const ops = args[0] === '--' ? args.slice(1) : args;
  if (ops.length === 0 || ops.length > 2) {
    t.err(`Usage: ${t.name} [-v specification] variable_name [pathname]\n       ${t.name} -a [pathname]\n`);
    return 2;
  }
  const cpus = t.ctx.ns.host.cpus;
  const pages = Math.floor(t.ctx.ns.host.memTotal / 4096);
  const values: Record<string, string> = {
    _NPROCESSORS_ONLN: String(cpus),
    _NPROCESSORS_CONF: String(cpus),
    PAGESIZE: '4096',
    PAGE_SIZE: '4096',
    _PHYS_PAGES: String(pages),
    _AVPHYS_PAGES: String(pages),
    LONG_BIT: '64',
    CLK_TCK: '100',
    ARG_MAX: '2097152',
    OPEN_MAX: '1048576',
    HOST_NAME_MAX: '64',
    LOGIN_NAME_MAX: '256',
    PATH: '/bin:/usr/bin',
    NAME_MAX: '255',
    PATH_MAX: '4096',
    PIPE_BUF: '4096',
  };
  const v = values[ops[0]];
  if (v === undefined) {
    t.warn(`Unrecognized variable \`${ops[0]}'`);
    return 2;
  }
  t.out(`${v}\n`);
  return 0;
}
