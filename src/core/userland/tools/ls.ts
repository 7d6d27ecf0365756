// ls: GNU coreutils 9 and BusyBox 1.37, from the overlay's merged view. Long
// listings take names from the image's /etc/passwd and /etc/group; on a
// terminal names go in columns (GNU: ls.c's column fitting with tab
// indentation; BusyBox: equal-width columns, and colours by default).
import type { Stats } from '../../fs/types';
import { modeString, humanBusybox, humanGnu, kBlocks, lsDate, lsDateBusybox, pad } from './format';
import { getopt, isOptError, type Parsed } from './getopt';
import { isErr, type Tool } from './tool';
import { UserDb } from './users';

interface Item {
  /** As shown: the operand as typed, or the name inside a directory. */
  name: string;
  /** Path to reach it. */
  path: string;
  /** lstat of the entry. */
  st: Stats;
  /** stat through a symlink (undefined when dangling). */
  target?: Stats;
  link?: string;
}

interface Opts {
  all: boolean;
  almost: boolean;
  long: boolean;
  human: boolean;
  dirOnly: boolean;
  recursive: boolean;
  classify: boolean;
  slash: boolean;
  columns: boolean;
  across: boolean;
  reverse: boolean;
  sort: 'name' | 'time' | 'size' | 'none';
  numeric: boolean;
  noOwner: boolean;
  noGroup: boolean;
  color: boolean;
  width: number;
}

const LONG = {
  all: 'a',
  'almost-all': 'A',
  'human-readable': 'h',
  directory: 'd',
  recursive: 'R',
  classify: 'F',
  'numeric-uid-gid': 'n',
  reverse: 'r',
  'color?': 'color',
  'width=': 'w',
};

export async function ls(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, {
    short: t.gnu ? 'aAlhdR1FCxrtSUnpgow:' : '1AaCxdLHRFplinshrSXvctuw:ge',
    long: LONG,
  });
  if (isOptError(p)) return t.badOption(p.error, 2, '[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...');
  const o = options(t, p);
  const db = new UserDb(t.fs);
  let status = 0;
  const operands = p.operands.length ? p.operands : ['.'];
  const files: Item[] = [];
  const dirs: Item[] = [];
  // command-line symlinks are followed unless the listing is long (or -d/-F)
  const follow = !o.long && !o.dirOnly && !o.classify;
  for (const name of operands) {
    const st = follow ? t.fs.stat(name) : t.fs.lstat(name);
    if (isErr(st)) {
      // a dangling symlink named on the command line is still listed
      const lst = t.fs.lstat(name);
      if (!isErr(lst)) {
        files.push(item(t, name, name, lst));
        continue;
      }
      t.warn(t.gnu ? `cannot access ${t.qa(name)}: ${st.message}` : `${name}: ${st.message}`);
      status = t.gnu ? 2 : 1;
      continue;
    }
    const it = item(t, name, name, follow ? st : st);
    if (st.kind === 'dir' && !o.dirOnly) dirs.push(it);
    else files.push(it);
  }
  const showHeaders = operands.length > 1 || o.recursive;
  let first = true;
  if (files.length) {
    t.out(render(t, o, db, sortItems(o, files)));
    first = false;
  }
  const queue = sortItems(o, dirs);
  while (queue.length) {
    const d = queue.shift()!;
    const names = t.fs.readdir(d.path);
    if (showHeaders) t.out(`${first ? '' : '\n'}${d.path}:\n`);
    first = false;
    if (isErr(names)) {
      t.warn(
        t.gnu ? `cannot open directory ${t.qa(d.path)}: ${names.message}` : `${d.path}: ${names.message}`,
      );
      status = t.gnu ? 2 : 1;
      continue;
    }
    const shown = [
      ...(o.all ? ['.', '..'] : []),
      ...names.filter((n) => o.all || o.almost || !n.startsWith('.')),
    ];
    const base = d.path.endsWith('/') ? d.path : `${d.path}/`;
    const items: Item[] = [];
    for (const n of shown) {
      const path = base + n;
      const st = t.fs.lstat(path);
      if (isErr(st)) continue;
      items.push(item(t, n, path, st));
    }
    const sorted = sortItems(o, items);
    if (o.long) {
      const total = items.reduce((s, i) => s + kBlocks(i.st.kind, i.st.size), 0);
      if (t.gnu) t.out(`total ${o.human ? humanGnu(total * 1024) : total}\n`);
      else t.out(o.human ? `total ${humanBusybox(total * 1024, false).padEnd(7)}\n` : `total ${total}\n`);
    }
    t.out(render(t, o, db, sorted));
    if (o.recursive) {
      const sub = sorted.filter((i) => i.st.kind === 'dir' && i.name !== '.' && i.name !== '..');
      // GNU walks depth first in listing order; BusyBox too (after the whole level is printed)
      queue.unshift(...sub.map((i) => ({ ...i, name: i.path })));
    }
  }
  return status;
}

