// `npm run bench`: runs every suite and prints one table of figures.
// Suites live beside this file; each exports a BenchSuite named `suite`.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchRow[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { suite: BenchSuite };
  process.stderr.write(`bench: ${f}\n`);
  rows.push(...(await mod.suite()));
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v < 10 ? v.toFixed(2) : v.toFixed(1));
const cells = rows.map((r) => [r.name, `${fmt(r.value)} ${r.unit}`, r.goal ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED']);
const head = ['figure', 'value', 'goal', ''];
const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const c of cells) console.log(line(c));
