// Whole-tree views for comparing a mount with the reference model.
import type { FsView } from '../../../src/core/fs/fs-view';
import { contentText } from '../../../src/core/fs/content';
import { FsError } from '../../../src/core/fs/types';
import { norm } from './model';
import type { FlatFs, Norm } from './model';

/** Every visible path of a mount (lstat, readdir, content), "/" included. */
export function viewOf(fs: FsView, withMtime = true): Map<string, Norm> {
  const out = new Map<string, Norm>();
  const visit = (p: string) => {
    const st = fs.lstat(p);
    if (st instanceof FsError) throw new Error(`lstat ${p}: ${st.code}`);
    const n: Norm = { kind: st.kind, mode: st.mode, uid: st.uid, gid: st.gid };
    if (withMtime) n.mtime = st.mtime;
    if (st.kind === 'file') {
      const c = fs.readContent(p);
      if (c instanceof FsError) throw new Error(`read ${p}: ${c.code}`);
      n.body = contentText(c);
    }
    if (st.kind === 'symlink') n.body = fs.readlink(p) as string;
    out.set(p, n);
    if (st.kind === 'dir') {
      const names = fs.readdir(p);
      if (names instanceof FsError) throw new Error(`readdir ${p}: ${names.code}`);
      for (const name of names) visit(p === '/' ? `/${name}` : `${p}/${name}`);
    }
  };
  visit('/');
  return out;
}

export function modelView(m: FlatFs, withMtime = true): Map<string, Norm> {
  const out = new Map<string, Norm>([['/', norm(m.root, withMtime)]]);
  for (const p of [...m.tree.keys()].sort()) out.set(p, norm(m.tree.get(p)!, withMtime));
  return out;
}