function options(t: Tool, p: Parsed): Opts {
  const layout = p.lastOf('l', '1', 'C', 'x', 'g', 'o', 'n');
  const long = layout !== undefined && layout !== '1' && layout !== 'C' && layout !== 'x';
  const sortKey = p.lastOf('t', 'S', 'U');
  const colorArg = p.value('color');
  const tty = t.ctx.tty;
  let color = false;
  if (!t.gnu) {
    const term = t.ctx.env.TERM;
    // BusyBox as built by Alpine and the busybox image: colours on a terminal by default
    color = tty && term !== undefined && term !== 'dumb' && t.ctx.env.LS_COLORS !== 'none';
    if (p.has('color'))
      color =
        colorArg === 'always' ||
        colorArg === 'yes' ||
        colorArg === 'force' ||
        ((colorArg === undefined || colorArg === 'auto' || colorArg === 'tty' || colorArg === 'if-tty') &&
          tty);
  }
  const w = p.value('w');
  const termWidth = t.terminalWidth();
  const width = w !== undefined ? Number(w) : t.gnu ? termWidth : termWidth - 1;
  return {
    all: p.lastOf('a', 'A') === 'a',
    almost: p.has('A'),
    long,
    human: p.has('h'),
    dirOnly: p.has('d'),
    recursive: p.has('R') && !p.has('d'),
    classify: p.has('F'),
    slash: p.has('p'),
    columns: !long && layout !== '1' && (layout === 'C' || layout === 'x' || tty),
    across: layout === 'x',
    reverse: p.has('r'),
    sort: sortKey === 't' ? 'time' : sortKey === 'S' ? 'size' : sortKey === 'U' ? 'none' : 'name',
    numeric: p.has('n'),
    noOwner: p.has('g'),
    noGroup: p.has('o'),
    color,
    width: Number.isFinite(width) && width > 0 ? width : 80,
  };
}

function item(t: Tool, name: string, path: string, st: Stats): Item {
  const it: Item = { name, path, st };
  if (st.kind === 'symlink') {
    const l = t.fs.readlink(path);
    if (!isErr(l)) it.link = l;
    const target = t.fs.stat(path);
    if (!isErr(target)) it.target = target;
  }
  return it;
}

/** Device nodes show "major, minor" where the size would be. */
const isDevice = (k: Stats['kind']) => k === 'chardev' || k === 'blockdev';

const byName = (a: Item, b: Item) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function sortItems(o: Opts, items: Item[]): Item[] {
  const out = [...items];
  if (o.sort === 'name') out.sort(byName);
  else if (o.sort === 'time') out.sort((a, b) => b.st.mtime - a.st.mtime || byName(a, b));
  else if (o.sort === 'size') out.sort((a, b) => b.st.size - a.st.size || byName(a, b));
  if (o.reverse && o.sort !== 'none') out.reverse();
  return out;
}

function isExec(st: Stats): boolean {
  return st.kind === 'file' && (st.mode & 0o111) !== 0;
}

/** The -F / -p indicator. */
function indicator(o: Opts, st: Stats | undefined): string {
  if (!st || !(o.classify || o.slash)) return '';
  if (st.kind === 'dir') return '/';
  if (!o.classify) return '';
  if (st.kind === 'symlink') return '@';
  return isExec(st) ? '*' : '';
}

/** BusyBox's colour of a name: bold blue dirs, bold cyan links, bold green executables, bold red dangling. */
function bbColor(st: Stats | undefined): string {
  if (!st) return '\x1b[1;31m';
  if (st.kind === 'dir') return '\x1b[1;34m';
  if (st.kind === 'symlink') return '\x1b[1;36m';
  return isExec(st) ? '\x1b[1;32m' : '\x1b[0;0m';
}

