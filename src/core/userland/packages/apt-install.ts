// `apt-get install`: resolve what the named packages need against the
// installed set and the stored lists, print apt's plan, fetch the .debs,
// then dpkg: "Selecting previously unselected package", the database
// count, "Preparing to unpack"/"Unpacking", "Setting up" with the
// maintainer scripts' messages (update-alternatives, ca-certificates,
// debconf's frontend fallbacks without a terminal) and the triggers.
import { gen } from '../../fs/content';
import { FsError } from '../../fs/types';
import { fsOf } from '../types';
import type { DebPackage } from '../outside/debian-catalog';
import { availablePackages, readSources, type Available } from './apt-sources';
import { askContinue, fetchDeb, fetchedLine, type AptContext } from './apt';
import { parseDepends, readStatus, showList, sizeToStr, unpack, versionSatisfies, excludedBySlim, type DepAtom, type StatusEntry } from './dpkg';

const PERL_INC = '/etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.36.0 /usr/local/share/perl/5.36.0 /usr/lib/x86_64-linux-gnu/perl5/5.36 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.36 /usr/share/perl/5.36 /usr/local/lib/site_perl';

const MAN_LANGS = ['', 'da', 'de', 'fr', 'it', 'ja', 'pl', 'ru'];

/**
 * Whether an installed package meets a dependency. An installed package too
 * old for the constraint would be upgraded by apt; the images' own packages
 * are taken as new enough (their dpkg database is the image's to keep right).
 */
function isInstalled(status: Map<string, StatusEntry>, atom: DepAtom, virtualOk: (n: string) => boolean, avail: Map<string, Available>): boolean {
  const s = status.get(atom.name);
  if (s?.installed) {
    if (!atom.op || versionSatisfies(s.version, atom.op, atom.version!)) return true;
    return !avail.has(atom.name) || true;
  }
  return virtualOk(atom.name);
}

