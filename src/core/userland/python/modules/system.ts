// platform, socket.gethostname and string: what a program learns about the
// machine it runs on (the container's hostname, the host's kernel).
import type { Interp } from '../interp';
import { str } from '../repr';
import { type PyModule } from '../values';
import { fn, newModule, tuple } from './util';

export function platformModule(it: Interp): PyModule {
  const m = newModule(it, 'platform', 100_000);
  const host = it.ctx.ns.host;
  const version = String(
    (it.modules.get('sys')?.dict.get('version') as string | undefined)?.split(' ')[0] ?? '',
  );
  fn(m, 'system', () => 'Linux');
  fn(m, 'node', () => it.ctx.ns.uts.hostname);
  fn(m, 'release', () => host.kernelRelease);
  fn(m, 'version', () => host.kernelVersion);
  fn(m, 'machine', () => host.machine);
  fn(m, 'processor', () => '');
  fn(m, 'architecture', () => tuple('64bit', 'ELF'));
  fn(m, 'python_version', () => version);
  fn(m, 'python_implementation', () => 'CPython');
  fn(m, 'platform', () => `Linux-${host.kernelRelease}-${host.machine}-with-glibc2.36`);
  fn(m, 'uname', () =>
    tuple('Linux', it.ctx.ns.uts.hostname, host.kernelRelease, host.kernelVersion, host.machine, ''),
  );
  return m;
}

export function socketModule(it: Interp): PyModule {
  const m = newModule(it, 'socket', 400_000);
  fn(m, 'gethostname', () => it.ctx.ns.uts.hostname);
  fn(m, 'getfqdn', () => it.ctx.ns.uts.hostname);
  fn(m, 'gethostbyname', (args) => {
    const h = String(args[0]);
    if (h === 'localhost' || h === it.ctx.ns.uts.hostname)
      return h === 'localhost' ? '127.0.0.1' : (it.ctx.ns.net.ip ?? '127.0.0.1');
    throw it.unsupported('socket.gethostbyname() for other hosts');
  });
  fn(m, 'socket', () => {
    throw it.unsupported('raw sockets (socket.socket)');
  });
  m.dict.set('AF_INET', 2n);
  m.dict.set('SOCK_STREAM', 1n);
  return m;
}

export function stringModule(it: Interp): PyModule {
  const m = newModule(it, 'string', 0);
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const upper = lower.toUpperCase();
  m.dict.set('ascii_lowercase', lower);
  m.dict.set('ascii_uppercase', upper);
  m.dict.set('ascii_letters', lower + upper);
  m.dict.set('digits', '0123456789');
  m.dict.set('hexdigits', '0123456789abcdefABCDEF');
  m.dict.set('octdigits', '01234567');
  m.dict.set('punctuation', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
  m.dict.set('whitespace', ' \t\n\r\x0b\x0c');
  m.dict.set(
    'printable',
    '0123456789' + lower + upper + '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~' + ' \t\n\r\x0b\x0c',
  );
  fn(m, 'capwords', function* (args) {
    const s = yield* str(it, args[0]);
    return s
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
      .join(' ');
  });
  return m;
}