/** The name with its frills; returns the text and its width on screen. */
function nameCell(t: Tool, o: Opts, it: Item): [string, number] {
  const paint = (s: string, st: Stats | undefined) => (o.color ? `${bbColor(st)}${s}\x1b[m` : s);
  let text = paint(it.name, it.st);
  let width = it.name.length;
  if (o.long && it.st.kind === 'symlink' && it.link !== undefined) {
    text += ` -> ${paint(it.link, it.target)}`;
    width += 4 + it.link.length;
    const ind = indicator(o, it.target);
    text += ind;
    width += ind.length;
    return [text, width];
  }
  const ind = o.long && t.gnu && it.st.kind === 'symlink' ? '' : indicator(o, it.st);
  return [text + ind, width + ind.length];
}

function render(t: Tool, o: Opts, db: UserDb, items: Item[]): string {
  if (items.length === 0) return '';
  if (o.long) return t.gnu ? longGnu(t, o, db, items) : longBusybox(t, o, db, items);
  const cells = items.map((i) => nameCell(t, o, i));
  if (!o.columns) return cells.map(([s]) => `${s}\n`).join('');
  return t.gnu ? columnsGnu(cells, o) : columnsBusybox(cells, o);
}

function owner(o: Opts, db: UserDb, uid: number): string {
  return o.numeric ? String(uid) : (db.userName(uid) ?? String(uid));
}

function group(o: Opts, db: UserDb, gid: number): string {
  return o.numeric ? String(gid) : (db.groupName(gid) ?? String(gid));
}

/** Directory link count: itself, its "." and one ".." per subdirectory. */
function nlink(t: Tool, it: Item): number {
  if (it.st.kind !== 'dir') return 1;
  if (it.st.nlink !== undefined) return it.st.nlink;
  const list = t.fs.readdirTypes(it.path);
  return 2 + (isErr(list) ? 0 : list.filter((d) => d.kind === 'dir').length);
}

function longGnu(t: Tool, o: Opts, db: UserDb, items: Item[]): string {
  const rows = items.map((it) => ({
    mode: modeString(it.st.kind, it.st.mode),
    links: String(nlink(t, it)),
    user: owner(o, db, it.st.uid),
    group: group(o, db, it.st.gid),
    size: o.human ? humanGnu(it.st.size) : String(it.st.size),
    date: lsDate(it.st.mtime, t.now),
    name: nameCell(t, o, it)[0],
  }));
  const w = (k: 'links' | 'user' | 'group' | 'size') => Math.max(...rows.map((r) => r[k].length));
  const [wl, wu, wg] = [w('links'), w('user'), w('group')];
  // ls.c gobble_file: a device's "major, minor" takes the size column, which widens to hold it
  const devs = items.map((it) => (isDevice(it.st.kind) ? (it.st.rdev ?? [0, 0]) : undefined));
  const wmaj = Math.max(0, ...devs.map((d) => (d ? String(d[0]).length : 0)));
  const wmin = Math.max(0, ...devs.map((d) => (d ? String(d[1]).length : 0)));
  const ws = Math.max(
    ...rows.map((r, i) => (devs[i] ? 0 : r.size.length)),
    devs.some(Boolean) ? wmaj + 2 + wmin : 0,
  );
  return rows
    .map((r, i) => {
      let line = `${r.mode} ${pad(r.links, wl)} `;
      if (!o.noOwner) line += `${r.user.padEnd(wu)} `;
      if (!o.noGroup) line += `${r.group.padEnd(wg)} `;
      const d = devs[i];
      const size = d ? `${pad(d[0], ws - (wmaj + 2 + wmin) + wmaj)}, ${pad(d[1], wmin)}` : pad(r.size, ws);
      return `${line}${size} ${r.date} ${r.name}\n`;
    })
    .join('');
}

