// tmpfs mounts of a container: `--tmpfs DEST[:OPTS]` (HostConfig.Tmpfs) and `--mount type=tmpfs`.
// The daemon merges the options onto its defaults (mount.MergeTmpfsOptions), runc mounts them, and
// the kernel's tmpfs shows them in /proc/mounts in its own words (shmem_show_options).
import type { Clock } from '../clock';
import { OverlayMount } from '../fs/overlay';
import { fail, type Failure } from '../image/errors';
import type { UserMount } from './containers-rootfs';
import type { MountJson } from './containers-types';

/** The flags MergeTmpfsOptions knows (mount.flags); each pair shares one key, the last one wins. */
const FLAG_KEYS: Record<string, string> = {
  ro: 'rdonly',
  rw: 'rdonly',
  suid: 'nosuid',
  nosuid: 'nosuid',
  dev: 'nodev',
  nodev: 'nodev',
  exec: 'noexec',
  noexec: 'noexec',
  sync: 'sync',
  async: 'sync',
  dirsync: 'dirsync',
  remount: 'remount',
  mand: 'mand',
  nomand: 'mand',
  atime: 'noatime',
  noatime: 'noatime',
  diratime: 'nodiratime',
  nodiratime: 'nodiratime',
  bind: 'bind',
  rbind: 'bind',
  relatime: 'relatime',
  norelatime: 'relatime',
  strictatime: 'strictatime',
  nostrictatime: 'strictatime',
};
const PROPAGATION = new Set([
  'unbindable',
  'runbindable',
  'private',
  'rprivate',
  'shared',
  'rshared',
  'slave',
  'rslave',
]);
const DATA_KEYS = new Set(['', 'size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);

/** Go's %q of a []string: ["a" "b"]. */
const quoteList = (parts: string[]) => `[${parts.map((p) => JSON.stringify(p)).join(' ')}]`;

/** mount.MergeTmpfsOptions over the daemon's defaults: later options win; an unknown one is an error. */
export function mergeTmpfsOptions(data: string): string[] | Failure {
  const options = ['noexec', 'nosuid', 'nodev', 'rprivate', ...(data === '' ? [] : data.split(','))];
  const flags = new Set<string>();
  const datas = new Set<string>();
  const out: string[] = [];
  for (let i = options.length - 1; i >= 0; i--) {
    const o = options[i];
    if (o === 'defaults') continue;
    const key = PROPAGATION.has(o) ? 'propagation' : FLAG_KEYS[o];
    if (key !== undefined) {
      if (!flags.has(key)) out.unshift(o);
      flags.add(key);
      continue;
    }
    const eq = o.indexOf('=');
    const kv = eq < 0 ? [o] : [o.slice(0, eq), o.slice(eq + 1)];
    if (kv.length !== 2 || !DATA_KEYS.has(kv[0]))
      return fail('invalid', `invalid tmpfs option ${quoteList(kv)}`);
    if (!datas.has(kv[0])) out.unshift(o);
    datas.add(kv[0]);
  }
  return out;
}

/** The kernel's memparse: a number with an optional k/m/g/t/p/e suffix (and tmpfs's `%` of RAM). */
function memparse(v: string, memTotal: number, percent: boolean): number | undefined {
  const m = /^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)([kmgtpe%]?)$/i.exec(v);
  if (!m) return undefined;
  const n = Number(
    m[1].startsWith('0x') ? m[1] : m[1].length > 1 && m[1][0] === '0' ? parseInt(m[1], 8) : m[1],
  );
  const s = m[2].toLowerCase();
  if (s === '%') return percent ? Math.floor((memTotal * n) / 100) : undefined;
  const shift = ' kmgtpe'.indexOf(s === '' ? ' ' : s);
  return n * 2 ** (10 * shift);
}

export interface TmpfsSpec {
  readOnly: boolean;
  /** The /proc/mounts options, as the kernel prints them. */
  options: string;
  /** Bytes the filesystem may hold (df's size). */
  size: number;
  mode: number;
  uid: number;
  gid: number;
}

/** What runc's mount(2) makes of the merged options; EINVAL for a value the kernel cannot parse. */
export function tmpfsSpec(merged: string[], memTotal: number): TmpfsSpec | { invalid: string } {
  const flag = (on: string, off: string, dflt: boolean) => {
    let v = dflt;
    for (const o of merged)
      if (o === on) v = true;
      else if (o === off) v = false;
    return v;
  };
  const readOnly = flag('ro', 'rw', false);
  const words = [
    readOnly ? 'ro' : 'rw',
    ...(flag('nosuid', 'suid', false) ? ['nosuid'] : []),
    ...(flag('nodev', 'dev', false) ? ['nodev'] : []),
    ...(flag('noexec', 'exec', false) ? ['noexec'] : []),
    ...(flag('noatime', 'atime', false)
      ? ['noatime']
      : flag('strictatime', 'nostrictatime', false)
        ? []
        : ['relatime']),
  ];
  const defaultPages = Math.floor(memTotal / 2 / 4096);
  let pages = defaultPages;
  let inodes: number | undefined;
  let mode = 0o1777;
  let uid = 0;
  let gid = 0;
  const data = merged.filter((o) => o.includes('='));
  for (const o of data) {
    const [k, v] = [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)];
    if (k === 'size' || k === 'nr_blocks') {
      const n = k === 'size' ? memparse(v, memTotal, true) : memparse(v, 0, false);
      if (n === undefined) return { invalid: data.join(',') };
      pages = k === 'size' ? Math.ceil(n / 4096) : n;
    } else if (k === 'nr_inodes') {
      const n = memparse(v, 0, false);
      if (n === undefined) return { invalid: data.join(',') };
      inodes = n;
    } else if (k === 'mode') {
      if (!/^[0-7]+$/.test(v)) return { invalid: data.join(',') };
      mode = parseInt(v, 8) & 0o7777;
    } else if (k === 'uid' || k === 'gid') {
      if (!/^\d+$/.test(v)) return { invalid: data.join(',') };
      if (k === 'uid') uid = Number(v);
      else gid = Number(v);
    }
  }
  // shmem_show_options: only what differs from tmpfs's defaults
  if (pages !== defaultPages) words.push(`size=${pages * 4}k`);
  if (inodes !== undefined) words.push(`nr_inodes=${inodes}`);
  if (mode !== 0o1777) words.push(`mode=${mode.toString(8).padStart(3, '0')}`);
  if (uid !== 0) words.push(`uid=${uid}`);
  if (gid !== 0) words.push(`gid=${gid}`);
  words.push('inode64');
  return { readOnly, options: words.join(','), size: pages * 4096, mode, uid, gid };
}

