// The built page in headless Chromium: type into the terminal, read it back
// from xterm.js's buffer, check the picture, take screenshots (test-results/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkChromium, launch } from './browser';
import type { Browser } from './browser';
import { ROOT, servePreview, serveStatic } from './server';
import type { Served } from './server';

const chromiumCheck = checkChromium();
if (chromiumCheck.skip) console.log(chromiumCheck.message);

const SHOTS = join(ROOT, 'test-results');
const PROMPT = 'student@laptop:~$ ';

async function lines(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__stevedore?.lines() ?? []);
}

async function screenText(page: Page): Promise<string> {
  return (await lines(page)).join('\n');
}

async function waitForScreen(page: Page, pattern: RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await screenText(page);
    if (pattern.test(text)) return;
    if (Date.now() > deadline) throw new Error(`terminal never showed ${pattern}; it shows:\n${text}`);
    await page.waitForTimeout(50);
  }
}

/** The prompt is back (in any directory) and nothing runs. */
async function waitForPrompt(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => window.__stevedore?.running() === null, undefined, { timeout });
  await waitForScreen(page, /student@laptop:[^\n]*\$ $/, timeout);
}

/** Keys go to xterm.js's hidden textarea. */
async function focusTerminal(page: Page): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
}

async function run(page: Page, line: string, timeout = 30_000): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await waitForPrompt(page, timeout);
}

/** Output of the last command: the lines between its prompt line and the next prompt. */
async function lastOutput(page: Page, line: string, prompt = PROMPT): Promise<string[]> {
  const all = await lines(page);
  const start = all.lastIndexOf(prompt + line);
  return all.slice(start + 1, -1);
}

