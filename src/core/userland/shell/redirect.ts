// Applying redirections to a descriptor table: files, dups and closes,
// here-documents (expanded unless the delimiter was quoted), and bash's
// `&>`. Failures print the shell's wording and give its status.
import type { Redir } from './ast';
import { ExpandError, expandHereText, expandSingle } from './expand';
import { TextReader, openPath, redirMessage, type FdTable } from './io';
import type { Shell } from './shell';

/** Apply redirections to `fds` in order. Undefined on success, else the failure status (message printed). */
export async function applyRedirs(sh: Shell, redirs: readonly Redir[], fds: FdTable): Promise<number | undefined> {
  const failStatus = sh.flavour.name === 'bash' ? 1 : 2;
  // a file or descriptor that cannot be opened: BusyBox's redirectsafe returns setjmp's 1
  // ("echo >&9; echo result: $?" should be 1, not 2), dash's doubles it
  const openFailStatus = sh.flavour.name === 'dash' ? 2 : 1;
  for (const r of redirs) {
    if (r.op === '<<') {
      const doc = r.heredoc ?? { body: '', quoted: true };
      let body = doc.body;
      if (!doc.quoted) {
        try {
          body = await expandHereText(sh, body);
        } catch (e) {
          if (e instanceof ExpandError) {
            sh.error(e.message);
            return failStatus;
          }
          throw e;
        }
      }
      fds.set(r.fd, { r: new TextReader(body) });
      continue;
    }
    let target: string;
    try {
      target = await expandSingle(sh, r.target);
    } catch (e) {
      if (e instanceof ExpandError) {
        sh.error(e.message);
        return failStatus;
      }
      throw e;
    }
    if (r.op === '<<<') {
      fds.set(r.fd, { r: new TextReader(`${target}\n`) });
      continue;
    }
    if (r.op === '<&' || r.op === '>&') {
      if (target === '-') {
        fds.set(r.fd, undefined);
        continue;
      }
      if (/^\d+$/.test(target)) {
        const src = fds.get(Number(target));
        if (!src) {
          sh.error(`${target}: Bad file descriptor`);
          return openFailStatus;
        }
        fds.set(r.fd, src);
        continue;
      }
      if (sh.flavour.name !== 'bash' || r.op === '<&' || r.fd !== 1) {
        sh.error(sh.flavour.name === 'bash' ? `${target}: ambiguous redirect` : sh.flavour.name === 'ash' ? `syntax error: bad fd number` : 'Syntax error: Bad fd number');
        return failStatus;
      }
    }
    const both = r.op === '&>' || r.op === '&>>' || r.op === '>&';
    const how = r.op === '<' ? '<' : r.op === '<>' ? '<>' : r.op === '>>' || r.op === '&>>' ? '>>' : '>';
    const opened = openPath(sh.fs(), sh.cwd, target, how, fds);
    if ('errno' in opened) {
      sh.error(redirMessage(sh.flavour, opened));
      return openFailStatus;
    }
    if (both) {
      fds.set(1, opened);
      fds.set(2, opened);
    } else fds.set(r.fd, opened);
  }
  return undefined;
}

/** Run `fn` with the shell's descriptors redirected, then put them back. */
export async function withRedirs(sh: Shell, redirs: readonly Redir[], fn: () => Promise<number>): Promise<number> {
  if (redirs.length === 0) return fn();
  const saved = sh.fds;
  const fds = saved.clone();
  const failed = await applyRedirs(sh, redirs, fds);
  if (failed !== undefined) return failed;
  sh.fds = fds;
  try {
    return await fn();
  } finally {
    sh.fds = saved;
  }
}
