// docker/go-units HumanDuration ("5 minutes", "About an hour"), shared by the
// daemon's STATUS and the client's CREATED, and how long a given text stays
// true, so a list of a thousand containers need not rebuild what has not changed.

/** units.HumanDuration, from milliseconds (Go truncates seconds and minutes, rounds hours). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

const HOUR = 3_600_000;

/** The rounded hour count `h` is first reached at h - 0.5 hours. */
const roundedHours = (h: number): number => (h - 0.5) * HOUR;

/**
 * The first duration after `ms` whose humanDuration may read differently:
 * the text for `ms` holds for every duration in [ms, humanDurationUntil(ms)).
 */
export function humanDurationUntil(ms: number): number {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 60) return Math.max(seconds + 1, 1) * 1000;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 60) return (minutes + 1) * 60_000;
  const hours = Math.trunc(ms / HOUR + 0.5);
  if (hours < 48) return roundedHours(hours + 1);
  if (hours < 24 * 7 * 2) return roundedHours((Math.trunc(hours / 24) + 1) * 24);
  if (hours < 24 * 30 * 2) return roundedHours(Math.min((Math.trunc(hours / 168) + 1) * 168, 24 * 30 * 2));
  if (hours < 24 * 365 * 2) return roundedHours(Math.min((Math.trunc(hours / 720) + 1) * 720, 24 * 365 * 2));
  return (Math.trunc(Math.trunc(ms / HOUR) / 8760) + 1) * 8760 * HOUR;
}