export async function aptInstall(a: AptContext, names: string[]): Promise<number> {
  const { ctx } = a;
  const fs = fsOf(ctx);
  const done = a.tty ? ' Done' : '';
  if (ctx.proc.uid !== 0) {
    a.err('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
    return 100;
  }
  a.out(`Reading package lists...${done}\n`);
  await ctx.sleep(200);
  a.out(`Building dependency tree...${done}\nReading state information...${done}\n`);
  const status = readStatus(fs);
  const avail = availablePackages(fs, readSources(fs));
  // names provided by installed packages (debconf-2.0 by debconf, perl:any by perl)
  const provided = new Set<string>();
  for (const s of status.values()) {
    if (!s.installed) continue;
    for (const p of (s.fields.get('Provides') ?? '').split(',')) provided.add(p.trim().split(/\s/)[0]);
  }
  if (status.get('debconf')?.installed) provided.add('debconf-2.0');
  const virtualOk = (n: string) => provided.has(n);

  const selected = new Map<string, Available>();
  const order: string[] = [];
  const manual = new Set<string>();
  const unmet: string[] = [];
  const visit = (name: string): boolean => {
    if (selected.has(name) || status.get(name)?.installed) return true;
    const av = avail.get(name);
    if (!av) return false;
    selected.set(name, av);
    const p = av.pkg;
    const groups = [...parseDepends(p.preDepends), ...parseDepends(p.depends)];
    for (const g of groups) {
      if (g.some((atom) => isInstalled(status, atom, virtualOk, avail) || selected.has(atom.name))) continue;
      const pick = g.find((atom) => avail.has(atom.name));
      if (!pick || !visit(pick.name)) unmet.push(` ${p.name} : Depends: ${g.map((x) => x.name + (x.op ? ` (${x.op} ${x.version})` : '')).join(' | ')} but it is not installable`);
    }
    order.push(name);
    return true;
  };
  for (const raw of names) {
    const name = raw.replace(/:amd64$/, '').replace(/=.*$/, '');
    const inst = status.get(name);
    if (inst?.installed) {
      a.out(`${name} is already the newest version (${inst.version}).\n`);
      continue;
    }
    if (!avail.has(name)) {
      a.err(`E: Unable to locate package ${raw}\n`);
      return 100;
    }
    manual.add(name);
    visit(name);
  }
  // Recommends of everything selected, unless told not to
  const recommended: string[] = [];
  for (let i = 0; i < order.length; i++) {
    const p = selected.get(order[i])!.pkg;
    for (const g of parseDepends(p.recommends)) {
      if (g.some((atom) => isInstalled(status, atom, virtualOk, avail) || selected.has(atom.name))) continue;
      const pick = g.find((atom) => avail.has(atom.name));
      if (!pick) continue;
      if (a.noRecommends) {
        if (!recommended.includes(pick.name)) recommended.push(pick.name);
        continue;
      }
      visit(pick.name);
    }
  }
  if (unmet.length) {
    a.out('Some packages could not be installed. This may mean that you have\nrequested an impossible situation or if you are using the unstable\ndistribution that some required packages have not yet been created\nor been moved out of Incoming.\nThe following information may help to resolve the situation:\n\nThe following packages have unmet dependencies:\n');
    a.out(`${unmet.join('\n')}\n`);
    a.err('E: Unable to correct problems, you have held broken packages.\n');
    return 100;
  }
  const fresh = [...order].sort();
  if (fresh.length === 0) {
    a.out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  const additional = fresh.filter((n) => !manual.has(n));
  a.out(showList('The following additional packages will be installed:', additional));
  const suggests: string[] = [];
  for (const n of fresh) {
    for (const g of parseDepends(selected.get(n)!.pkg.suggests)) {
      if (g.some((atom) => selected.has(atom.name) || status.get(atom.name)?.installed)) continue;
      const names2 = g.map((x) => x.name);
      if (suggests.includes(names2[0])) continue;
      suggests.push(names2[0], ...names2.slice(1).map((x) => `| ${x}`));
    }
  }
  a.out(showList('Suggested packages:', suggests));
  a.out(showList('Recommended packages:', recommended.sort()));
  a.out(showList('The following NEW packages will be installed:', fresh));
  a.out(`0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  const total = order.reduce((n, x) => n + selected.get(x)!.pkg.size, 0);
  const installedKb = order.reduce((n, x) => n + selected.get(x)!.pkg.installed, 0);
  a.out(`Need to get ${sizeToStr(total)}B of archives.\nAfter this operation, ${sizeToStr(installedKb * 1024)}B of additional disk space will be used.\n`);
  if (additional.length && !a.yes && !(await askContinue(a))) return 1;

  // fetch, in the order dpkg will unpack
  const started = ctx.kernel.clock.now();
  let fetched = 0;
  const errors: string[] = [];
  for (let i = 0; i < order.length; i++) {
    const got = await fetchDeb(a, selected.get(order[i])!, i + 1);
    if (got.ok) fetched += got.size;
    else {
      a.out(`Err:${i + 1} ${got.url}\n  ${got.why}\n`);
      errors.push(`E: Failed to fetch ${got.url}  ${got.why}`);
    }
  }
  if (errors.length) {
    a.err(`${errors.join('\n')}\nE: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n`);
    return 100;
  }
  const frontend = ctx.env.DEBIAN_FRONTEND;
  const noninteractive = frontend === 'noninteractive';
  const anyDebconf = order.some((n) => selected.get(n)!.pkg.debconf);
  if (anyDebconf && !noninteractive) a.err('debconf: delaying package configuration, since apt-utils is not installed\n');
  a.out(`${fetchedLine(fetched, ctx.kernel.clock.now() - started)}\n`);

  // dpkg --unpack
  let dbCount = countDatabase(fs);
  const lists = new Map<string, string[]>();
  const now = ctx.kernel.clock.now();
  const stamp = logStamp(now);
  let dpkgLog = '';
  for (let i = 0; i < order.length; i++) {
    const p = selected.get(order[i])!.pkg;
    const q = qualified(p);
    a.out(`Selecting previously unselected package ${q}.\n`);
    if (i === 0) a.out(`(Reading database ... ${a.tty ? `\r(Reading database ... 100%\r(Reading database ... ` : ''}${dbCount} files and directories currently installed.)\n`);
    const deb = `${p.name}_${p.version.replace(/^\d+:/, '')}_${p.arch}.deb`;
    a.out(`Preparing to unpack .../${order.length > 1 ? `${String(i).padStart(2, '0')}-` : 'archives/'}${deb} ...\n`);
    a.out(`Unpacking ${q} (${p.version}) ...\n`);
    dpkgLog += `${stamp} install ${p.name}:${p.arch} <none> ${p.version}\n${stamp} status half-installed ${p.name}:${p.arch} ${p.version}\n${stamp} status unpacked ${p.name}:${p.arch} ${p.version}\n`;
    const files = unpack(fs, p.name, p.version, p.files);
    if (files instanceof FsError) {
      a.err(`dpkg: error processing archive /var/cache/apt/archives/${deb} (--unpack):\n unable to create '${files.path}.dpkg-new' (while processing '.${files.path}'): ${files.message}\n`);
      return 100;
    }
    lists.set(p.name, files);
    dbCount += files.length;
    await ctx.sleep(15);
  }
  // dpkg --configure
  let debconfWarned = false;
  let caCerts = false;
  let ldconfig = false;
  for (const n of order) {
    const p = selected.get(n)!.pkg;
    a.out(`Setting up ${qualified(p)} (${p.version}) ...\n`);
    if (p.debconf && !noninteractive && !debconfWarned && !a.tty) {
      debconfWarned = true;
      a.err(
        `debconf: unable to initialize frontend: Dialog\ndebconf: (TERM is not set, so the dialog frontend is not usable.)\ndebconf: falling back to frontend: Readline\ndebconf: unable to initialize frontend: Readline\ndebconf: (Can't locate Term/ReadLine.pm in @INC (you may need to install the Term::ReadLine module) (@INC contains: ${PERL_INC}) at /usr/share/perl5/Debconf/FrontEnd/Readline.pm line 7.)\ndebconf: falling back to frontend: Teletype\n`,
      );
    }
    for (const [link, name, path, mans] of p.alternatives ?? []) {
      a.out(`update-alternatives: using ${path} to provide ${link} (${name}) in auto mode\n`);
      fs.mkdir('/etc/alternatives', { recursive: true });
      fs.rm(`/etc/alternatives/${name}`, { force: true });
      fs.symlink(path, `/etc/alternatives/${name}`);
      fs.rm(link, { force: true });
      fs.symlink(`/etc/alternatives/${name}`, link);
      fs.mkdir('/var/lib/dpkg/alternatives', { recursive: true });
      fs.writeFile(`/var/lib/dpkg/alternatives/${name}`, `auto\n${link}\n\n${path}\n${path === '/usr/bin/vim.tiny' ? '15' : '40'}\n\n`);
      for (const man of mans) {
        for (const lang of name === 'vi' || name === 'view' || name === 'ex' ? MAN_LANGS : ['']) {
          const dir = lang ? `/usr/share/man/${lang}/man1` : '/usr/share/man/man1';
          if (excludedBySlim(fs, `${dir}/${man}`)) a.out(`update-alternatives: warning: skip creation of ${dir}/${man} because associated file ${dir}/${path.split('/').pop()!.replace('.tiny', '')}.1.gz (of link group ${name}) doesn't exist\n`);
        }
      }
    }
    if (p.name === 'ca-certificates') {
      caCerts = true;
      fs.mkdir('/etc/ssl/certs', { recursive: true });
      fs.writeFile('/etc/ssl/certs/ca-certificates.crt', gen(213_777, 'ca-certificates:20230311+deb12u1'));
      fs.writeFile('/etc/ca-certificates.conf', gen(6_010, 'ca-certificates.conf'));
      a.out('Updating certificates in /etc/ssl/certs...\n');
      await ctx.sleep(120);
      a.out('142 added, 0 removed; done.\n');
    }
    if (p.libs) ldconfig = true;
    dpkgLog += `${stamp} configure ${p.name}:${p.arch} ${p.version} <none>\n${stamp} status installed ${p.name}:${p.arch} ${p.version}\n`;
    await ctx.sleep(8);
  }
  if (ldconfig) {
    const libc = status.get('libc-bin');
    a.out(`Processing triggers for libc-bin (${libc?.version ?? '2.36-9+deb12u10'}) ...\n`);
    fs.writeFile('/etc/ld.so.cache', gen(9_800 + 300 * order.length, `ld.so.cache:${now}`));
  }
  if (caCerts) a.out('Processing triggers for ca-certificates (20230311+deb12u1) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n');
  recordInstall(a, order.map((n) => selected.get(n)!.pkg), lists, manual, dpkgLog, names);
  return 0;
}

function qualified(p: DebPackage): string {
  return p.arch === 'all' ? p.name : `${p.name}:amd64`;
}

function logStamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** "(Reading database ... N files and directories currently installed.)": the lines of every .list file. */
function countDatabase(fs: ReturnType<typeof fsOf>): number {
  const names = fs.readdir('/var/lib/dpkg/info');
  if (names instanceof FsError) return 0;
  let n = 0;
  for (const f of names.filter((x) => x.endsWith('.list'))) {
    const c = fs.readContent(`/var/lib/dpkg/info/${f}`);
    if (c instanceof FsError) continue;
    if (typeof c === 'string') n += c.split('\n').filter(Boolean).length;
    else if (c instanceof Uint8Array) n += c.filter((b) => b === 10).length;
    // a generated .list of the image: paths are about 40 bytes a line
    else n += Math.round(c.size / 40);
  }
  return n;
}

/** dpkg's and apt's records: status, info/*.list, logs, extended_states. */
function recordInstall(a: AptContext, pkgs: DebPackage[], lists: Map<string, string[]>, manual: Set<string>, dpkgLog: string, requested: string[]): void {
  const fs = fsOf(a.ctx);
  const stanzas = pkgs
    .map((p) => `Package: ${p.name}\nStatus: install ok installed\nPriority: ${p.priority}\nSection: ${p.section}\nInstalled-Size: ${p.installed}\nMaintainer: Debian Developers <debian-devel@lists.debian.org>\nArchitecture: ${p.arch}\nVersion: ${p.version}\n${p.depends ? `Depends: ${p.depends}\n` : ''}${p.recommends ? `Recommends: ${p.recommends}\n` : ''}Description: ${p.description}\n`)
    .join('\n');
  const status = fs.readFile('/var/lib/dpkg/status');
  const before = status instanceof FsError ? '' : status;
  fs.writeFile('/var/lib/dpkg/status-old', before);
  fs.writeFile('/var/lib/dpkg/status', `${before.replace(/\n*$/, '\n')}\n${stanzas}`);
  for (const p of pkgs) {
    const base = `/var/lib/dpkg/info/${p.arch === 'all' ? p.name : `${p.name}:amd64`}`;
    const files = lists.get(p.name) ?? [];
    fs.writeFile(`${base}.list`, `${files.join('\n')}\n`);
    fs.writeFile(`${base}.md5sums`, gen(files.length * 48, `md5sums:${p.name}:${p.version}`));
  }
  fs.appendFile('/var/log/dpkg.log', dpkgLog);
  const when = logStamp(a.ctx.kernel.clock.now()).replace(' ', '  ');
  fs.appendFile('/var/log/apt/history.log', `\nStart-Date: ${when}\nCommandline: ${a.prog} install ${a.yes ? '-y ' : ''}${requested.join(' ')}\nInstall: ${pkgs.map((p) => `${p.name}:${p.arch === 'all' ? 'amd64' : 'amd64'} (${p.version}${manual.has(p.name) ? '' : ', automatic'})`).join(', ')}\nEnd-Date: ${when}\n`);
  fs.appendFile('/var/log/apt/term.log', `\nLog started: ${when}\n${pkgs.map((p) => `Unpacking ${p.name} (${p.version}) ...\n`).join('')}Log ended: ${when}\n`);
  fs.writeFile('/var/log/apt/eipp.log.xz', gen(5_500 + pkgs.length * 40, `eipp:${a.ctx.kernel.clock.now()}`));
  const auto = pkgs.filter((p) => !manual.has(p.name));
  if (auto.length) fs.appendFile('/var/lib/apt/extended_states', auto.map((p) => `Package: ${p.name}\nArchitecture: amd64\nAuto-Installed: 1\n\n`).join(''));
  for (const f of ['templates.dat', 'config.dat']) {
    const st = fs.stat(`/var/cache/debconf/${f}`);
    if (!(st instanceof FsError)) fs.writeFile(`/var/cache/debconf/${f}`, gen(st.size + pkgs.length * (f === 'templates.dat' ? 1500 : 30), `debconf:${f}:${a.ctx.kernel.clock.now()}`));
  }
}
