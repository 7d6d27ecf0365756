// Number, mode and time formatting shared by the tools: ls's mode strings,
// GNU's and BusyBox's human-readable sizes, and a UTC strftime (containers
// run with TZ unset, /etc/localtime = UTC).
import type { StatKind } from '../../fs/types';

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const pad = (s: string | number, w: number): string => String(s).padStart(w);
export const padEnd = (s: string | number, w: number): string => String(s).padEnd(w);
const two = (n: number) => String(n).padStart(2, '0');

/** `drwxr-xr-x`, with setuid/setgid/sticky folded into the x positions as ls does. */
export function modeString(kind: StatKind, mode: number): string {
  const type = kind === 'dir' ? 'd' : kind === 'symlink' ? 'l' : kind === 'chardev' ? 'c' : kind === 'blockdev' ? 'b' : '-';
  const rwx = (bits: number, special: boolean, sc: string) => {
    const x = bits & 1;
    const xc = special ? (x ? sc : sc.toUpperCase()) : x ? 'x' : '-';
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${xc}`;
  };
  return type + rwx((mode >> 6) & 7, !!(mode & 0o4000), 's') + rwx((mode >> 3) & 7, !!(mode & 0o2000), 's') + rwx(mode & 7, !!(mode & 0o1000), 't');
}

const UNITS = ['', 'K', 'M', 'G', 'T', 'P', 'E'];

/**
 * GNU human_readable with -h (powers of 1024, rounded up): 0, 5, 4.0K, 1.5M,
 * 15M. One decimal below 10, none from 10 on (coreutils gnulib human.c).
 */
export function humanGnu(bytes: number, suffix = ''): string {
  if (bytes < 1024) return String(Math.ceil(bytes));
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  if (v < 10) {
    const t = Math.ceil(v * 10 - 1e-9) / 10;
    if (t < 10) return `${t.toFixed(1)}${UNITS[u]}${suffix}`;
    v = t;
  }
  let n = Math.ceil(v - 1e-9);
  if (n >= 1024 && u < UNITS.length - 1) {
    u++;
    return `1.0${UNITS[u]}${suffix}`;
  }
  n = Math.max(n, 10);
  return `${n}${UNITS[u]}${suffix}`;
}

/** BusyBox make_human_readable_str(val, 1, 0): one rounded decimal from 1K on ("4.0K", "123.4M"). */
export function humanBusybox(bytes: number, fraction = true): string {
  if (bytes === 0) return '0';
  let v = Math.floor(bytes);
  let frac = 0;
  let u = 0;
  while (v >= 1024) {
    u++;
    frac = Math.floor(((v % 1024) * 10 + 512) / 1024);
    v = Math.floor(v / 1024);
  }
  if (frac >= 10) {
    v++;
    frac = 0;
  }
  if (u === 0) return String(v);
  if (!fraction) return `${frac >= 5 ? v + 1 : v}${UNITS[u]}`;
  return `${v}.${frac}${UNITS[u]}`;
}

export interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number;
  ms: number;
}

export function utc(ms: number): Tm {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    mon: d.getUTCMonth(),
    mday: d.getUTCDate(),
    hour: d.getUTCHours(),
    min: d.getUTCMinutes(),
    sec: d.getUTCSeconds(),
    wday: d.getUTCDay(),
    yday: Math.floor((ms - start) / 86_400_000),
    ms: ((ms % 1000) + 1000) % 1000,
  };
}

/** strftime(3) in the C locale, UTC. */
export function strftime(fmt: string, ms: number): string {
  const t = utc(ms);
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    let f = fmt[++i];
    // GNU flags: %-d (no padding), %_d (space padding)
    let flag = '';
    if ((f === '-' || f === '_' || f === '0') && i + 1 < fmt.length) {
      flag = f;
      f = fmt[++i];
    }
    const num = (n: number, w: number, padc = '0') => {
      if (flag === '-') return String(n);
      return String(n).padStart(w, flag === '_' ? ' ' : flag === '0' ? '0' : padc);
    };
    switch (f) {
      case 'a': out += DAYS[t.wday]; break;
      case 'A': out += DAYS_LONG[t.wday]; break;
      case 'b': case 'h': out += MONTHS[t.mon]; break;
      case 'B': out += MONTHS_LONG[t.mon]; break;
      case 'c': out += `${DAYS[t.wday]} ${MONTHS[t.mon]} ${pad(t.mday, 2)} ${two(t.hour)}:${two(t.min)}:${two(t.sec)} ${t.year}`; break;
      case 'C': out += num(Math.floor(t.year / 100), 2); break;
      case 'd': out += num(t.mday, 2); break;
      case 'D': out += `${two(t.mon + 1)}/${two(t.mday)}/${two(t.year % 100)}`; break;
      case 'e': out += num(t.mday, 2, ' '); break;
      case 'F': out += `${t.year}-${two(t.mon + 1)}-${two(t.mday)}`; break;
      case 'H': out += num(t.hour, 2); break;
      case 'I': out += num(t.hour % 12 || 12, 2); break;
      case 'j': out += num(t.yday + 1, 3); break;
      case 'k': out += num(t.hour, 2, ' '); break;
      case 'l': out += num(t.hour % 12 || 12, 2, ' '); break;
      case 'm': out += num(t.mon + 1, 2); break;
      case 'M': out += num(t.min, 2); break;
      case 'n': out += '\n'; break;
      case 'N': out += String(t.ms * 1_000_000).padStart(9, '0'); break;
      case 'p': out += t.hour < 12 ? 'AM' : 'PM'; break;
      case 'P': out += t.hour < 12 ? 'am' : 'pm'; break;
      case 'r': out += `${two(t.hour % 12 || 12)}:${two(t.min)}:${two(t.sec)} ${t.hour < 12 ? 'AM' : 'PM'}`; break;
      case 'R': out += `${two(t.hour)}:${two(t.min)}`; break;
      case 's': out += String(Math.floor(ms / 1000)); break;
      case 'S': out += num(t.sec, 2); break;
      case 't': out += '\t'; break;
      case 'T': out += `${two(t.hour)}:${two(t.min)}:${two(t.sec)}`; break;
      case 'u': out += String(t.wday || 7); break;
      case 'w': out += String(t.wday); break;
      case 'x': out += `${two(t.mon + 1)}/${two(t.mday)}/${two(t.year % 100)}`; break;
      case 'X': out += `${two(t.hour)}:${two(t.min)}:${two(t.sec)}`; break;
      case 'y': out += num(t.year % 100, 2); break;
      case 'Y': out += String(t.year); break;
      case 'z': out += '+0000'; break;
      case 'Z': out += 'UTC'; break;
      case '%': out += '%'; break;
      default: out += `%${flag}${f}`;
    }
  }
  return out;
}

/** ls -l's date: `Nov 27 21:21` within six months (and not in the future), `Nov 27  2025` otherwise. */
export function lsDate(mtime: number, now: number): string {
  const sixMonths = (365.2425 * 24 * 3600 * 1000) / 2;
  const recent = now - mtime < sixMonths && mtime - now <= 0;
  return recent ? strftime('%b %e %H:%M', mtime) : strftime('%b %e  %Y', mtime);
}

/** BusyBox's variant: 15 minutes of future is still "recent". */
export function lsDateBusybox(mtime: number, now: number): string {
  const age = Math.floor(now / 1000) - Math.floor(mtime / 1000);
  return age < (3600 * 24 * 365) / 2 && age > -15 * 60 ? strftime('%b %e %H:%M', mtime) : strftime('%b %e  %Y', mtime);
}

/** Blocks of 1 KiB a file occupies on ext4 (4 KiB allocation units; small symlinks take none). */
export function kBlocks(kind: StatKind, size: number): number {
  if (kind === 'chardev' || kind === 'blockdev') return 0;
  if (kind === 'symlink') return size < 60 ? 0 : 4;
  if (kind === 'dir') return 4;
  return Math.ceil(size / 4096) * 4;
}

/** Seconds as `[[DD-]HH:]MM:SS` or `HH:MM:SS` for ps TIME columns. */
export function hms(sec: number): string {
  const s = Math.floor(sec);
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}
