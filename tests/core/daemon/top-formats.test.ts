// docker top with ps options: the daemon runs procps `ps ARGS -qPIDS` and splits
// its output into fields, so every format's titles and cells are procps's. The
// expected rows were recorded from a real engine (procps-ng 4.0.2 on the host)
// for `docker run -d alpine sleep 3600` plus `docker exec -d c sh -c 'sleep 1000'`,
// with host PIDs, times and sizes replaced by what this world gives.
import { describe, expect, it } from 'vitest';
import { api, json, runDetached, settle, worldWith } from './containers-harness';

type Top = { Titles: string[]; Processes: string[][] };

async function world() {
  const w = await worldWith(['alpine:latest']);
  await runDetached(w, { Image: 'alpine:latest', Cmd: ['sleep', '3600'] }, 'box');
  const ex = json(await api(w, 'POST', '/containers/box/exec', {}, { Cmd: ['sh', '-c', 'sleep 1000'] })) as { Id: string };
  await api(w, 'POST', `/exec/${ex.Id}/start`, {}, { Detach: true });
  await settle(w, 1_000);
  return w;
}

const top = async (w: Awaited<ReturnType<typeof world>>, psArgs?: string) => {
  const r = await api(w, 'GET', '/containers/box/top', psArgs === undefined ? {} : { ps_args: psArgs });
  return { status: r.status, body: json(r) as Top & { message?: string } };
};

