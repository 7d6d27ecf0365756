// ps rows keep a summary's cells while the daemon hands the same summary out
// again: truncated and full cells stay apart, and CREATED follows the clock.
import { describe, expect, it } from 'vitest';
import { containerContext, type ContainerSummary } from '../../src/cli/container-format';

const summary = (): ContainerSummary => ({
  Id: 'f'.repeat(64),
  Names: ['/web'],
  Image: 'nginx:latest',
  ImageID: 'sha256:' + 'a'.repeat(64),
  Command: '/docker-entrypoint.sh nginx -g daemon off;',
  Created: 1_800_000_000,
  Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
  Labels: null,
  State: 'running',
  Status: 'Up 5 minutes',
  Mounts: null,
});

const cells = (c: ContainerSummary, trunc: boolean, now: number) =>
  containerContext(c, trunc, now).v as Record<string, string>;

describe('ps cells of a summary seen again', () => {
  it('truncated and full cells are kept apart', () => {
    const c = summary();
    const t0 = c.Created * 1000;
    expect(cells(c, true, t0).ID).toBe('ffffffffffff');
    expect(cells(c, false, t0).ID).toBe('f'.repeat(64));
    expect(cells(c, true, t0).Command).toBe('"/docker-entrypoint.…"');
    expect(cells(c, false, t0).Command).toBe('"/docker-entrypoint.sh nginx -g daemon off;"');
    expect(cells(c, true, t0).Ports).toBe('0.0.0.0:8080->80/tcp');
  });

  it('CREATED follows the clock, forwards and back', () => {
    const c = summary();
    const t0 = c.Created * 1000;
    const ages: Array<[number, string]> = [
      [500, 'Less than a second ago'],
      [59_999, '59 seconds ago'],
      [60_000, 'About a minute ago'],
      [119_999, 'About a minute ago'],
      [120_000, '2 minutes ago'],
      [5_400_000, '2 hours ago'],
      [30_000, '30 seconds ago'],
    ];
    for (const [age, text] of ages) expect(cells(c, true, t0 + age).RunningFor).toBe(text);
  });
});

describe('ps cells of a container whose summary changed', () => {
  it('a cell follows the field it comes from, not the first summary seen', () => {
    const c = summary();
    const t0 = c.Created * 1000;
    expect(cells(c, true, t0).Names).toBe('web');
    const renamed = { ...summary(), Names: ['/site'], Image: 'sha256:' + 'a'.repeat(64), Command: 'sh', Ports: null };
    const row = cells(renamed, true, t0);
    expect(row.Names).toBe('site');
    expect(row.Image).toBe('aaaaaaaaaaaa');
    expect(row.Command).toBe('"sh"');
    expect(row.Ports).toBe('');
    expect(cells(summary(), true, t0).Names).toBe('web');
  });
});

describe('the row type of ps', () => {
  it('reads each field as the cell of the same name', () => {
    const row = containerContext({ ...summary(), Labels: { tier: 'web' } }, true, summary().Created * 1000 + 5000);
    const t = row.t.kind === 'ptr' ? row.t.elem : row.t;
    if (t.kind !== 'struct') throw new Error('not a struct');
    const v = row.v as Record<string, unknown>;
    const values = new Set<unknown>();
    for (const f of t.fields) {
      expect(f.read, f.name).toBeDefined();
      expect(f.read!(v), f.name).toBe(v[f.name]);
      values.add(v[f.name]);
    }
    // distinct cells, so a reader wired to the wrong getter shows
    expect(values.size).toBeGreaterThan(10);
  });
});