/** volumemounts.ConvertTmpfsOptions: `--mount type=tmpfs`'s size and mode as `--tmpfs` data. */
export function convertTmpfsOptions(m: MountJson | undefined): string {
  const opts: string[] = [];
  const size = m?.TmpfsOptions?.SizeBytes ?? 0;
  if (size !== 0) {
    let n = size;
    let suffix = '';
    for (const s of ['k', 'm', 'g']) {
      if (n % 1024 !== 0) break;
      n /= 1024;
      suffix = s;
    }
    opts.push(`size=${n}${suffix}`);
  }
  if (m?.TmpfsOptions?.Mode) opts.push(`mode=${m.TmpfsOptions.Mode.toString(8)}`);
  if (m?.ReadOnly) opts.push('ro');
  return opts.join(',');
}

/** The mount runc makes for one tmpfs, or the error that fails the start (HTTP 400 or runc's EINVAL). */
export function tmpfsMount(
  destination: string,
  data: string,
  memTotal: number,
  clock: Clock,
): UserMount | Failure {
  const merged = mergeTmpfsOptions(data);
  if (!Array.isArray(merged)) return merged;
  const spec = tmpfsSpec(merged, memTotal);
  if ('invalid' in spec) {
    // runc's mountError, mounting with MS_NOSUID|MS_NODEV|MS_NOEXEC (and whatever the flags add)
    let flags = 0;
    for (const o of merged) {
      if (o === 'ro') flags |= 1;
      if (o === 'nosuid') flags |= 2;
      if (o === 'nodev') flags |= 4;
      if (o === 'noexec') flags |= 8;
    }
    return fail(
      'system',
      `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "${destination}": mount src=tmpfs, dst=${destination}, dstFd=/proc/thread-self/fd/8, flags=0x${flags.toString(16)}, data=${spec.invalid}: invalid argument: unknown`,
    );
  }
  return {
    destination,
    source: new OverlayMount([], { clock, root: { mode: spec.mode, uid: spec.uid, gid: spec.gid } }),
    root: '/',
    readOnly: spec.readOnly,
    tmpfs: { options: spec.options, size: spec.size },
  };
}

/** ValidateTmpfsMountDestination, for each --tmpfs at create. */
export function validateTmpfsDestinations(
  tmpfs: Record<string, string> | null | undefined,
): Failure | undefined {
  for (const dest of Object.keys(tmpfs ?? {})) {
    if (dest.replace(/\/+$/, '') === '' && dest.startsWith('/'))
      return fail('invalid', "invalid specification: destination can't be '/'");
    if (!dest.startsWith('/'))
      return fail('invalid', `invalid mount path: '${dest}' mount path must be absolute`);
  }
  return undefined;
}
