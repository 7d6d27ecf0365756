// Page figures: how much JavaScript the first paint needs (gzip, as a server
// would send it) and how long a fresh load takes until the terminal echoes a
// key, in headless Chromium.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { median } from './types';
import type { BenchRow, BenchSuite } from './types';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/browser';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.bench-tmp', 'page-dist');
const LOADS = 7;
const PROMPT = 'student@laptop:~$ ';

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** The JS index.html loads before anything runs: its module script and modulepreloads. */
export function initialScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...srcs, ...preloads])];
}

async function sizes(): Promise<BenchRow[]> {
  await build({ root: ROOT, logLevel: 'silent', build: { outDir: OUT, emptyOutDir: true } });
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const initial = initialScripts(html).map((src) => join(OUT, src));
  const all = readdirSync(join(OUT, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(OUT, 'assets', f));
  const initialKB = initial.reduce((a, f) => a + gzipKB(f), 0);
  const lazyKB = all.filter((f) => !initial.includes(f)).reduce((a, f) => a + gzipKB(f), 0);
  process.stderr.write(`page: initial JS = ${initial.map((f) => relative(OUT, f)).join(', ')}\n`);
  return [
    {
      name: 'page: initial JS (gzip -9)',
      value: Math.round(initialKB * 10) / 10,
      unit: 'KB',
      goal: '<= 200 KB',
      ok: initialKB <= 200,
    },
    {
      name: 'page: lazily loaded JS, the simulator (gzip -9)',
      value: Math.round(lazyKB * 10) / 10,
      unit: 'KB',
    },
  ];
}

/** Navigation start to "the prompt is drawn and a typed key is echoed", per fresh browser context. */
async function navigation(executablePath: string): Promise<BenchRow[]> {
  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    build: { outDir: OUT },
    preview: { host: '127.0.0.1', port: 0 },
  });
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction((p) => window.__stevedore?.lines()[0] === p, PROMPT, { polling: 'raf' });
      await page.keyboard.type('x');
      const echoedAt = await page.waitForFunction(
        (p) => (window.__stevedore?.lines()[0] === `${p}x` ? performance.now() : 0),
        PROMPT,
        { polling: 'raf' },
      );
      const ms = (await echoedAt.jsonValue()) as number;
      if (i > 0) times.push(ms); // the first load warms the server and the browser's process pool
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const m = median(times);
  return [
    {
      name: `page: navigation to terminal accepting input (median of ${LOADS})`,
      value: Math.round(m),
      unit: 'ms',
      goal: '<= 500 ms',
      ok: m <= 500,
    },
  ];
}

export const suite: BenchSuite = async () => {
  const rows = await sizes();
  const chromiumPath = findChromium();
  if (chromiumPath) rows.push(...(await navigation(chromiumPath)));
  else
    process.stderr.write(
      'page: no Chromium found (CHROMIUM_PATH or /usr/bin/chromium): navigation time not measured\n',
    );
  rmSync(OUT, { recursive: true, force: true });
  return rows;
};
