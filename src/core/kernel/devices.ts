// Devices: those a container's /dev holds (runc's default device list), the
// laptop's own, and what reading and writing them does. Endless devices produce data only as
// far as the reader asks, so nothing unbounded is ever materialised.
import { FsError } from '../fs/types';

/**
 * A device whose driver is not simulated (a host device handed in with --device): its type
 * and numbers are real, reading and writing it fail with ENXIO.
 */
export interface OpaqueDevice {
  readonly type: 'c' | 'b';
  readonly major: number;
  readonly minor: number;
}

export type DeviceKind = 'null' | 'zero' | 'full' | 'random' | 'urandom' | 'tty' | 'ptmx' | OpaqueDevice;

/** A node of the laptop's devtmpfs: what `--device` finds at its path. */
export interface HostDevice {
  /** Path under the laptop's /dev. */
  readonly path: string;
  readonly kind: DeviceKind;
  readonly mode: number;
  readonly gid: number;
}

const opaque = (
  path: string,
  type: 'c' | 'b',
  major: number,
  minor: number,
  mode: number,
  gid = 0,
): HostDevice => ({
  path,
  kind: { type, major, minor },
  mode,
  gid,
});

/**
 * The laptop's device nodes (Ubuntu 24.04 on a laptop with one SATA disk, a webcam, sound and
 * an Intel GPU): runc's six with the host's modes, then the ones only the host has.
 */
export const HOST_DEVICES: readonly HostDevice[] = [
  { path: '/dev/full', kind: 'full', mode: 0o666, gid: 0 },
  { path: '/dev/null', kind: 'null', mode: 0o666, gid: 0 },
  { path: '/dev/random', kind: 'random', mode: 0o666, gid: 0 },
  { path: '/dev/tty', kind: 'tty', mode: 0o666, gid: 5 },
  { path: '/dev/urandom', kind: 'urandom', mode: 0o666, gid: 0 },
  { path: '/dev/zero', kind: 'zero', mode: 0o666, gid: 0 },
  opaque('/dev/mem', 'c', 1, 1, 0o640, 15),
  opaque('/dev/kmsg', 'c', 1, 11, 0o644),
  opaque('/dev/tty0', 'c', 4, 0, 0o620, 5),
  opaque('/dev/ttyS0', 'c', 4, 64, 0o660, 20),
  opaque('/dev/fuse', 'c', 10, 229, 0o666),
  opaque('/dev/kvm', 'c', 10, 232, 0o660, 993),
  opaque('/dev/net/tun', 'c', 10, 200, 0o666),
  opaque('/dev/video0', 'c', 81, 0, 0o660, 44),
  opaque('/dev/dri/card1', 'c', 226, 1, 0o660, 44),
  opaque('/dev/dri/renderD128', 'c', 226, 128, 0o660, 994),
  opaque('/dev/snd/controlC0', 'c', 116, 7, 0o660, 29),
  opaque('/dev/snd/pcmC0D0p', 'c', 116, 3, 0o660, 29),
  opaque('/dev/snd/seq', 'c', 116, 1, 0o660, 29),
  opaque('/dev/snd/timer', 'c', 116, 33, 0o660, 29),
  opaque('/dev/sda', 'b', 8, 0, 0o660, 6),
  opaque('/dev/sda1', 'b', 8, 1, 0o660, 6),
];

export interface DeviceNode {
  /** Name under /dev (or under /dev/pts). */
  readonly name: string;
  readonly kind: DeviceKind;
  /** Permission bits as runc creates them. */
  readonly mode: number;
  readonly gid: number;
  /** Major/minor numbers, for `ls -l` style listings. */
  readonly major: number;
  readonly minor: number;
}

/** runc's AllowedDevices that become nodes in /dev (libcontainer/specconv). */
export const DEV_NODES: readonly DeviceNode[] = [
  { name: 'full', kind: 'full', mode: 0o666, gid: 0, major: 1, minor: 7 },
  { name: 'null', kind: 'null', mode: 0o666, gid: 0, major: 1, minor: 3 },
  { name: 'random', kind: 'random', mode: 0o666, gid: 0, major: 1, minor: 8 },
  { name: 'tty', kind: 'tty', mode: 0o666, gid: 0, major: 5, minor: 0 },
  { name: 'urandom', kind: 'urandom', mode: 0o666, gid: 0, major: 1, minor: 9 },
  { name: 'zero', kind: 'zero', mode: 0o666, gid: 0, major: 1, minor: 5 },
];

