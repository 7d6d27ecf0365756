// Package managers that run inside containers: pip (and `python3 -m pip`
// through runPip), apt-get/apt with dpkg's database, and Alpine's apk.
import type { ProgramSpec, UserProgram } from '../types';
import { apk } from './apk';
import { apt, aptGet } from './apt';
import { dpkgQuery } from './dpkg';
import { runPip } from './pip';

export { runPip } from './pip';

const pip: UserProgram = (ctx) => runPip(ctx, ctx.argv.slice(1), 'pip');

export function packagePrograms(): ProgramSpec[] {
  return [
    { name: 'pip', run: pip, rss: 28_000_000 },
    { name: 'pip3', run: pip, rss: 28_000_000 },
    { name: 'apt-get', run: aptGet, rss: 9_400_000 },
    { name: 'apt', run: apt, rss: 9_600_000 },
    { name: 'apk', run: apk, rss: 4_200_000 },
    { name: 'dpkg-query', run: dpkgQuery, rss: 2_900_000 },
  ];
}
