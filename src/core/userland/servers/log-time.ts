// The timestamps servers put in their logs, from the world's clock (UTC, as
// in containers without a TZ): nginx's error and access logs, PostgreSQL's
// log_line_prefix '%m [%p] ', redis' serverLog.
import { MONTHS } from '../outside/http';

const p = (n: number, w = 2) => String(n).padStart(w, '0');

/** nginx error log: `2026/11/27 21:21:23`. */
export function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** nginx $time_local: `27/Nov/2026:21:21:30 +0000`. */
export function nginxLocalTime(ms: number): string {
  const d = new Date(ms);
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** PostgreSQL %m: `2026-11-27 21:21:19.660 UTC`. */
export function pgTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)} UTC`;
}

/** PostgreSQL's "database system was shut down at" time: `2026-11-27 21:21:19 UTC`. */
export function pgSeconds(ms: number): string {
  return pgTime(ms).replace(/\.\d{3} UTC$/, ' UTC');
}

/** redis serverLog: `27 Nov 2026 21:21:03.123`. */
export function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}