/** The symlinks runc puts in /dev. */
export const DEV_LINKS: ReadonlyArray<readonly [string, string]> = [
  ['core', '/proc/kcore'],
  ['fd', '/proc/self/fd'],
  ['ptmx', 'pts/ptmx'],
  ['stderr', '/proc/self/fd/2'],
  ['stdin', '/proc/self/fd/0'],
  ['stdout', '/proc/self/fd/1'],
];

/**
 * st_rdev of a device node: the numbers of runc's /dev nodes; the terminal of
 * a container started with -t is /dev/pts/0 (Unix98 pty slaves are major 136,
 * bind-mounted at /dev/console too); /dev/pts/ptmx is 5,2.
 */
export function deviceNumbers(path: string, kind: DeviceKind): readonly [number, number] {
  if (typeof kind === 'object') return [kind.major, kind.minor];
  if (kind === 'ptmx') return [5, 2];
  if (kind === 'tty') {
    const pts = /^\/dev\/pts\/(\d+)$/.exec(path);
    if (pts) return [136, Number(pts[1])];
    if (path === '/dev/console') return [136, 0];
  }
  const node = DEV_NODES.find((d) => d.kind === kind)!;
  return [node.major, node.minor];
}

/** Bytes /dev/zero and friends hand over per read at most (a pipe's worth, as `cat` asks for). */
export const DEVICE_READ_MAX = 1 << 20;

let zeroes = '';
function zeroString(n: number): string {
  if (zeroes.length < n) zeroes = '\0'.repeat(Math.max(n, 65536));
  return zeroes.length === n ? zeroes : zeroes.slice(0, n);
}

/** A deterministic byte stream for /dev/urandom: xorshift32 seeded per open. */
export class RandomSource {
  private x: number;
  constructor(seed: number) {
    this.x = seed >>> 0 || 0x9e3779b9;
  }
  bytes(n: number): string {
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      this.x ^= this.x << 13;
      this.x ^= this.x >>> 17;
      this.x ^= this.x << 5;
      codes[i] = this.x & 0xff;
    }
    let s = '';
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...codes.slice(i, i + 8192));
    return s;
  }
}

/**
 * read(2) of `length` bytes from a device, as one Latin-1 string (a byte per
 * char). `''` is end of file. The terminal is read through the process's
 * stdin, never here (ENXIO stands for "no terminal to read from here").
 */
export function readDevice(
  kind: DeviceKind,
  length: number,
  path: string,
  random: RandomSource,
): string | FsError {
  const n = Math.max(0, Math.min(length, DEVICE_READ_MAX));
  switch (kind) {
    case 'null':
      return '';
    case 'zero':
    case 'full':
      return zeroString(n);
    case 'random':
    case 'urandom':
      return random.bytes(n);
    case 'tty':
    case 'ptmx':
    default:
      // the terminal is read through stdin; a device with no simulated driver has no data
      return new FsError('ENXIO', path, 'read');
  }
}

/**
 * write(2) to a device: the data vanishes (null, zero, random), fails with
 * ENOSPC (full), or goes to the caller's terminal (`tty`, given as `toTty`).
 */
export function writeDevice(
  kind: DeviceKind,
  data: string,
  path: string,
  toTty: ((data: string) => boolean) | undefined,
): FsError | undefined {
  switch (kind) {
    case 'null':
    case 'zero':
    case 'random':
    case 'urandom':
      return undefined;
    case 'full':
      return data.length === 0 ? undefined : new FsError('ENOSPC', path, 'write');
    case 'tty':
    case 'ptmx':
      if (toTty === undefined) return new FsError('ENXIO', path, 'open');
      toTty(data);
      return undefined;
    default:
      return new FsError('ENXIO', path, 'write');
  }
}

/** Devices that never reach end of file: reading all of one is unbounded. */
export function isEndless(kind: DeviceKind): boolean {
  return kind === 'zero' || kind === 'full' || kind === 'random' || kind === 'urandom';
}
