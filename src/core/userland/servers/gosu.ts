// gosu 1.17: run a command as another user (setgid, setuid, then exec), as
// the postgres and redis entrypoints use it.
import { resolveExec } from '../exec';
import { fsOf, type UserProgram } from '../types';
import { execInPlace, lookupGroup, lookupUser, setCredentials } from './exec';

const USAGE = `Usage: gosu user-spec command [args]
   eg: gosu tianon bash
       gosu nobody:root bash -c 'whoami && id'
       gosu 1000:1 id

gosu version: 1.17 (go1.18.2 on linux/amd64; gc)
license: Apache-2.0 (full text at https://github.com/tianon/gosu)

`;

export const gosu: UserProgram = async (ctx) => {
  const [spec, ...cmd] = ctx.argv.slice(1);
  if (spec === '--version') {
    ctx.stdout.write('1.17 (go1.18.2 on linux/amd64; gc)\n');
    return 0;
  }
  if (!spec || cmd.length === 0 || spec === '--help' || spec === '-h') {
    ctx.stderr.write(USAGE);
    return spec === '--help' || spec === '-h' ? 0 : 1;
  }
  const fs = fsOf(ctx);
  const [userPart, groupPart] = spec.split(':');
  const user = lookupUser(fs, userPart);
  if (!user) {
    ctx.stderr.write(`error: failed switching to "${spec}": unable to find user ${userPart}: no matching entries in passwd file\n`);
    return 1;
  }
  const gid = groupPart !== undefined ? lookupGroup(fs, groupPart) : user.gid;
  if (gid === undefined) {
    ctx.stderr.write(`error: failed switching to "${spec}": unable to find group ${groupPart}: no matching entries in group file\n`);
    return 1;
  }
  if (ctx.proc.uid !== 0 && ctx.proc.uid !== user.uid) {
    ctx.stderr.write(`error: failed switching to "${spec}": operation not permitted\n`);
    return 1;
  }
  setCredentials(ctx, user.uid, gid);
  const env = { ...ctx.env, HOME: user.home };
  const t = resolveExec(fsOf(ctx), cmd, env, ctx.ns.programs);
  if ('kind' in t) {
    ctx.stderr.write(`error: exec failed: ${t.kind === 'not-found' ? `exec: "${cmd[0]}": executable file not found in $PATH` : t.message}\n`);
    return 1;
  }
  return execInPlace(ctx, t, env);
};
