// The image's own user database: names for uids/gids come from /etc/passwd and
// /etc/group of the process's root (as glibc's files NSS module reads them),
// so `-u 1000` in an image without that user prints bare numbers.
import type { FileSystem } from '../types';

export interface Passwd {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface Group {
  name: string;
  gid: number;
  members: string[];
}

function lines(fs: FileSystem, path: string): string[][] {
  const text = fs.readFile(path);
  if (typeof text !== 'string') return [];
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

export function passwdEntries(fs: FileSystem): Passwd[] {
  return lines(fs, '/etc/passwd')
    .filter((f) => f.length >= 7)
    .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4], home: f[5], shell: f[6] }));
}

export function groupEntries(fs: FileSystem): Group[] {
  return lines(fs, '/etc/group')
    .filter((f) => f.length >= 4)
    .map((f) => ({ name: f[0], gid: Number(f[2]), members: f[3] ? f[3].split(',') : [] }));
}

/** Cached name lookups for one tool run (ls -l, ps, find -user). */
export class UserDb {
  private users?: Passwd[];
  private groups?: Group[];
  constructor(private readonly fs: FileSystem) {}

  get passwd(): Passwd[] {
    return (this.users ??= passwdEntries(this.fs));
  }

  get group(): Group[] {
    return (this.groups ??= groupEntries(this.fs));
  }

  userName(uid: number): string | undefined {
    return this.passwd.find((p) => p.uid === uid)?.name;
  }

  groupName(gid: number): string | undefined {
    return this.group.find((g) => g.gid === gid)?.name;
  }

  user(nameOrId: string): Passwd | undefined {
    return this.passwd.find((p) => p.name === nameOrId);
  }

  groupByName(name: string): Group | undefined {
    return this.group.find((g) => g.name === name);
  }

  /** Supplementary groups of a user: its primary group, then every group listing it. */
  groupsOf(user: Passwd): number[] {
    const out = [user.gid];
    for (const g of this.group) if (g.members.includes(user.name) && !out.includes(g.gid)) out.push(g.gid);
    return out;
  }
}
