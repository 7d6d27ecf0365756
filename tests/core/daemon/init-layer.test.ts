// The init layer (/.dockerenv, /etc/hosts, /etc/mtab, /dev/console, ...) is one layer
// for every container: the image's merged tree with it on top is built once, and each
// container reads its entries stamped with its own creation time, as if its own copy
// had been written then.
import { describe, expect, it } from 'vitest';
import { clockOf, exec, runDetached, settle, worldWith } from './containers-harness';

const IMG = 'python:3.13-slim';

describe('the init layer', () => {
  it("each container shows its own creation time on the init layer's entries; they share one tree", async () => {
    const w = await worldWith([IMG]);
    const a = await runDetached(w, { Image: IMG, Cmd: ['sleep', '3600'] });
    clockOf(w).advance(7_000);
    const b = await runDetached(w, { Image: IMG, Cmd: ['sleep', '3600'] });
    await settle(w);
    const stamp = async (id: string) =>
      (await exec(w, id, ['stat', '-c', '%Y %n', '/.dockerenv', '/etc', '/etc/mtab'])).out;
    const entry = (id: string) => {
      const c = w.daemon.get(id);
      if (!c.ok) throw new Error(c.message);
      return c.value;
    };
    const created = (id: string) => Math.floor(entry(id).rec.Created / 1000);
    const [ta, tb] = [created(a), created(b)];
    expect(tb - ta).toBe(7);
    expect(await stamp(a)).toBe(`${ta} /.dockerenv\n${ta} /etc\n${ta} /etc/mtab\n`);
    expect(await stamp(b)).toBe(`${tb} /.dockerenv\n${tb} /etc\n${tb} /etc/mtab\n`);
    // a directory copied up below /etc keeps /etc's stamped time (the parent of the new one moves)
    clockOf(w).advance(3_000);
    expect((await exec(w, b, ['mkdir', '-p', '/etc/ssl/new'])).code).toBe(0);
    expect(await stamp(b)).toBe(`${tb} /.dockerenv\n${tb} /etc\n${tb} /etc/mtab\n`);
    // the very same layers under both roots (merged trees are kept by layer identity: one tree)
    const [la, lb] = [entry(a).root.lowers, entry(b).root.lowers];
    expect(la.length).toBe(lb.length);
    la.forEach((l, i) => expect(l).toBe(lb[i]));
  });
});