function longBusybox(t: Tool, o: Opts, db: UserDb, items: Item[]): string {
  return items
    .map((it) => {
      let line = `${modeString(it.st.kind, it.st.mode).padEnd(10)} ${pad(nlink(t, it), 4)} `;
      if (o.noOwner) line += `${group(o, db, it.st.gid).padEnd(8)} `;
      else
        line += `${owner(o, db, it.st.uid)
          .slice(0, o.numeric ? undefined : 8)
          .padEnd(8)} ${group(o, db, it.st.gid).padEnd(8)} `;
      // a device shows "%4u, %3u " where the size would be
      if (isDevice(it.st.kind))
        line += `${pad(it.st.rdev?.[0] ?? 0, 4)}, ${pad(it.st.rdev?.[1] ?? 0, 3)} `;
      else line += o.human ? `${humanBusybox(it.st.size).padStart(7)} ` : `${pad(it.st.size, 9)} `;
      line += `${lsDateBusybox(it.st.mtime, t.now)} `;
      return `${line}${nameCell(t, o, it)[0]}\n`;
    })
    .join('');
}

/** GNU ls.c calculate_columns + print_many_per_line: the most columns that fit, tabs to indent. */
function columnsGnu(cells: Array<[string, number]>, o: Opts): string {
  const n = cells.length;
  const maxIdx = Math.floor(o.width / 3) + (o.width % 3 !== 0 ? 1 : 0);
  const maxCols = maxIdx > 0 && maxIdx < n ? maxIdx : n;
  const info = Array.from({ length: maxCols }, (_, i) => {
    const arr = new Array<number>(i + 1).fill(3);
    arr[i] = 1;
    return { valid: true, lineLen: i * 3 + 1, arr };
  });
  for (let f = 0; f < n; f++) {
    const len = cells[f][1];
    for (let i = 0; i < maxCols; i++) {
      const c = info[i];
      if (!c.valid) continue;
      const idx = o.across ? f % (i + 1) : Math.floor(f / Math.floor((n + i) / (i + 1)));
      const real = len + (idx === i ? 0 : 2);
      if (c.arr[idx] < real) {
        c.lineLen += real - c.arr[idx];
        c.arr[idx] = real;
        c.valid = c.lineLen <= o.width;
      }
    }
  }
  let cols = maxCols;
  while (cols > 1 && !info[cols - 1].valid) cols--;
  const fmt = info[cols - 1].arr;
  const indent = (from: number, to: number) => {
    let s = '';
    while (from < to) {
      if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
        s += '\t';
        from += 8 - (from % 8);
      } else {
        s += ' ';
        from++;
      }
    }
    return s;
  };
  let out = '';
  if (o.across) {
    let pos = 0;
    for (let f = 0; f < n; f++) {
      const col = f % cols;
      if (col === 0 && f > 0) {
        out += '\n';
        pos = 0;
      }
      out += cells[f][0];
      if (col < cols - 1 && f < n - 1) {
        out += indent(pos + cells[f][1], pos + fmt[col]);
        pos += fmt[col];
      }
    }
    return `${out}\n`;
  }
  const rows = Math.floor(n / cols) + (n % cols !== 0 ? 1 : 0);
  for (let row = 0; row < rows; row++) {
    let col = 0;
    let f = row;
    let pos = 0;
    for (;;) {
      const [text, len] = cells[f];
      const max = fmt[col++];
      out += text;
      if (n - rows <= f) break;
      f += rows;
      out += indent(pos + len, pos + max);
      pos += max;
    }
    out += '\n';
  }
  return out;
}

/** BusyBox display_files: every column as wide as the longest name + 2, padded with spaces. */
function columnsBusybox(cells: Array<[string, number]>, o: Opts): string {
  const n = cells.length;
  const colWidth = Math.max(...cells.map((c) => c[1])) + 2;
  let ncols = Math.floor(o.width / colWidth);
  let nrows: number;
  if (ncols > 1) {
    nrows = Math.floor(n / ncols);
    if (nrows * ncols < n) nrows++;
  } else {
    nrows = n;
    ncols = 1;
  }
  let out = '';
  for (let row = 0; row < nrows; row++) {
    let column = 0;
    let nexttab = 0;
    for (let nc = 0; nc < ncols; nc++) {
      const i = o.across ? row * ncols + nc : nc * nrows + row;
      if (i >= n) continue;
      if (column > 0) {
        nexttab -= column;
        out += ' '.repeat(Math.max(0, nexttab));
        column += nexttab;
      }
      nexttab = column + colWidth;
      out += cells[i][0];
      column += cells[i][1];
    }
    out += '\n';
  }
  return out;
}
