// Node-only helpers for the differential test against the real kernel
// overlayfs: lay layers out on disk (whiteouts as 0/0 char devices, opaque
// dirs with trusted.overlay.opaque=y), mount them as Docker's overlay2 does,
// and read the merged and upper trees back. Needs root on Linux.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Layer } from '../../../src/core/fs/layer';
import { contentText } from '../../../src/core/fs/content';

// One long-lived python3 helper does what node:fs cannot (mknod of whiteouts,
// trusted.* xattrs, mount(2) and umount(2) through libc), answering one JSON
// line per request: starting a process per call would cost ~100 ms each.
const PY_HELPER = `
import ctypes, json, os, stat, sys
libc = ctypes.CDLL(None, use_errno=True)
def dump(root):
    out = {}
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            p = os.path.join(d, n)
            st = os.lstat(p)
            rel = p[len(root):]
            m = st.st_mode
            if stat.S_ISCHR(m) and st.st_rdev == 0:
                out[rel] = {'kind': 'whiteout'}
            elif stat.S_ISDIR(m):
                try:
                    opq = os.getxattr(p, 'trusted.overlay.opaque', follow_symlinks=False) == b'y'
                except OSError:
                    opq = False
                out[rel] = {'kind': 'dir', 'mode': stat.S_IMODE(m), 'opaque': opq}
            elif stat.S_ISLNK(m):
                out[rel] = {'kind': 'symlink', 'mode': stat.S_IMODE(m), 'body': os.readlink(p)}
            elif stat.S_ISREG(m):
                with open(p, 'rb') as f:
                    out[rel] = {'kind': 'file', 'mode': stat.S_IMODE(m), 'body': f.read().decode('utf-8')}
            else:
                out[rel] = {'kind': 'other'}
    return out
def check(rc, what):
    if rc != 0:
        e = ctypes.get_errno()
        raise OSError(e, what + ': ' + os.strerror(e))
for line in sys.stdin:
    req = json.loads(line)
    try:
        cmd = req['cmd']
        if cmd == 'prepare':
            for p in req['whiteouts']:
                os.mknod(p, stat.S_IFCHR | 0o600, os.makedev(0, 0))
            for p in req['opaque']:
                os.setxattr(p, 'trusted.overlay.opaque', b'y')
            res = None
        elif cmd == 'mount':
            check(libc.mount(b'overlay', req['target'].encode(), b'overlay', 0, req['options'].encode()), 'mount')
            res = None
        elif cmd == 'umount':
            check(libc.umount2(req['target'].encode(), 0), 'umount')
            res = None
        elif cmd == 'dump':
            res = dump(req['root'])
        else:
            raise ValueError('unknown command ' + cmd)
        out = {'ok': res}
    except Exception as e:
        out = {'error': str(e)}
    sys.stdout.write(json.dumps(out) + '\\n')
    sys.stdout.flush()
`;

// a version manager's shim can take a second to start; the system python does not
const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => fs.existsSync(p)) ?? 'python3';

export class PyHelper {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private buf = '';

  constructor() {
    this.proc = spawn(PYTHON, ['-u', '-c', PY_HELPER]);
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (chunk: string) => {
      this.buf += chunk;
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        this.waiting.shift()?.(line);
      }
    });
  }

  call(req: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        const res = JSON.parse(line) as { ok?: unknown; error?: string };
        if (res.error !== undefined) reject(new Error(`${String(req.cmd)}: ${res.error}`));
        else resolve(res.ok);
      });
      this.proc.stdin.write(JSON.stringify(req) + '\n');
    });
  }

  close(): void {
    this.proc.stdin.end();
  }
}

export interface DiskEntry {
  kind: string;
  mode?: number;
  opaque?: boolean;
  body?: string;
}

