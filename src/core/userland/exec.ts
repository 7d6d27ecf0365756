// execve(2) as runc and shells see it: find the binary (PATH lookup like Go's
// exec.LookPath when the name has no slash), check it is a regular file the
// user may execute, follow `#!` interpreters, and map the binary to the
// program that simulates it (named by the blob's seed, else the file name). Failures carry runc's wording so the daemon can
// print Docker's exact error.
import { isGenerated, utf8Decode } from '../fs/content';
import { baseName } from '../fs/path';
import { programOf } from '../image/catalog/tree';
import { FsError } from '../fs/types';
import type { FileSystem, ProgramSpec, ProgramTable } from './types';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export type ExecFailure =
  /** Nothing by that name in $PATH (runc: `executable file not found in $PATH`). */
  | { kind: 'not-found'; message: string }
  /** A path that does not exist (runc: `stat /x: no such file or directory`). */
  | { kind: 'no-such-file'; message: string }
  /** Not executable, or a directory (runc: `permission denied`). */
  | { kind: 'permission-denied'; message: string }
  /** A real binary this simulation has no program for: said plainly, never faked. */
  | { kind: 'unsimulated'; message: string };

export interface ExecTarget {
  program: ProgramSpec;
  /** The argv the program receives (an interpreter's argv for `#!` scripts). */
  argv: string[];
  /** The resolved path of the binary. */
  path: string;
  /** Where $PATH found argv[0] (a script's own path, not its interpreter's): what execve names. */
  found: string;
}

const MAX_INTERPRETER_DEPTH = 4;

/** Go's exec.LookPath: names with a slash are used as they are. */
export function lookPath(fs: FileSystem, name: string, path: string | undefined): string | undefined {
  if (name.includes('/')) return name;
  for (const dir of (path ?? DEFAULT_PATH).split(':')) {
    const p = `${dir === '' ? '.' : dir}/${name}`;
    const st = fs.stat(p);
    if (!(st instanceof FsError) && st.kind === 'file' && st.mode & 0o111) return p;
  }
  return undefined;
}

export function resolveExec(
  fs: FileSystem,
  argv: string[],
  env: Record<string, string>,
  programs: ProgramTable,
  depth = 0,
): ExecTarget | ExecFailure {
  const name = argv[0] ?? '';
  const found = lookPath(fs, name, env.PATH);
  if (found === undefined)
    return { kind: 'not-found', message: `exec: "${name}": executable file not found in $PATH` };
  const st = fs.stat(found);
  if (st instanceof FsError) {
    if (st.code === 'EACCES')
      return { kind: 'permission-denied', message: `exec: "${name}": permission denied` };
    return { kind: 'no-such-file', message: `exec: "${name}": stat ${found}: no such file or directory` };
  }
  if (st.kind !== 'file' || fs.access(found, 1) !== undefined) {
    return { kind: 'permission-denied', message: `exec: "${name}": permission denied` };
  }
  const real = fs.realpath(found);
  const path = real instanceof FsError ? found : real;
  const content = fs.readContent(path);
  if (content instanceof FsError)
    return { kind: 'permission-denied', message: `exec: "${name}": permission denied` };
  // a script: run its interpreter with the script's path
  if (!isGenerated(content)) {
    const text = typeof content === 'string' ? content.slice(0, 256) : utf8Decode(content.slice(0, 256));
    if (text.startsWith('#!')) {
      const claimed = programs.forScript(typeof content === 'string' ? content : utf8Decode(content));
      if (claimed) return { program: claimed, argv, path: found, found };
    }
    if (text.startsWith('#!') && depth < MAX_INTERPRETER_DEPTH) {
      const line = text.slice(2).split('\n')[0].trim();
      const [interp, ...rest] = line.split(/\s+/);
      const arg = rest.length ? [rest.join(' ')] : [];
      const t = resolveExec(fs, [interp, ...arg, found, ...argv.slice(1)], env, programs, depth + 1);
      return 'kind' in t ? t : { ...t, found };
    }
  }
  // the catalog names an executable's program in its blob seed; else go by the file's name
  const bin = programOf(content) ?? baseName(path);
  const spec = programs.get(bin);
  if (!spec) {
    return { kind: 'unsimulated', message: `stevedore: ${name}: this program is not simulated (${path})` };
  }
  return { program: spec, argv, path, found };
}