describe.skipIf(chromiumCheck.skip)('the page in Chromium', () => {
  let server: Served;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumCheck.path)
      throw new Error(`${chromiumCheck.message}; CI=true requires the browser tests to run`);
    mkdirSync(SHOTS, { recursive: true });
    server = await servePreview();
    browser = await launch(chromiumCheck.path);
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(server.url);
    await page.waitForFunction(() => window.__stevedore?.ready() === true);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with the prompt in the terminal and no console errors', async () => {
    expect(await lines(page)).toEqual([PROMPT]);
    expect(await page.title()).toBe('Stevedore');
    await expect(page.locator('h1').textContent()).resolves.toBe('Stevedore');
    await page.screenshot({ path: join(SHOTS, 'page-loaded.png') });
    expect(consoleErrors).toEqual([]);
  });

  it("serves the first chunk with V8's compile hint as its first line, and only that chunk", async () => {
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => r.name)
        .filter((n) => n.endsWith('.js')),
    );
    const entry = await page.evaluate(
      () => (document.querySelector('script[type="module"]') as HTMLScriptElement | null)?.src ?? '',
    );
    expect(scripts).toContain(entry);
    for (const url of scripts) {
      const text = await (await fetch(url)).text();
      expect(text.startsWith('//# allFunctionsCalledOnLoad\n'), url).toBe(url === entry);
    }
  });

  it("answers an unknown command with bash's message", async () => {
    await run(page, 'kubectl get pods');
    expect(await lastOutput(page, 'kubectl get pods')).toEqual(['bash: kubectl: command not found']);
    expect(await page.evaluate(() => window.__stevedore?.status())).toBe(127);
  });

  it('pulls hello-world, and the picture gains its stack', async () => {
    expect(await page.locator('svg g.layer').count()).toBe(0);
    await page.getByRole('radio', { name: '10×' }).click();
    await focusTerminal(page);
    await run(page, 'docker pull hello-world', 60_000);
    const out = await lastOutput(page, 'docker pull hello-world');
    expect(out[0]).toBe('Using default tag: latest');
    expect(out).toContain('Status: Downloaded newer image for hello-world:latest');
    expect(out.at(-1)).toBe('docker.io/library/hello-world:latest');
    // Progress lines were redrawn in place (ESC[nA, ESC[2K, CR): each layer ends on one line
    // reading "<id>: Pull complete " with the trailing blank the TTY renderer writes.
    const layers = out.filter((l) => /^[0-9a-f]{12}: /.test(l));
    expect(layers.length).toBeGreaterThan(0);
    for (const l of layers) expect(l).toMatch(/^[0-9a-f]{12}: Pull complete $/);
    await page.waitForFunction(() => document.querySelectorAll('svg g.layer').length > 0);
    // the "No images yet" text leaves as the first image arrives, not over it
    expect(await page.locator('.stacks .empty').count()).toBe(0);
    expect(await page.locator('svg g.layer').count()).toBe(layers.length);
    await expect(page.locator('svg text.tag').allTextContents()).resolves.toContain('hello-world:latest');
    await page.screenshot({ path: join(SHOTS, 'after-pull.png') });
  });

  it('lists images as a table', async () => {
    await run(page, 'docker images');
    const out = await lastOutput(page, 'docker images');
    expect(out[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
    expect(out[1]).toMatch(/^hello-world\s+latest\s+[0-9a-f]{12}\s+\S.*\s+\d[\d.]*[kMG]?B$/);
  });

  it('interrupts a running pull with Ctrl-C', async () => {
    await page.getByRole('radio', { name: '1×' }).click();
    await focusTerminal(page);
    await page.keyboard.type('docker pull python:3.13');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__stevedore?.running() !== null);
    await waitForScreen(page, /Pulling fs layer|Downloading|Waiting/);
    await page.keyboard.press('Control+C');
    await waitForPrompt(page);
    // the terminal echoes ^C; docker 28 ends with status 130 (not killed by the signal), so bash
    // starts no new line and the prompt follows the ^C
    const all = await lines(page);
    expect(all.at(-1)).toBe(`^C${PROMPT}`);
    expect(await page.evaluate(() => window.__stevedore?.status())).not.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'interrupted-pull.png') });
    await run(page, 'docker images');
    expect((await lastOutput(page, 'docker images')).join('\n')).not.toMatch(/^python\s/m);
  });

  it('recalls the previous command with ↑', async () => {
    await run(page, 'docker images');
    await page.keyboard.press('ArrowUp');
    await waitForScreen(page, /student@laptop:~\$ docker images$/);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForPrompt(page);
    const out = await lastOutput(page, 'docker images');
    expect(out[0]).toMatch(/^REPOSITORY/);
  });

  it('edits a line that wraps across rows, as the screen shows it', async () => {
    await focusTerminal(page);
    const cols = await page.evaluate(() => window.__stevedore?.size().cols ?? 80);
    const long = 'docker run --rm alpine echo ' + 'x'.repeat(cols + 20);
    await page.keyboard.type(long);
    await page.keyboard.press('Home');
    await page.keyboard.type('#');
    const all = await lines(page);
    const start = all.map((l) => l.startsWith(PROMPT)).lastIndexOf(true);
    expect(all.slice(start).join('')).toBe(`${PROMPT}#${long}`);
    expect(all.length - start).toBeGreaterThan(1);
    await page.keyboard.press('Control+C');
    await waitForPrompt(page);
  });

  it('completes docker subcommands and local image names with Tab', async () => {
    await focusTerminal(page);
    await page.keyboard.type('docker hist');
    await page.keyboard.press('Tab');
    await page.keyboard.type('hello');
    await page.keyboard.press('Tab');
    await waitForScreen(page, /student@laptop:~\$ docker history hello-world$/);
    await page.keyboard.press('Control+C');
    await waitForPrompt(page);
  });

  it("runs command lines through the laptop's bash: pipes, $(…), cd, heredocs", async () => {
    await run(page, 'docker images --format "{{.Repository}}" | grep -c hello');
    expect(await lastOutput(page, 'docker images --format "{{.Repository}}" | grep -c hello')).toEqual(['1']);
    await run(page, 'echo "$(whoami) in $(pwd)"');
    expect(await lastOutput(page, 'echo "$(whoami) in $(pwd)"')).toEqual(['student in /home/student']);
    await run(page, 'mkdir -p app && cd app');
    await page.keyboard.type("cat > compose.yaml <<'END'");
    await page.keyboard.press('Enter');
    for (const l of ['services:', '  hello:', '    image: hello-world', 'END']) {
      await waitForScreen(page, /> $/);
      await page.keyboard.type(l);
      await page.keyboard.press('Enter');
    }
    await waitForPrompt(page);
    const appPrompt = 'student@laptop:~/app$ ';
    await run(page, 'docker compose up');
    const out = await lastOutput(page, 'docker compose up', appPrompt);
    expect(out).toContain('Attaching to hello-1');
    expect(out).toContain('hello-1  | Hello from Docker!');
    expect(out.at(-1)).toBe('hello-1 exited with code 0');
    await page.screenshot({ path: join(SHOTS, 'compose-up.png') });
    await run(page, 'docker compose down');
    await run(page, 'cd');
  });

  it('edits a file with nano and reads it back', async () => {
    await page.keyboard.type('nano notes.txt');
    await page.keyboard.press('Enter');
    await waitForScreen(page, /\[ New File \]/);
    await page.screenshot({ path: join(SHOTS, 'nano.png') });
    await page.keyboard.type('buy milk');
    await page.keyboard.press('Control+X');
    await waitForScreen(page, /Save modified buffer\?/);
    await page.keyboard.type('y');
    await waitForScreen(page, /File Name to Write: notes\.txt/);
    await page.keyboard.press('Enter');
    await waitForPrompt(page);
    await run(page, 'cat notes.txt');
    expect(await lastOutput(page, 'cat notes.txt')).toEqual(['buy milk']);
  });

  it('reaches a published port with curl from the laptop', async () => {
    await page.getByRole('radio', { name: '10×' }).click();
    await focusTerminal(page);
    await run(page, 'docker run -d -p 8080:80 --name web nginx', 90_000);
    await run(page, 'curl -s http://127.0.0.1:8080 | grep title');
    expect(await lastOutput(page, 'curl -s http://127.0.0.1:8080 | grep title')).toEqual([
      '<title>Welcome to nginx!</title>',
    ]);
    await run(page, 'docker rm -f web');
  });

  it('shows the Engine API requests of a docker command in the API panel', async () => {
    await focusTerminal(page);
    await run(page, 'docker run --name api-demo hello-world > /dev/null', 60_000);
    await page.getByRole('tab', { name: /Engine API/ }).click();
    const group = page.locator('.group').filter({ hasText: 'docker run --name api-demo hello-world' });
    const rows = async () => (await group.locator('.req').allTextContents()).map((t) => t.trim());
    await expect.poll(rows).toEqual([
      'HEAD /_ping → 200',
      'POST /v1.51/containers/create?name=api-demo → 201',
      expect.stringMatching(/^POST \/v1\.51\/containers\/[0-9a-f]{64}\/attach\?\S*stream=1 → 200 hijacked$/),
      expect.stringMatching(/^POST \/v1\.51\/containers\/[0-9a-f]{64}\/start → 204$/),
      // the wait was sent before the start; the daemon answers it when the container exits
      expect.stringMatching(/^POST \/v1\.51\/containers\/[0-9a-f]{64}\/wait\?condition=next-exit → 200$/),
    ]);
    await group.locator('.req').nth(1).click();
    await expect
      .poll(() => page.locator('.details pre').first().textContent())
      .toContain('"Image": "hello-world"');
    await page.screenshot({ path: join(SHOTS, 'api-panel.png') });
    await page.getByRole('tab', { name: 'Image layers' }).click();
    await expect.poll(() => page.locator('svg g.layer').count()).toBeGreaterThan(0);
    await focusTerminal(page);
    await run(page, 'docker rm api-demo');
  });

  it('clears the screen with clear', async () => {
    await run(page, 'clear');
    expect(await lines(page)).toEqual([PROMPT]);
  });

  it('works from a static host under a sub-path', async () => {
    const sub = await serveStatic('/course/stevedore/');
    const other = await browser.context.newPage();
    const errors: string[] = [];
    other.on('pageerror', (e) => errors.push(String(e)));
    other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await other.goto(sub.url);
      await other.waitForFunction(() => window.__stevedore?.ready() === true);
      await focusTerminal(other);
      await run(other, 'docker images');
      expect((await lastOutput(other, 'docker images'))[0]).toMatch(/^REPOSITORY/);
      expect(errors).toEqual([]);
    } finally {
      await other.close();
      await sub.close();
    }
  });

  it('has kept the console free of errors throughout', () => {
    expect(consoleErrors).toEqual([]);
  });
});

describe('browser test setup', () => {
  const nowhere = () => false;

  it('prefers CHROMIUM_PATH, then /usr/bin/chromium', () => {
    expect(checkChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/opt/c/chrome').path).toBe(
      '/opt/c/chrome',
    );
    expect(checkChromium({ CHROMIUM_PATH: '/opt/none' }, (p) => p === '/usr/bin/chromium').path).toBe(
      '/usr/bin/chromium',
    );
  });

  it('skips with one line without Chromium, but not under CI=true', () => {
    const local = checkChromium({}, nowhere);
    expect(local).toMatchObject({ path: undefined, skip: true });
    expect(local.message.split('\n')).toHaveLength(1);
    expect(checkChromium({ CI: 'true' }, nowhere)).toMatchObject({ path: undefined, skip: false });
  });
});
