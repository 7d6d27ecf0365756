// PS1/PS2 as each shell shows them: bash and busybox decode \u \h \w \$ …
// and then expand $VAR and $(…) (bash's promptvars); dash only expands.
import { FsError } from '../../fs/types';
import { expandHereText, ExpandError } from './expand';
import type { Shell } from './shell';

const two = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** $PWD with $HOME shown as ~ (bash's polite_directory_format: not for HOME=/). */
export function tildeDir(dir: string, home: string | undefined): string {
  if (home && home.length > 1 && (dir === home || dir.startsWith(`${home}/`))) return `~${dir.slice(home.length)}`;
  return dir;
}

export function userName(sh: Shell): string {
  return sh.passwd(sh.ctx.proc.uid)?.name ?? (sh.flavour.name === 'bash' ? 'I have no name!' : String(sh.ctx.proc.uid));
}

function decode(sh: Shell, ps: string): string {
  let out = '';
  const host = sh.ctx.ns.uts.hostname;
  const now = new Date(sh.ctx.kernel.clock.now());
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i];
    if (c !== '\\' || i + 1 >= ps.length) {
      out += c;
      continue;
    }
    const n = ps[++i];
    const pwd = sh.vars.get('PWD') ?? sh.cwd;
    switch (n) {
      case 'u':
        out += userName(sh);
        break;
      case 'h':
        out += host.split('.')[0];
        break;
      case 'H':
        out += host;
        break;
      case 'w':
        out += tildeDir(pwd, sh.vars.get('HOME'));
        break;
      case 'W': {
        const home = sh.vars.get('HOME');
        out += pwd === home ? '~' : pwd === '/' ? '/' : pwd.slice(pwd.lastIndexOf('/') + 1);
        break;
      }
      case '$':
        out += sh.ctx.proc.uid === 0 ? '#' : '$';
        break;
      case 's':
        out += sh.arg0.slice(sh.arg0.lastIndexOf('/') + 1).replace(/^-/, '');
        break;
      case 'v':
        out += '5.2';
        break;
      case 'V':
        out += '5.2.15';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'e':
        out += '\x1b';
        break;
      case '[':
      case ']':
        break;
      case '\\':
        out += '\\';
        break;
      case 'j':
        out += String(sh.jobs.length);
        break;
      case '!':
      case '#':
        out += String(sh.history.length + 1);
        break;
      case 't':
        out += `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
        break;
      case 'T':
        out += `${two(now.getUTCHours() % 12 || 12)}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
        break;
      case 'A':
        out += `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}`;
        break;
      case '@':
        out += `${two(now.getUTCHours() % 12 || 12)}:${two(now.getUTCMinutes())} ${now.getUTCHours() < 12 ? 'AM' : 'PM'}`;
        break;
      case 'd':
        out += `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${two(now.getUTCDate())}`;
        break;
      case 'l':
        out += 'pts/0';
        break;
      default:
        if (/[0-7]/.test(n)) {
          let d = n;
          while (d.length < 3 && /[0-7]/.test(ps[i + 1] ?? '')) d += ps[++i];
          out += String.fromCharCode(parseInt(d, 8));
        } else out += `\\${n}`;
    }
  }
  return out;
}

/** The prompt text for PS1 or PS2. */
export async function promptText(sh: Shell, which: 'PS1' | 'PS2'): Promise<string> {
  const ps = sh.vars.get(which) ?? '';
  const decoded = sh.flavour.name === 'dash' ? ps : decode(sh, ps);
  try {
    return await expandHereText(sh, decoded);
  } catch (e) {
    if (e instanceof ExpandError) return decoded;
    throw e;
  }
}

/** Default PS1 when the environment has none. */
export function defaultPS1(sh: Shell): string {
  if (sh.flavour.name === 'bash') return '\\s-\\v\\$ ';
  if (sh.flavour.name === 'ash') return '\\w \\$ ';
  return sh.ctx.proc.uid === 0 ? '# ' : '$ ';
}

export function readable(sh: Shell, path: string): boolean {
  const st = sh.fs().stat(path);
  return !(st instanceof FsError) && st.kind === 'file' && sh.fs().access(path, 4) === undefined;
}
