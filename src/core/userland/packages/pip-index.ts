// pip's network session: the simple index in PEP 691 JSON, PEP 658 metadata
// and wheel downloads with "Downloading …"/"Using cached …" lines and rich's
// progress bar for big files, urllib3's retries (five "WARNING: Retrying"
// lines with backoff) when the index is out of reach, and the HTTP cache in
// ~/.cache/pip/http-v2 whose file names are sha224 of the URL.
import { sha224 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { gen } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { FileSystem, UserContext } from '../types';
import { connect, exchange, isFailure, parseUrl, transferMs, type Exchange, type NetFailure, type Url } from './net';
import type { PipLog } from './pip-log';

export interface IndexFile {
  filename: string;
  url: string;
  size: number;
  requiresPython?: string;
  hasMetadata: boolean;
}

export interface Fetched {
  /** What the body says (JSON, METADATA text, a wheel's description). */
  body: string;
  size: number;
  seed?: string;
  fromCache: boolean;
}

export function sha224Hex(s: string): string {
  return bytesToHex(sha224(utf8ToBytes(s)));
}

/** `format_size` of pip's utils/misc.py. */
export function formatSize(bytes: number): string {
  if (bytes > 1000 * 1000) return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
  if (bytes > 10 * 1000) return `${Math.floor(bytes / 1000)} kB`;
  if (bytes > 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${Math.floor(bytes)} bytes`;
}

/** The errno text Python's socket layer reports, as urllib3 wraps it in NewConnectionError. */
function connectionErrorText(f: NetFailure): string {
  switch (f.kind) {
    case 'resolve':
      return f.noNetwork ? '[Errno -3] Temporary failure in name resolution' : '[Errno -2] Name or service not known';
    case 'refused':
      return '[Errno 111] Connection refused';
    case 'unreachable':
      return f.net ? '[Errno 101] Network is unreachable' : '[Errno 113] No route to host';
    case 'reset':
      return '[Errno 104] Connection reset by peer';
  }
}

/** rich's filesize.decimal. */
function richDecimal(n: number): string {
  if (n === 1) return '1 byte';
  if (n < 1000) return `${n.toLocaleString('en-US')} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let unit = 1000;
  let i = 0;
  while (i < units.length - 1 && n >= unit * 1000) {
    unit *= 1000;
    i++;
  }
  return `${(n / unit).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${units[i]}`;
}

/** rich's DownloadColumn for a finished download of `total` bytes: `16.6/16.6 MB`. */
function downloadColumn(total: number): string {
  const suffixes = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let unit = 1;
  let i = 0;
  while (i < suffixes.length - 1 && total >= unit * 1000) {
    unit *= 1000;
    i++;
  }
  const s = unit === 1 ? String(total) : (total / unit).toFixed(1);
  return `${s}/${s} ${suffixes[i]}`;
}

export class PipIndex {
  private nextAddress = 0;
  /** Set when the cache directory cannot be used (pip's warning was printed). */
  private cacheDir: string | undefined;

  constructor(
    private readonly ctx: UserContext,
    private readonly fs: FileSystem,
    private readonly log: PipLog,
    readonly indexUrl: string,
    cacheDir: string | undefined,
    private readonly retries = 5,
  ) {
    this.cacheDir = cacheDir;
  }

  get cache(): string | undefined {
    return this.cacheDir;
  }

  /** pip checks the cache directory once at startup. */
  checkCacheDir(): void {
    if (!this.cacheDir) return;
    const err = this.fs.mkdir(this.cacheDir, { recursive: true });
    if (err || this.fs.access(this.cacheDir, 2 | 1)) {
      const dir = this.cacheDir;
      this.cacheDir = undefined;
      this.log.warning(
        `The directory '${dir}' or its parent directory is not owned or is not writable by the current user. The cache has been disabled. Check the permissions and owner of that directory. If executing pip with sudo, you should use sudo's -H flag.`,
      );
    }
  }

  private address(): string {
    // a CPython heap address for the connection object's repr
    const n = (0x7f0000000000 + ((this.ctx.proc.pid * 7919 + this.nextAddress++ * 0x1d0) % 0xffffff) * 0x10 + 0x2a5e0000).toString(16);
    return `0x${n}`;
  }

  /** GET with urllib3's retry policy: `retries` failures are retried (with warnings), one more gives up. */
  private async get(url: Url, headers: Record<string, string>, retries: number): Promise<Exchange | NetFailure> {
    let total = retries;
    let errors = 0;
    for (;;) {
      const c = await connect(this.ctx, url);
      if (!isFailure(c)) return exchange(this.ctx, c, { headers });
      errors++;
      if (total <= 0) return c;
      total--;
      // urllib3 1.26 Retry.get_backoff_time with pip's backoff_factor 0.25
      const backoff = errors <= 1 ? 0 : Math.min(120, 0.25 * 2 ** (errors - 1));
      if (backoff > 0) await this.ctx.sleep(backoff * 1000);
      const cls = url.scheme === 'https' ? 'HTTPSConnection' : 'HTTPConnection';
      const err =
        c.kind === 'reset'
          ? `ProtocolError('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))`
          : `NewConnectionError('<pip._vendor.urllib3.connection.${cls} object at ${this.address()}>: Failed to establish a new connection: ${connectionErrorText(c)}')`;
      this.log.warning(`Retrying (Retry(total=${total}, connect=None, read=None, redirect=None, status=None)) after connection broken by '${err}': ${url.path}`);
    }
  }

  /**
   * The files of a project on the index, or undefined when the index could
   * not be reached (pip then finds no versions; the warnings were printed).
   */
  async projectFiles(canonical: string, retries = this.retries): Promise<IndexFile[] | undefined> {
    const url = parseUrl(`${this.indexUrl.replace(/\/$/, '')}/${canonical}/`, 'https');
    if (!url || 'error' in url) return undefined;
    const x = await this.get(url, { Accept: 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01', 'User-Agent': 'pip/25.1.1' }, retries);
    if (isFailure(x)) return undefined;
    if (x.res.status !== 200) return [];
    const ms = transferMs(x, x.size);
    if (ms) await this.ctx.sleep(ms);
    this.store(url, x);
    let data: { files?: { filename: string; url: string; size: number; 'requires-python'?: string | null; 'core-metadata'?: unknown }[] };
    try {
      data = JSON.parse(x.res.body) as typeof data;
    } catch {
      return [];
    }
    return (data.files ?? []).map((f) => ({
      filename: f.filename,
      url: f.url,
      size: f.size,
      requiresPython: f['requires-python'] ?? undefined,
      hasMetadata: Boolean(f['core-metadata']),
    }));
  }

  /**
   * Download a file, printing pip's line for it (`Downloading name (size)` or
   * `Using cached name (size)`), with the progress bar for files over 512 KiB.
   */
  async download(fileUrl: string, shown: string): Promise<Fetched | NetFailure> {
    const url = parseUrl(fileUrl, 'https');
    if (!url || 'error' in url) return { kind: 'resolve', noNetwork: false };
    const cached = this.cached(fileUrl);
    if (cached) {
      this.log.info(`Using cached ${shown} (${formatSize(cached.size)})`);
      return cached;
    }
    const x = await this.get(url, { 'User-Agent': 'pip/25.1.1' }, this.retries);
    if (isFailure(x)) return x;
    const size = x.size;
    this.log.info(`Downloading ${shown}${size ? ` (${formatSize(size)})` : ''}`);
    const ms = transferMs(x, size);
    if (ms) await this.ctx.sleep(ms);
    if (size > 512 * 1024 && this.log.enabled(20)) this.progressBar(size, ms);
    this.store(url, x);
    return { body: x.res.body, size, seed: x.blobSeed, fromCache: false };
  }

  private progressBar(size: number, ms: number): void {
    const speed = richDecimal(Math.floor((size / Math.max(ms, 1)) * 1000));
    const pad = ' '.repeat(this.log.indentation + 2);
    const bar = '━'.repeat(40);
    if (this.ctx.tty) {
      this.ctx.stdout.write(`\x1b[?25l${pad} \x1b[38;5;70m${bar}\x1b[0m \x1b[32m${downloadColumn(size)}\x1b[0m \x1b[31m${speed}/s\x1b[0m eta \x1b[36m0:00:00\x1b[0m\r\n\x1b[?25h`);
    } else {
      this.ctx.stdout.write(`${pad} ${bar} ${downloadColumn(size)} ${speed}/s eta 0:00:00\n`);
    }
  }

  /** http-v2 entry paths of a URL: a/b/c/d/e/<sha224> (headers) and <sha224>.body. */
  private entry(url: string): string | undefined {
    if (!this.cacheDir) return undefined;
    const h = sha224Hex(url);
    return `${this.cacheDir}/http-v2/${h[0]}/${h[1]}/${h[2]}/${h[3]}/${h[4]}/${h}`;
  }

  private cached(url: string): Fetched | undefined {
    const e = this.entry(url);
    if (!e) return undefined;
    const meta = this.fs.readFile(e);
    const body = this.fs.stat(`${e}.body`);
    if (meta instanceof FsError || body instanceof FsError) return undefined;
    try {
      const m = JSON.parse(meta) as { description?: string; seed?: string };
      return { body: m.description ?? '', size: body.size, seed: m.seed, fromCache: true };
    } catch {
      return undefined;
    }
  }

  private store(url: Url, x: Exchange): void {
    const key = `${url.scheme}://${url.host}${url.path}`;
    const e = this.entry(key);
    if (!e) return;
    const dir = e.slice(0, e.lastIndexOf('/'));
    if (this.fs.mkdir(dir, { recursive: true })) return;
    // cachecontrol keeps the response head next to the body; ours also keeps what the body describes
    const head = JSON.stringify({ status: x.res.status, headers: x.res.headers, ...(x.blobSeed ? { seed: x.blobSeed, description: x.res.body } : {}) });
    this.fs.writeFile(e, head, { mode: 0o600 });
    this.fs.writeFile(`${e}.body`, x.blobSeed ? gen(x.size, x.blobSeed) : x.res.body, { mode: 0o600 });
  }
}
