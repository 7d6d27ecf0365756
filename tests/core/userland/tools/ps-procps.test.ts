// procps-ng ps inside a Debian-based container: the SysV and BSD formats with
// procps's column widths (PID-like columns as wide as pid_max's 7 digits), its
// selection rules (BSD defaults want a terminal), header renames and widths.
import { describe, expect, it } from 'vitest';
import { exec, runDetached, settle, worldWith } from '../../daemon/containers-harness';
import { psLine, psColumn, type PsEntry } from '../../../../src/core/userland/tools/ps-columns';
import { parsePsArgs } from '../../../../src/core/userland/tools/ps-options';

const IMAGE = 'python:3.13';

async function ps(args: string[]) {
  const w = await worldWith([IMAGE]);
  await runDetached(w, { Image: IMAGE, Cmd: ['sleep', '1000'] }, 'deb');
  await settle(w, 1_000);
  return (await exec(w, 'deb', ['ps', ...args])).out.split('\n').slice(0, -1);
}

describe('procps ps formats', () => {
  it('-l: F S UID PID PPID C PRI NI ADDR SZ WCHAN TTY TIME CMD', async () => {
    const [head, sleep, self] = await ps(['-el']);
    expect(head).toBe('F S   UID     PID    PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD');
    expect(sleep).toMatch(/^4 S {5}0 {7}1 {7}0 {2}0 {2}80 {3}0 - +\d+ hrtime \? {8}00:00:00 sleep$/);
    // ps itself is running: R, and no wait channel
    expect(self).toMatch(/^4 R {5}0 +\d+ {7}0 {2}0 {2}80 {3}0 - +\d+ - {6}\? {8}00:00:00 ps$/);
  });

  it('BSD j, l and u; x lifts the terminal requirement of BSD defaults', async () => {
    expect(await ps(['j'])).toEqual(['   PPID     PID    PGID     SID TTY        TPGID STAT   UID   TIME COMMAND']);
    const [jh, j1] = await ps(['xj']);
    expect(jh).toBe('   PPID     PID    PGID     SID TTY        TPGID STAT   UID   TIME COMMAND');
    expect(j1).toBe('      0       1       1       1 ?             -1 Ss       0   0:00 sleep 1000');
    const [lh, l1] = await ps(['lx']);
    expect(lh).toBe('F   UID     PID    PPID PRI  NI    VSZ   RSS WCHAN  STAT TTY        TIME COMMAND');
    expect(l1).toMatch(/^4 {5}0 {7}1 {7}0 {2}20 {3}0 +\d+ +\d+ hrtime Ss {3}\? {10}0:00 sleep 1000$/);
    const [xh, x1] = await ps(['x']);
    expect([xh, x1]).toEqual(['    PID TTY      STAT   TIME COMMAND', '      1 ?        Ss     0:00 sleep 1000']);
  });

  it('-f, -F and -j, and -o with renamed headers, widths and no header at all', async () => {
    expect((await ps(['-ef']))[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect((await ps(['-eF']))[0]).toBe('UID          PID    PPID  C    SZ   RSS PSR STIME TTY          TIME CMD');
    expect((await ps(['-ej']))[0]).toBe('    PID    PGID     SID TTY          TIME CMD');
    expect((await ps(['-eo', 'pid,user:12,comm=NAME']))[0]).toBe('    PID USER         NAME');
    expect((await ps(['-e', '-o', 'pid=', '-o', 'comm=']))[0]).toBe('      1 sleep');
    expect((await ps(['--no-headers', '-eo', 'pid']))[0]).toBe('      1');
  });
});

describe('procps ps forest', () => {
  it('f draws branches under each parent, -H indents', async () => {
    const w = await worldWith([IMAGE]);
    await runDetached(w, { Image: IMAGE, Cmd: ['sh', '-c', 'sleep 100 & sleep 200 & wait'] }, 'tree');
    await settle(w, 1_000);
    const f = (await exec(w, 'tree', ['ps', 'axf', '-o', 'pid,args'])).out.split('\n');
    // roots last first: the exec'd ps (its parent is outside the namespace) before PID 1
    expect(f.slice(0, 5)).toEqual([
      '    PID COMMAND',
      '      4 ps axf -o pid,args',
      '      1 sh -c sleep 100 & sleep 200 & wait',
      '      2  \\_ sleep 100',
      '      3  \\_ sleep 200',
    ]);
    const h = (await exec(w, 'tree', ['ps', '-eH', '-o', 'pid,comm'])).out.split('\n');
    expect(h.slice(2, 4)).toEqual(['      1 sh', '      2   sleep']);
  });
});

describe('procps ps options and printer', () => {
  const lookup = { uid: (n: string) => (n === 'root' ? 0 : undefined), gid: () => undefined };
  const err = (args: string[]) => {
    const r = parsePsArgs(args, lookup);
    return 'error' in r ? r.error : undefined;
  };

  it("errors are procps's: the first reading's, after the all-BSD retry also failed", () => {
    expect(err(['-Q'])).toBe('unsupported SysV option');
    expect(err(['Q'])).toBe('unsupported option (BSD syntax)');
    expect(err(['a-x'])).toBe("embedded '-' among BSD options makes no sense");
    expect(err(['-o'])).toBe('format specification must follow -o');
    expect(err(['-o', 'pid,,comm'])).toBe('improper format list');
    expect(err(['-o', 'pid:x'])).toBe('column widths must be unsigned decimal numbers');
    expect(err(['-o', 'bogus'])).toBe('unknown user-defined format specifier "bogus"');
    expect(err(['-u', 'nobody-here'])).toBe('user name does not exist');
    expect(err(['--bogus'])).toBe('unknown gnu long option');
    expect(err(['-l', 'u'])).toBe('conflicting format options');
    expect(err(['-ay'])).toBe('modifier -y without format -l makes no sense');
    // -aux fails as SysV (-u wants a user "x") and succeeds read as BSD
    expect(err(['-aux'])).toBeUndefined();
  });

  it('a value wider than its column pushes the rest right, and later columns take the slack back', () => {
    const e = { pid: 1234567890, uid: 0, user: 'averyveryverylongname', args: 'x' } as unknown as PsEntry;
    const cols = ['pid', 'user', 'args'].map((n) => psColumn(n)!);
    const clock = { now: 0, memTotalKb: 1 };
    // PID takes 10 cells of its 7; USER is cut to 8 with a '+'
    expect(psLine(cols, e, clock)).toBe('1234567890 averyve+ x');
    expect(psLine(cols, undefined, clock)).toBe('    PID USER     COMMAND');
  });
});
