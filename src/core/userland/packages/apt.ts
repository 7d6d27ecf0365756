// apt-get (and apt) of Debian 12: `update` fetching InRelease and Packages
// from the sources over the simulated network (and apt's Ign/Err/W: lines
// when it cannot), `install` resolving Depends/Pre-Depends/Recommends
// against the stored lists, printing apt's summary, asking when more than
// was asked for gets installed, downloading the .debs ("Get:N …"),
// unpacking and configuring them as dpkg does, and recording them in
// /var/lib/dpkg. Exit 100 for apt's errors.
import { gen } from '../../fs/content';
import { LineReader } from '../../kernel/stream';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { poolPath } from '../outside/debian';
import { DEBIAN_INDEXES } from '../outside/debian-catalog';
import { archiveKey, listName, readSources, type Available, type Source } from './apt-sources';
import { aptInstall } from './apt-install';
import { sizeToStr as sizeStr } from './dpkg';
import { connect, exchange, isFailure, parseUrl, transferMs, type NetFailure } from './net';

export interface AptContext {
  ctx: UserContext;
  prog: 'apt-get' | 'apt';
  yes: boolean;
  quiet: number;
  noRecommends: boolean;
  tty: boolean;
  /** stdout (apt's normal output) */
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `apt 2.6.1 (amd64)
Usage: apt-get [options] command
       apt-get [options] install|remove pkg1 [pkg2 ...]
       apt-get [options] source pkg1 [pkg2 ...]

apt-get is a command line interface for retrieval of packages
and information about them from authenticated sources and
for management of packages and their dependencies.

Most used commands:
  update - Retrieve new lists of packages
  upgrade - Perform an upgrade
  install - Install new packages (pkg is libc6 not libc6.deb)
  reinstall - Reinstall packages (pkg is libc6 not libc6.deb)
  remove - Remove packages
  purge - Remove packages and config files
  autoremove - Automatically remove all unused packages
  dist-upgrade - Distribution upgrade, see apt-get(8)
  dselect-upgrade - Follow dselect selections
  build-dep - Configure build-dependencies for source packages
  satisfy - Satisfy dependency strings
  clean - Erase downloaded archive files
  autoclean - Erase old downloaded archive files
  check - Verify that there are no broken dependencies
  source - Download source archives
  download - Download the binary package into the current directory
  changelog - Download and display the changelog for the given package

See apt-get(8) for more information about the available commands.
Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version choices can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
                                        This APT has Super Cow Powers.
`;

/** apt's "Fetched N kB in Ns (M kB/s)". */
export function fetchedLine(bytes: number, ms: number): string {
  const secs = Math.round(ms / 1000);
  const rate = bytes / Math.max(ms / 1000, 0.001);
  return `Fetched ${sizeStr(bytes)}B in ${secs}s (${sizeStr(rate)}B/s)`;
}


function resolveFailure(f: NetFailure, host: string): string {
  switch (f.kind) {
    case 'resolve':
      return `Temporary failure resolving '${host}'`;
    case 'refused':
      return `Could not connect to ${host}:80 (${host}). - connect (111: Connection refused)`;
    case 'unreachable':
      return `Could not connect to ${host}:80 (${host}). - connect (101: Network is unreachable)`;
    case 'reset':
      return `Connection failed [IP: ${host} 80]`;
  }
}

/** `apt-get update`. */
async function update(a: AptContext): Promise<number> {
  const { ctx } = a;
  const fs = fsOf(ctx);
  if (ctx.proc.uid !== 0) {
    a.err('E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
    return 100;
  }
  const sources = readSources(fs);
  const started = ctx.kernel.clock.now();
  let n = 0;
  let fetched = 0;
  const failed: { id: number; s: Source; why: string }[] = [];
  const ids = sources.map(() => ++n);
  // InRelease of every source first (apt queues them in parallel), then the Packages files
  const todo: { s: Source; id: number; release?: number }[] = [];
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    const url = parseUrl(`${s.uri}/dists/${s.suite}/InRelease`);
    if (!url || 'error' in url) continue;
    const c = await connect(ctx, url);
    if (isFailure(c)) {
      failed.push({ id: ids[i], s, why: resolveFailure(c, url.host) });
      continue;
    }
    const x = await exchange(ctx, c, { headers: { 'User-Agent': 'Debian APT-HTTP/1.3 (2.6.1)' } });
    if (x.res.status !== 200) {
      failed.push({ id: ids[i], s, why: `404  Not Found [IP: 151.101.2.132 80]` });
      continue;
    }
    const ms = transferMs(x, x.size);
    if (ms) await ctx.sleep(ms);
    fetched += x.size;
    a.out(`Get:${ids[i]} ${s.uri} ${s.suite} InRelease [${sizeStr(x.size)}B]\n`);
    fs.writeFile(`/var/lib/apt/lists/${listName(s.uri, `dists/${s.suite}/InRelease`)}`, gen(x.size, x.blobSeed ?? `apt-lists:InRelease:${archiveKey(s)}`));
    todo.push({ s, id: ids[i] });
  }
  if (failed.length) {
    // three attempts, each announced as "Ign", before the error
    for (let round = 0; round < 3; round++) {
      for (const f of failed) a.out(`Ign:${f.id} ${f.s.uri} ${f.s.suite} InRelease\n`);
      await ctx.sleep(1000 * (round + 1));
    }
    for (const f of failed) a.out(`Err:${f.id} ${f.s.uri} ${f.s.suite} InRelease\n  ${f.why}\n`);
  }
  for (const t of todo) {
    const url = parseUrl(`${t.s.uri}/dists/${t.s.suite}/main/binary-amd64/Packages.xz`)!;
    if ('error' in url) continue;
    const c = await connect(ctx, url);
    if (isFailure(c)) continue;
    const x = await exchange(ctx, c, {});
    if (x.res.status !== 200) continue;
    const ms = transferMs(x, x.size);
    if (ms) await ctx.sleep(ms);
    fetched += x.size;
    a.out(`Get:${++n} ${t.s.uri} ${t.s.suite}/main amd64 Packages [${sizeStr(x.size)}B]\n`);
    const stored = DEBIAN_INDEXES[archiveKey(t.s)]?.stored ?? x.size * 2;
    fs.writeFile(`/var/lib/apt/lists/${listName(t.s.uri, `dists/${t.s.suite}/main/binary-amd64/Packages`)}.lz4`, gen(stored, x.blobSeed ?? `apt-lists:${archiveKey(t.s)}`));
  }
  fs.writeFile('/var/lib/apt/lists/lock', '', { mode: 0o640 });
  if (fetched) a.out(`${fetchedLine(fetched, ctx.kernel.clock.now() - started)}\n`);
  await ctx.sleep(300);
  a.out(`Reading package lists...${a.tty ? ' Done' : ''}\n`);
  if (failed.length) {
    for (const f of failed) a.err(`W: Failed to fetch ${f.s.uri}/dists/${f.s.suite}/InRelease  ${f.why}\n`);
    a.err('W: Some index files failed to download. They have been ignored, or old ones used instead.\n');
  }
  return 0;
}

export async function aptMain(ctx: UserContext, prog: 'apt-get' | 'apt'): Promise<number> {
  const args = ctx.argv.slice(1);
  const a: AptContext = {
    ctx,
    prog,
    yes: false,
    quiet: 0,
    noRecommends: false,
    tty: ctx.tty,
    out: (s) => ctx.stdout.write(s),
    err: (s) => ctx.stderr.write(s),
  };
  const words: string[] = [];
  const known = new Set(['--no-install-recommends', '--no-install-suggests', '--fix-missing', '--allow-unauthenticated', '--force-yes', '--reinstall', '--purge', '--auto-remove', '--yes', '--assume-yes', '--quiet']);
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (!w.startsWith('-')) {
      words.push(w);
      continue;
    }
    if (w.startsWith('--')) {
      if (!known.has(w.split('=')[0])) {
        a.err(`E: Command line option --${w.slice(2)} is not understood in combination with the other options\n`);
        return 100;
      }
      if (w === '--yes' || w === '--assume-yes') a.yes = true;
      if (w === '--quiet') a.quiet++;
      if (w === '--no-install-recommends') a.noRecommends = true;
      continue;
    }
    if (w.startsWith('-o')) {
      if (w === '-o') i++;
      continue;
    }
    for (const c of w.slice(1)) {
      if (c === 'y') a.yes = true;
      else if (c === 'q') a.quiet++;
      else if (!'mfVsdub'.includes(c)) {
        a.err(`E: Command line option '${c}' [from ${w}] is not understood in combination with the other options.\n`);
        return 100;
      }
    }
  }
  if (prog === 'apt' && !ctx.tty) a.err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  const [cmd, ...pkgs] = words;
  // the program starting and reading its configuration
  await ctx.sleep(40);
  switch (cmd) {
    case undefined:
      ctx.stdout.write(USAGE);
      return 1;
    case 'update':
      return update(a);
    case 'install':
    case 'reinstall':
      return aptInstall(a, pkgs);
    case 'upgrade':
    case 'dist-upgrade':
    case 'full-upgrade':
    case 'autoremove':
      a.out(`Reading package lists...${a.tty ? ' Done' : ''}\nBuilding dependency tree...${a.tty ? ' Done' : ''}\nReading state information...${a.tty ? ' Done' : ''}\n${cmd.endsWith('upgrade') ? 'Calculating upgrade...' + (a.tty ? ' Done\n' : '\n') : ''}0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`);
      return 0;
    case 'clean':
    case 'autoclean':
      return 0;
    default:
      a.err(`E: Invalid operation ${cmd}\n`);
      return 100;
  }
}