/** Why the kernel test cannot run here, or undefined when it can. */
export function kernelOverlayUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root (mount and trusted.* xattrs need CAP_SYS_ADMIN)';
  try {
    execFileSync(PYTHON, ['-c', 'import ctypes, os; os.setxattr; os.mknod'], { stdio: 'ignore' });
  } catch {
    return 'python3 (used for mknod and xattrs) is missing';
  }
  const dir = fs.mkdtempSync(join(tmpdir(), 'ovl-probe-'));
  try {
    for (const d of ['l', 'u', 'w', 'm']) fs.mkdirSync(join(dir, d));
    execFileSync(
      'mount',
      [
        '-t',
        'overlay',
        'overlay',
        '-o',
        mountOptions([join(dir, 'l')], join(dir, 'u'), join(dir, 'w')),
        join(dir, 'm'),
      ],
      {
        stdio: 'pipe',
      },
    );
    execFileSync('umount', [join(dir, 'm')]);
    return undefined;
  } catch (e) {
    return `overlay mount not allowed here: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Docker's overlay2 options: index off; redirect_dir and metacopy off (their defaults on Docker hosts). */
function mountOptions(lowersBaseFirst: string[], upper: string, work: string): string {
  // the kernel wants the top-most lower first
  const lowerdir = [...lowersBaseFirst].reverse().join(':');
  return `lowerdir=${lowerdir},upperdir=${upper},workdir=${work},index=off,redirect_dir=off,metacopy=off`;
}

export class KernelOverlay {
  readonly root: string;
  readonly merged: string;
  readonly upper: string;
  private mounted = false;

  constructor(
    private readonly py: PyHelper,
    readonly layers: readonly Layer[],
    /** No upper: a read-only overlay of the lowers alone (needs two lowers or more). */
    readonly readOnly = false,
  ) {
    this.root = fs.mkdtempSync(join(tmpdir(), 'ovl-diff-'));
    this.merged = join(this.root, 'merged');
    this.upper = join(this.root, 'upper');
  }

  async setUp(): Promise<void> {
    const whiteouts: string[] = [];
    const opaque: string[] = [];
    const lowers = this.layers.map((layer, i) => {
      const dir = join(this.root, `l${i}`);
      fs.mkdirSync(dir);
      const dirModes: [string, number][] = [];
      for (const [path, e] of layer.sortedEntries()) {
        const p = dir + path;
        if (e.kind === 'whiteout') whiteouts.push(p);
        else if (e.kind === 'dir') {
          fs.mkdirSync(p);
          dirModes.push([p, e.mode]);
          if (e.opaque) opaque.push(p);
        } else if (e.kind === 'symlink') fs.symlinkSync(e.target, p);
        else {
          fs.writeFileSync(p, contentText(e.content));
          fs.chmodSync(p, e.mode);
        }
        if (e.kind !== 'whiteout' && (e.uid !== 0 || e.gid !== 0)) fs.lchownSync(p, e.uid, e.gid);
      }
      for (const [p, m] of dirModes) fs.chmodSync(p, m);
      return dir;
    });
    await this.py.call({ cmd: 'prepare', whiteouts, opaque });
    for (const d of ['upper', 'work', 'merged']) fs.mkdirSync(join(this.root, d));
    // other users must be able to reach the mount (mkdtemp makes 0700)
    fs.chmodSync(this.root, 0o755);
    const options = this.readOnly
      ? `lowerdir=${[...lowers].reverse().join(':')}`
      : mountOptions(lowers, this.upper, join(this.root, 'work'));
    await this.py.call({ cmd: 'mount', target: this.merged, options });
    this.mounted = true;
  }

  /** Run a node:fs call on a container path; returns 'ok' or the errno code. */
  run(f: (hostPath: (p: string) => string) => void): string {
    try {
      f((p) => this.merged + p);
      return 'ok';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!code) throw e;
      return code;
    }
  }

  /** The merged tree: path -> kind, mode, content or target ("/" left out). */
  mergedView(): Map<string, DiskEntry> {
    const out = new Map<string, DiskEntry>();
    const walk = (p: string) => {
      for (const name of fs.readdirSync(this.merged + p).sort()) {
        const q = p === '/' ? `/${name}` : `${p}/${name}`;
        const st = fs.lstatSync(this.merged + q);
        const mode = st.mode & 0o7777;
        if (st.isDirectory()) {
          out.set(q, { kind: 'dir', mode });
          walk(q);
        } else if (st.isSymbolicLink())
          out.set(q, { kind: 'symlink', mode, body: fs.readlinkSync(this.merged + q) });
        else if (st.isFile())
          out.set(q, { kind: 'file', mode, body: fs.readFileSync(this.merged + q, 'utf8') });
        else out.set(q, { kind: 'other' });
      }
    };
    walk('/');
    return out;
  }

  /** The upper directory as the kernel left it: whiteouts, opaque dirs, copied-up and new entries. */
  async upperView(): Promise<Map<string, DiskEntry>> {
    const dump = (await this.py.call({ cmd: 'dump', root: this.upper })) as Record<string, DiskEntry>;
    return new Map(Object.entries(dump));
  }

  async tearDown(): Promise<void> {
    if (this.mounted) {
      await this.py.call({ cmd: 'umount', target: this.merged });
      this.mounted = false;
    }
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
