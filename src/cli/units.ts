// docker/go-units v0.5.0 (duration.go, size.go): the human sizes and ages Docker
// prints in tables, pull progress and prune summaries.

import { formatG } from './go-float';

const decimalAbbrs = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const binaryAbbrs = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/** units.HumanDuration; the argument is in milliseconds (Go truncates seconds/minutes and rounds hours). */
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

function sizeAndUnit(size: number, base: number, abbrs: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < abbrs.length - 1) {
    size /= base;
    i++;
  }
  return [size, abbrs[i]];
}

/** units.HumanSizeWithPrecision: decimal units, Go `%.*g`, no space before the unit. */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [n, unit] = sizeAndUnit(size, 1000, decimalAbbrs);
  return formatG(n, precision) + unit;
}

/** units.HumanSize: 4 significant digits (pull progress, reclaimed space). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** units.BytesSize: binary units with `%.4g` (docker stats memory). */
export function bytesSize(size: number): string {
  const [n, unit] = sizeAndUnit(size, 1024, binaryAbbrs);
  return formatG(n, 4) + unit;
}
