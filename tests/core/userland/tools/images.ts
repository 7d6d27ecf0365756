// Small images for tool tests: a Debian-like root (GNU binaries in /usr/bin,
// /bin -> usr/bin, Debian's passwd/group) and an Alpine-like one (every tool a
// symlink to /bin/busybox). Built with buildLayer; no catalog needed.
import { buildLayer, gen, type Layer, type LayerSpecValue } from '../../../../src/core/fs';
import { TOOLS, toolPrograms } from '../../../../src/core/userland/tools';
import { Machine, T0, type MachineOptions } from '../harness';

export const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;
export const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
staff:x:50:
www-data:x:33:
nogroup:x:65534:
`;

const IMAGE_TIME = Date.UTC(2026, 9, 20, 10, 0, 0);

export function debianLayer(extra: Record<string, LayerSpecValue> = {}): Layer {
  const spec: Record<string, LayerSpecValue> = {
    '/bin': { symlink: 'usr/bin' },
    '/sbin': { symlink: 'usr/sbin' },
    '/etc/passwd': DEBIAN_PASSWD,
    '/etc/group': DEBIAN_GROUP,
    '/etc/hostname': 'localhost\n',
    '/root': { dir: true, mode: 0o700 },
    '/tmp': { dir: true, mode: 0o1777 },
    '/home': { dir: true },
    '/proc': { dir: true, mode: 0o555 },
    '/dev': { dir: true },
    '/var/log': { dir: true },
  };
  for (const name of Object.keys(TOOLS)) spec[`/usr/bin/${name}`] = { content: gen(40_000, `elf:${name}`), mode: 0o755 };
  return buildLayer({ ...spec, ...extra }, { mtime: IMAGE_TIME });
}

export function alpineLayer(extra: Record<string, LayerSpecValue> = {}): Layer {
  const spec: Record<string, LayerSpecValue> = {
    '/bin/busybox': { content: gen(800_000, 'elf:busybox'), mode: 0o755 },
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
    '/etc/group': 'root:x:0:root\nbin:x:1:root,bin,daemon\nwheel:x:10:root\nnogroup:x:65533:\nnobody:x:65534:\n',
    '/root': { dir: true, mode: 0o700 },
    '/tmp': { dir: true, mode: 0o1777 },
    '/proc': { dir: true, mode: 0o555 },
    '/dev': { dir: true },
  };
  for (const name of ['sh', ...Object.keys(TOOLS)]) {
    const dir = ['ls', 'cat', 'echo', 'mkdir', 'rm', 'sh', 'ps', 'kill', 'date', 'sleep'].includes(name) ? '/bin' : '/usr/bin';
    spec[`${dir}/${name}`] = { symlink: '/bin/busybox' };
  }
  return buildLayer({ ...spec, ...extra }, { mtime: IMAGE_TIME });
}

export function debian(opts: MachineOptions & { extra?: Record<string, LayerSpecValue> } = {}): Machine {
  return new Machine({ programs: toolPrograms(), ...opts, layers: [debianLayer(opts.extra), ...(opts.layers ?? [])] });
}

export function alpine(opts: MachineOptions & { extra?: Record<string, LayerSpecValue> } = {}): Machine {
  return new Machine({ programs: toolPrograms(), ...opts, layers: [alpineLayer(opts.extra), ...(opts.layers ?? [])] });
}

export { T0 };