describe('docker top CONTAINER [ps OPTIONS]', () => {
  it('each format has procps columns, one row a container process, host PIDs', async () => {
    const w = await world();
    const def = (await top(w)).body;
    const [pid1, pid2] = def.Processes.map((p) => p[1]);
    const shim = def.Processes[0][2];
    expect(Number(pid2)).toBeGreaterThan(Number(pid1));
    // recorded real rows, with the real engine's PIDs swapped for ours
    const real: Record<string, [string[], string[][]]> = {
      x: [['PID', 'TTY', 'STAT', 'TIME', 'COMMAND'], [[pid1, '?', 'Ss', '0:00', 'sleep 3600'], [pid2, '?', 'Ss', '0:00', 'sleep 1000']]],
      '-l': [
        ['F', 'S', 'UID', 'PID', 'PPID', 'C', 'PRI', 'NI', 'ADDR', 'SZ', 'WCHAN', 'TTY', 'TIME', 'CMD'],
        [['4', 'S', '0', pid1, shim, '0', '80', '0', '-', '*', 'hrtime', '?', '00:00:00', 'sleep']],
      ],
      '-f': [['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], [['root', pid1, shim, '0', '*', '?', '00:00:00', 'sleep 3600']]],
      u: [
        ['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND'],
        [['root', pid1, '0.0', '0.0', '*', '*', '?', 'Ss', '*', '0:00', 'sleep 3600']],
      ],
      '-eo pid,comm': [['PID', 'COMMAND'], [[pid1, 'sleep'], [pid2, 'sleep']]],
      '-o pid,user,args': [['PID', 'USER', 'COMMAND'], [[pid1, 'root', 'sleep 3600']]],
      j: [
        ['PPID', 'PID', 'PGID', 'SID', 'TTY', 'TPGID', 'STAT', 'UID', 'TIME', 'COMMAND'],
        [[shim, pid1, pid1, pid1, '?', '-1', 'Ss', '0', '0:00', 'sleep 3600'], [shim, pid2, pid2, pid2, '?', '-1', 'Ss', '0', '0:00', 'sleep 1000']],
      ],
      '-j': [['PID', 'PGID', 'SID', 'TTY', 'TIME', 'CMD'], [[pid1, pid1, pid1, '?', '00:00:00', 'sleep']]],
      l: [
        ['F', 'UID', 'PID', 'PPID', 'PRI', 'NI', 'VSZ', 'RSS', 'WCHAN', 'STAT', 'TTY', 'TIME', 'COMMAND'],
        [['4', '0', pid1, shim, '20', '0', '*', '*', 'hrtime', 'Ss', '?', '0:00', 'sleep 3600']],
      ],
      '-F': [['UID', 'PID', 'PPID', 'C', 'SZ', 'RSS', 'PSR', 'STIME', 'TTY', 'TIME', 'CMD'], [['root', pid1, shim, '0', '*', '*', '*', '*', '?', '00:00:00', 'sleep 3600']]],
      '-Fl': [
        ['F', 'S', 'UID', 'PID', 'PPID', 'C', 'PRI', 'NI', 'ADDR', 'SZ', 'WCHAN', 'RSS', 'PSR', 'STIME', 'TTY', 'TIME', 'CMD'],
        [['4', 'S', 'root', pid1, shim, '0', '80', '0', '-', '*', 'hrtime', '*', '*', '*', '?', '00:00:00', 'sleep 3600']],
      ],
      '-ly': [
        ['S', 'UID', 'PID', 'PPID', 'C', 'PRI', 'NI', 'RSS', 'SZ', 'WCHAN', 'TTY', 'TIME', 'CMD'],
        [['S', '0', pid1, shim, '0', '80', '0', '*', '*', 'hrtime', '?', '00:00:00', 'sleep']],
      ],
      '-jf': [['UID', 'PID', 'PPID', 'PGID', 'SID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], [['root', pid1, shim, pid1, pid1, '0', '*', '?', '00:00:00', 'sleep 3600']]],
      // a header renamed; and an empty one, which leaves the row's cells to the last title
      '-o comm=A,pid': [['A', 'PID'], [['sleep', pid1], ['sleep', pid2]]],
      '-o pid -o comm=': [['PID'], [[`${pid1} sleep`], [`${pid2} sleep`]]],
      // a forest: -q refuses it too, so the tree is the host's and the container's processes hang under the shim
      axjf: [
        ['PPID', 'PID', 'PGID', 'SID', 'TTY', 'TPGID', 'STAT', 'UID', 'TIME', 'COMMAND'],
        [[shim, pid1, pid1, pid1, '?', '-1', 'Ss', '0', '0:00', '\\_ sleep 3600'], [shim, pid2, pid2, pid2, '?', '-1', 'Ss', '0', '0:00', '\\_ sleep 1000']],
      ],
      // another selection list: ps refuses -q with it, the daemon runs plain ps and filters
      '-p 1': [['PID', 'TTY', 'TIME', 'CMD'], []],
    };
    for (const [args, [titles, rows]] of Object.entries(real)) {
      const r = await top(w, args);
      expect(r.status, args).toBe(200);
      expect(r.body.Titles, args).toEqual(titles);
      if (args === '-p 1') expect(r.body.Processes).toEqual([]);
      rows.forEach((row, i) => {
        const got = r.body.Processes[i];
        expect(got.length, args).toBe(row.length);
        row.forEach((cell, j) => {
          if (cell === '*') expect(got[j], `${args} ${titles[j]}`).toMatch(/^\S+$/);
          else expect(got[j], `${args} ${titles[j]}`).toBe(cell);
        });
      });
    }
    // SZ is VSZ in 4 KiB pages
    const l = (await top(w, 'l')).body.Processes[0];
    const ll = (await top(w, '-l')).body.Processes[0];
    expect(Number(ll[9])).toBe(Math.floor(Number(l[6]) / 4));
  });

  it('errors: no PID column, a column renamed PID, an unknown column, a bad option', async () => {
    const w = await world();
    const cases: Array<[string, number, string]> = [
      ['-o user,args', 500, "Couldn't find PID field in ps output"],
      ['-o pid,user=PID', 500, 'specifying "pid,user=PID" is not allowed'],
      ['-o pid,nosuch', 500, 'ps: error: unknown user-defined format specifier "nosuch"'],
      ['-Q', 500, 'ps: error: unsupported SysV option'],
      ['Q', 500, 'ps: error: unsupported option (BSD syntax)'],
      ['-l u', 500, 'ps: error: conflicting format options'],
    ];
    for (const [args, status, message] of cases) {
      const r = await top(w, args);
      expect([r.status, r.body.message], args).toEqual([status, message]);
    }
  });

  it('s shows the signal masks a trap sets; -O and O wrap columns between PID and a trailer', async () => {
    const w = await worldWith(['alpine:latest']);
    await runDetached(w, { Image: 'alpine:latest', Cmd: ['sh', '-c', 'trap "" QUIT; trap "echo" USR1; sleep 1000 & wait'] }, 'traps');
    await settle(w, 500);
    const get = async (psArgs: string) => json(await api(w, 'GET', '/containers/traps/top', { ps_args: psArgs })) as Top & { message?: string };
    // recorded: sh ignores QUIT (bit 2) and catches USR1 (bit 9); the background sleep ignores INT and QUIT
    const s = await get('s');
    expect(s.Titles).toEqual(['UID', 'PID', 'PENDING', 'BLOCKED', 'IGNORED', 'CAUGHT', 'STAT', 'TTY', 'TIME', 'COMMAND']);
    const [sh, sleep] = s.Processes;
    expect(sh.slice(2, 4)).toEqual(['0000000000000000', '0000000000000000']);
    expect(BigInt(`0x${sh[4]}`)).toBe(0x4n);
    expect(BigInt(`0x${sh[5]}`) & 0x200n).toBe(0x200n);
    expect(sleep.slice(4, 7)).toEqual(['0000000000000006', '0000000000000000', 'S']);
    expect((await get('-O rss')).Titles).toEqual(['PID', 'RSS', 'S', 'TTY', 'TIME', 'COMMAND']);
    const bsd = await get('O rss');
    expect(bsd.Titles).toEqual(['PID', 'RSS', 'S', 'TTY', 'TIME', 'COMMAND']);
    expect(bsd.Processes.map((p) => p[5])).toEqual(['sh', 'sleep']);
    // without headers the first row is taken for titles
    expect((await get('-o pid,ignored --no-headers')).message).toBe("Couldn't find PID field in ps output");
  });

  it('an interactive shell is the session leader; the job it runs is the terminal foreground group', async () => {
    const w = await worldWith(['alpine:latest']);
    await runDetached(w, { Image: 'alpine:latest', Cmd: ['sh'], Tty: true, OpenStdin: true }, 'term');
    const ex = json(await api(w, 'POST', '/containers/term/exec', {}, { Cmd: ['sleep', '500'] })) as { Id: string };
    await api(w, 'POST', `/exec/${ex.Id}/start`, {}, { Detach: true });
    await settle(w, 500);
    const r = json(await api(w, 'GET', '/containers/term/top', { ps_args: 'j' })) as Top;
    const [sh, sleep] = r.Processes;
    // PPID PID PGID SID TTY TPGID STAT
    expect(sh.slice(2, 7)).toEqual([sh[1], sh[1], 'pts/0', sh[1], 'Ss+']);
    expect(sleep.slice(2, 7)).toEqual([sleep[1], sleep[1], '?', '-1', 'Ss']);
  });
});
