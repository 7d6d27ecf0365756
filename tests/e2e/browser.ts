// Browser tests drive the system Chromium through playwright-core (no browser
// download). Where there is none, the suite is skipped with one line, except
// under CI=true, where a missing browser is a failure.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium 14x+ builds each new window's omnibox popup as a WebUI page in a renderer of its
  // own: per fresh context that is more main-thread work than our page's whole load, taken
  // from the page's two cores. A user's browser built it when their window opened.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium; undefined when neither exists. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  return candidates.find((p) => exists(p));
}

export interface ChromiumCheck {
  path: string | undefined;
  /** Skip the suite (no browser, not CI). */
  skip: boolean;
  /** The one line to print when skipping, or the failure under CI. */
  message: string;
}

export function checkChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): ChromiumCheck {
  const path = findChromium(env, exists);
  if (path) return { path, skip: false, message: '' };
  const message = `browser tests: no Chromium found (set CHROMIUM_PATH or install /usr/bin/chromium)`;
  return { path, skip: env.CI !== 'true', message };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile in a temporary directory, so no state leaks between runs. */
export async function launch(
  executablePath: string,
  viewport = { width: 1280, height: 720 },
): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'stevedore-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
