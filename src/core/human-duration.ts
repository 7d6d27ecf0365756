// docker/go-units HumanDuration ("5 minutes", "About an hour"), shared by the
// daemon's STATUS and the client's CREATED, and how long a given text stays
// true, so a list of a thousand containers need not rebuild what has not changed.

// The texts of the first two days, made once: a list of a thousand containers started
// together shows the same one on every row, and a new one every second.
const counted = (n: number, unit: string) => Array.from({ length: n }, (_, i) => `${i} ${unit}`);
const SECONDS = counted(60, 'seconds');
const MINUTES = counted(60, 'minutes');
const HOURS = counted(48, 'hours');

/** units.HumanDuration, from milliseconds (Go truncates seconds and minutes, rounds hours). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return SECONDS[seconds];
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return MINUTES[minutes];
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return HOURS[hours];
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

const HOUR = 3_600_000;

/**
 * Texts made around a duration's text ("Up 5 seconds", "5 seconds ago"), each
 * made once: a list of a thousand containers started together shows the same
 * one on every row.
 */
export class FramedDurations {
  private readonly made = new Map<string, string>();

  constructor(private readonly frame: (text: string) => string) {}

  get(text: string): string {
    let s = this.made.get(text);
    if (s === undefined) {
      s = this.frame(text);
      // flat once, not a concatenation walked by every table it goes into
      s.charCodeAt(0);
      // the texts of two days and a few beyond: the bound only keeps it small
      if (this.made.size >= 256) this.made.clear();
      this.made.set(text, s);
    }
    return s;
  }
}

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
