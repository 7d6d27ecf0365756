// Serve the built dist/ for browser tests: vite's preview server on 127.0.0.1
// and a free port, or a plain static server that mounts dist/ under a sub-path
// (what a static host such as GitHub Pages does).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { preview } from 'vite';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');

export interface Served {
  url: string;
  close(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('dist/ is not built: run `npm run test:e2e` (it runs vite build first)');
}

/** vite preview of dist/ on 127.0.0.1, port 0 = any free port. */
export async function servePreview(): Promise<Served> {
  assertBuilt();
  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** A minimal static host serving dist/ under `prefix` (e.g. "/course/stevedore/") and nothing else. */
export async function serveStatic(prefix: string): Promise<Served> {
  assertBuilt();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(DIST, path.slice(prefix.length)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
