// The Engine's request log: the last LIMIT requests in order, answers handed to
// listeners but not kept by the log itself.
import { describe, expect, it } from 'vitest';
import { RequestLog, type RequestLogEntry } from '../../../src/core/daemon/engine';

const entry = (i: number): RequestLogEntry => ({
  time: i,
  method: 'GET',
  path: `/containers/${i}/json`,
  query: {},
  body: undefined,
  status: 200,
  kind: 'json',
  response: { Id: String(i) },
});

describe('RequestLog', () => {
  it('keeps the last LIMIT requests, oldest first, across the wrap of its ring', () => {
    const log = new RequestLog();
    const n = RequestLog.LIMIT * 2 + 7;
    for (let i = 0; i < n; i++) {
      log.add(entry(i));
      if (i === 3) expect(log.entries().map((e) => e.time)).toEqual([0, 1, 2, 3]);
    }
    const times = log.entries().map((e) => e.time);
    expect(times).toHaveLength(RequestLog.LIMIT);
    expect(times[0]).toBe(n - RequestLog.LIMIT);
    expect(times.at(-1)).toBe(n - 1);
    expect(times.every((t, i) => i === 0 || t === times[i - 1] + 1)).toBe(true);
  });

  it('gives listeners the whole entry and keeps the line without its answer', () => {
    const log = new RequestLog();
    const heard: RequestLogEntry[] = [];
    const off = log.subscribe((e) => heard.push(e));
    log.add(entry(1));
    off();
    log.add(entry(2));
    expect(heard.map((e) => e.response)).toEqual([{ Id: '1' }]);
    expect(log.entries()).toEqual([
      { ...entry(1), response: undefined },
      { ...entry(2), response: undefined },
    ]);
  });
});
