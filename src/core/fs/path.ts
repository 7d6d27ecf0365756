// Lexical path helpers. Layers key entries by absolute normalised paths
// ("/etc/os-release", never "/" itself); symlink-aware resolution lives in resolve.ts.

/** The components of a path, '.' and '..' kept (the resolver gives them meaning). */
export function splitPath(p: string): string[] {
  const out: string[] = [];
  for (const c of p.split('/')) if (c !== '') out.push(c);
  return out;
}

/** "/a/./b/../c/" -> "/a/c": lexical only ('..' never climbs above '/'). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const c of splitPath(p)) {
    if (c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function parentPath(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Sort order of layer and changeset paths: component by component, so a directory comes right before its contents. */
export function comparePaths(a: string, b: string): number {
  // same as comparing component lists, without splitting: '/' sorts before any other character
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x === 47) return -1;
    if (y === 47) return 1;
    return x - y;
  }
  return a.length - b.length;
}
