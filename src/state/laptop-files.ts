// What Tab completion reads from the laptop's disk, as the student's shell
// would see it: the executables on $PATH and the entries of a directory
// (relative to the shell's working directory, with ~ for $HOME).
import { FsError } from '../core/fs/types';
import type { FileSystem } from '../core/userland/types';
import type { DirEntry } from './completion';

/** The laptop's files as a process with these credentials and working directory sees them. */
export function viewAs(fs: FileSystem, uid: number, gid: number, cwd: string): FileSystem {
  return fs.as({ uid, gid, cwd });
}

export function listDir(fs: FileSystem, dir: string, home: string): DirEntry[] | undefined {
  const path = dir === '~' ? home : dir.startsWith('~/') ? `${home}${dir.slice(1)}` : dir;
  const names = fs.readdirTypes(path);
  if (names instanceof FsError) return undefined;
  return names.map(({ name }) => {
    const full = `${path.endsWith('/') ? path : `${path}/`}${name}`;
    const st = fs.stat(full);
    const isDir = !(st instanceof FsError) && st.kind === 'dir';
    return { name, dir: isDir, exec: !isDir && !(st instanceof FsError) && fs.access(full, 1) === undefined };
  });
}

/** Executable names in the directories of $PATH. */
export function commandsOnPath(fs: FileSystem, path: string): string[] {
  const names = new Set<string>();
  for (const dir of path.split(':')) {
    for (const e of listDir(fs, dir || '.', '/') ?? []) if (e.exec) names.add(e.name);
  }
  return [...names];
}
