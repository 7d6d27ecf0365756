import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/core/daemon/engine';
import {
  RequestHistory,
  bodyText,
  groupByCommand,
  requestTarget,
  responseKind,
} from '../../src/state/request-log';

const entry = (method: RequestLogEntry['method'], path: string, extra: Partial<RequestLogEntry> = {}) =>
  ({
    time: 0,
    method,
    path,
    query: {},
    body: undefined,
    status: 200,
    kind: 'json',
    response: undefined,
    ...extra,
  }) as RequestLogEntry;

describe('the Engine API log of the page', () => {
  it('groups requests under the command line that sent them; each client process starts at its ping', () => {
    const h = new RequestHistory();
    h.add(entry('HEAD', '/_ping'), 'docker ps && docker ps');
    h.add(entry('GET', '/v1.51/containers/json'), 'docker ps && docker ps');
    h.add(entry('HEAD', '/_ping'), 'docker ps && docker ps');
    h.add(entry('GET', '/v1.51/containers/json'), 'docker ps && docker ps');
    h.add(entry('HEAD', '/_ping'), 'docker run -d nginx');
    h.add(entry('POST', '/v1.51/containers/create', { status: 201 }), 'docker run -d nginx');
    h.add(entry('POST', '/v1.51/containers/abc/start', { status: 204 }), 'docker run -d nginx');
    const groups = groupByCommand(h.lines());
    expect(groups.map((g) => [g.command, g.lines.map((l) => `${l.entry.method} ${l.entry.path}`)])).toEqual([
      ['docker ps && docker ps', ['HEAD /_ping', 'GET /v1.51/containers/json']],
      ['docker ps && docker ps', ['HEAD /_ping', 'GET /v1.51/containers/json']],
      [
        'docker run -d nginx',
        ['HEAD /_ping', 'POST /v1.51/containers/create', 'POST /v1.51/containers/abc/start'],
      ],
    ]);
  });

  it('keeps only the latest requests, numbered in order', () => {
    const h = new RequestHistory(10);
    for (let i = 0; i < 37; i++) h.add(entry('GET', `/v1.51/containers/c${i}/json`), null);
    const lines = h.lines();
    expect(lines).toHaveLength(10);
    expect(lines.map((l) => l.seq)).toEqual([28, 29, 30, 31, 32, 33, 34, 35, 36, 37]);
    expect(lines[9].entry.path).toBe('/v1.51/containers/c36/json');
  });

  it('keeps the answers of the latest requests only', () => {
    const h = new RequestHistory(100, 3);
    for (let i = 0; i < 6; i++) h.add(entry('GET', `/v1.51/c${i}`, { response: { n: i } }), 'docker ps');
    const lines = h.lines();
    expect(lines.map((l) => l.answerKept)).toEqual([false, false, false, true, true, true]);
    expect(lines.map((l) => l.entry.response)).toEqual([
      undefined,
      undefined,
      undefined,
      { n: 3 },
      { n: 4 },
      { n: 5 },
    ]);
    expect(lines[0].entry.path).toBe('/v1.51/c0');
  });

  it('shows the query sorted by key as the client encodes it, leaving out unset parameters', () => {
    const e = entry('POST', '/v1.51/images/create', {
      query: { tag: '3.13', fromImage: 'python', platform: undefined },
    });
    expect(requestTarget(e)).toBe('/v1.51/images/create?fromImage=python&tag=3.13');
    expect(requestTarget(entry('GET', '/_ping'))).toBe('/_ping');
  });

  it('names streams and hijacked connections, and cuts long bodies', () => {
    expect(responseKind(entry('POST', '/x', { kind: 'stream' }))).toBe('stream');
    expect(responseKind(entry('POST', '/x', { kind: 'conn' }))).toBe('hijacked');
    expect(responseKind(entry('GET', '/x'))).toBe('');
    expect(bodyText(undefined)).toBeNull();
    expect(bodyText({ Image: 'nginx', Cmd: null })).toBe('{\n  "Image": "nginx",\n  "Cmd": null\n}');
    const long = bodyText({ a: 'x'.repeat(7000) })!;
    expect(long.length).toBeLessThan(6100);
    expect(long).toMatch(/… \(\d+ more characters\)$/);
  });
});
