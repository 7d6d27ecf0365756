import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';
import { versionedClient } from '../../src/cli/api-version';
import type { ApiRequest, EngineClient } from '../../src/core/daemon/api';

describe('the docker client on the laptop talks to the daemon as the real client library does', () => {
  it('pings once per process, then sends every request under /v1.51', { timeout: 60_000 }, async () => {
    const r = await runScript(['docker ps', 'docker volume ls', 'docker ps --bogus'].join('\n'));
    const log = r.world.engine.log.entries().map((e) => `${e.method} ${e.path} → ${e.status}`);
    expect(log).toEqual([
      'HEAD /_ping → 200',
      'GET /v1.51/containers/json → 200',
      'HEAD /_ping → 200',
      'GET /v1.51/volumes → 200',
      // a usage error never reaches the daemon
    ]);
  });

  it('leaves /_ping and already versioned paths alone, and survives a failing ping', async () => {
    const seen: string[] = [];
    const engine: EngineClient = {
      request(req: ApiRequest) {
        seen.push(`${req.method} ${req.path}`);
        if (req.path === '/_ping') return Promise.reject(new Error('connection refused'));
        return Promise.resolve({ status: 200, body: {} });
      },
    };
    const client = versionedClient(engine);
    await client.request({ method: 'GET', path: '/v1.41/version' });
    await client.request({ method: 'GET', path: '/images/json' });
    await client.request({ method: 'GET', path: '/info' });
    expect(seen).toEqual(['GET /v1.41/version', 'HEAD /_ping', 'GET /v1.51/images/json', 'GET /v1.51/info']);
  });
});