/** Download one .deb ("Get:N …"); the bytes land in /var/cache/apt/archives until dpkg has them. */
export async function fetchDeb(a: AptContext, av: Available, n: number): Promise<{ ok: true; size: number } | { ok: false; why: string; url: string }> {
  const { ctx } = a;
  const p = av.pkg;
  const url = `${av.source.uri}/${poolPath(p)}`;
  const u = parseUrl(url);
  if (!u || 'error' in u) return { ok: false, why: 'bad URL', url };
  const c = await connect(ctx, u);
  if (isFailure(c)) return { ok: false, why: resolveFailure(c, u.host), url };
  const x = await exchange(ctx, c, { headers: { 'User-Agent': 'Debian APT-HTTP/1.3 (2.6.1)' } });
  if (x.res.status !== 200) return { ok: false, why: '404  Not Found [IP: 151.101.2.132 80]', url };
  const ms = transferMs(x, x.size);
  if (ms) await ctx.sleep(ms);
  const arch = p.arch;
  a.out(`Get:${n} ${av.source.uri} ${av.source.suite}/main amd64 ${p.name} ${arch} ${p.version} [${sizeStr(x.size)}B]\n`);
  return { ok: true, size: x.size };
}

export async function askContinue(a: AptContext): Promise<boolean> {
  a.out('Do you want to continue? [Y/n] ');
  const line = await new LineReader({ read: () => a.ctx.read() }).readLine();
  if (line === null) {
    a.out('Abort.\n');
    return false;
  }
  const ans = line.trim().toLowerCase();
  if (ans === '' || ans === 'y' || ans === 'yes') return true;
  a.out('Abort.\n');
  return false;
}

export const aptGet: UserProgram = (ctx) => aptMain(ctx, 'apt-get');
export const apt: UserProgram = (ctx) => aptMain(ctx, 'apt');

