// docker top's C and TIME from the kernel's CPU accounting: a busy Python loop uses
// its whole CPU (C at procps's cap of 99) or half of one under --cpus 0.5, with TIME
// growing; an idle sleep shows 0 and 00:00:00; ps aux's %CPU and BSD TIME agree.
import { describe, expect, it } from 'vitest';
import { api, exec, json, runDetached, settle, worldWith } from './containers-harness';

const SLIM = 'python:3.13-slim';
type Top = { Titles: string[]; Processes: string[][] };

const top = async (w: Awaited<ReturnType<typeof worldWith>>, name: string, psArgs?: string) =>
  json(await api(w, 'GET', `/containers/${name}/top`, psArgs ? { ps_args: psArgs } : {})) as Top;

/** Column `title` of PID 1's row (the first process of the container). */
const col = (t: Top, title: string) => t.Processes[0][t.Titles.indexOf(title)];

describe('docker top: C and TIME', () => {
  it('a busy loop: C 99, TIME grows; under --cpus 0.5: C about 50 and half the time', async () => {
    const w = await worldWith([SLIM]);
    const loop = ['python', '-c', 'while True: pass'];
    await runDetached(w, { Image: SLIM, Cmd: loop }, 'spin');
    await runDetached(w, { Image: SLIM, Cmd: loop, HostConfig: { NanoCpus: 500_000_000 } }, 'half');
    await runDetached(w, { Image: SLIM, Cmd: ['sleep', '3600'] }, 'idle');
    await settle(w, 2_000);
    const full = await top(w, 'spin');
    expect(full.Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(col(full, 'C')).toBe('99');
    expect(col(full, 'TIME')).toMatch(/^00:00:0[12]$/);
    const half = await top(w, 'half');
    expect(Number(col(half, 'C'))).toBeGreaterThanOrEqual(48);
    expect(Number(col(half, 'C'))).toBeLessThanOrEqual(50);
    expect(col(half, 'TIME')).toMatch(/^00:00:0[01]$/);
    const idle = await top(w, 'idle');
    expect([col(idle, 'C'), col(idle, 'TIME')]).toEqual(['0', '00:00:00']);
    // TIME keeps growing with the loop
    await settle(w, 1_500);
    expect(col(await top(w, 'spin'), 'TIME')).toMatch(/^00:00:0[34]$/);
    // ps aux: %CPU per mille, BSD TIME m:ss
    const aux = await top(w, 'half', 'aux');
    expect(aux.Titles).toEqual([
      'USER',
      'PID',
      '%CPU',
      '%MEM',
      'VSZ',
      'RSS',
      'TTY',
      'STAT',
      'START',
      'TIME',
      'COMMAND',
    ]);
    expect(Number(col(aux, '%CPU'))).toBeGreaterThan(48);
    expect(Number(col(aux, '%CPU'))).toBeLessThanOrEqual(50);
    expect(col(aux, 'TIME')).toMatch(/^0:0[12]$/);
    expect(col(await top(w, 'idle', 'aux'), '%CPU')).toBe('0.0');
    // %MEM: the resident set per mille of the host's memory
    const rss = Number(col(aux, 'RSS'));
    const pm = Math.floor((rss * 1000) / (w.hostInfo.memTotal / 1024));
    expect(col(aux, '%MEM')).toBe(`${Math.floor(pm / 10)}.${pm % 10}`);
    expect(rss).toBeGreaterThan(0);
    const o = await top(w, 'spin', '-o pid,c,time,pcpu');
    expect(o.Titles).toEqual(['PID', 'C', 'TIME', '%CPU']);
    expect(o.Processes[0].slice(1, 3)).toEqual(['99', col(await top(w, 'spin'), 'TIME')]);
  }, 60_000);

  it('ps inside the container reads the same accounting: ps -ef C and TIME, ps aux %CPU and TIME', async () => {
    const w = await worldWith(['python:3.13']);
    await runDetached(
      w,
      {
        Image: 'python:3.13',
        Cmd: ['python', '-c', 'while True: pass'],
        HostConfig: { NanoCpus: 500_000_000 },
      },
      'half',
    );
    await settle(w, 2_000);
    const ef = await exec(w, 'half', ['ps', '-ef']);
    const pid1 = ef.out.split('\n').find((l) => /^root +1 /.test(l))!;
    expect(pid1).toMatch(/^root +1 +0 (49|50) \d\d:\d\d \? +00:00:01 python -c while True: pass$/);
    // ps itself has used no CPU yet
    expect(ef.out.split('\n').find((l) => l.endsWith('ps -ef'))).toMatch(/ 0 \d\d:\d\d \? +00:00:00 ps -ef$/);
    const aux = await exec(w, 'half', ['ps', 'aux']);
    expect(aux.out.split('\n')[1]).toMatch(/^root +1 (49\.\d|50\.0) .* +0:01 python -c while True: pass$/);
  }, 60_000);
});
