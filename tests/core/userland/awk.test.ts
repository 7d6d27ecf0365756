// awk on the model against mawk 1.3.4 20200120 (Debian's /usr/bin/awk): tests/fixtures/awk/
// mawk-1.3.4-cases.json holds programs, their input and what the real mawk printed (stdout,
// stderr, exit status), recorded by tests/fixtures/awk/record.mjs; then files, -f, output
// redirections, commands through /bin/sh, BusyBox's applet, and properties against references.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellPrograms } from '../../../src/core/userland/shell';
import { toolPrograms } from '../../../src/core/userland/tools';
import { alpine, debian } from './tools/images';

interface Case {
  args: string[];
  stdin: string;
  out: string;
  err: string;
  code: number;
}

const cases = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../fixtures/awk/mawk-1.3.4-cases.json'), 'utf8'),
) as Case[];
const ENV = { PATH: '/usr/bin:/bin', HOME: '/root', LANG: 'C' };
/** for (k in a) walks mawk's hash table: compare those outputs as sets of lines. */
const unordered = (c: Case) => c.args.some((a) => a.includes('for (name in ENVIRON)'));
const lines = (s: string) => s.split('\n').sort();

function machine(extra: Record<string, string> = {}) {
  return debian({
    programs: [...toolPrograms(), ...shellPrograms()],
    extra: {
      '/usr/bin/sh': { symlink: 'dash' },
      '/usr/bin/dash': { content: 'elf', mode: 0o755 },
      '/d': { dir: true },
      ...extra,
    },
  });
}

describe('awk: the recorded mawk 1.3.4 cases', () => {
  it.each(cases.map((c) => [JSON.stringify(c.args), c] as const))('mawk %s', async (_name, c) => {
    const m = machine();
    const r = await m.run(['mawk', ...c.args], { stdin: c.stdin, env: ENV });
    if (unordered(c)) expect([lines(r.stdout), r.stderr, r.code]).toEqual([lines(c.out), c.err, c.code]);
    else
      expect({ out: r.stdout, err: r.stderr, code: r.code }).toEqual({
        out: c.out,
        err: c.err,
        code: c.code,
      });
  });
});

describe('awk over files and commands', () => {
  it('reads file operands in order (FILENAME, FNR), var=value between them, -f program files', async () => {
    const m = machine({
      '/d/a': '1\n2\n',
      '/d/b': '3\n',
      '/d/p.awk': '{ print FILENAME, FNR, NR, x, $1 }\n',
    });
    const r = await m.run(['awk', '-f', '/d/p.awk', '/d/a', 'x=set', '/d/b']);
    expect([r.stdout, r.stderr, r.code]).toEqual(['/d/a 1 1  1\n/d/a 2 2  2\n/d/b 1 3 set 3\n', '', 0]);
    const missing = await m.run(['awk', '-f', '/d/none.awk']);
    expect([missing.stderr, missing.code]).toEqual([
      "awk: couldn't open file /d/none.awk: No such file or directory\n",
      2,
    ]);
  });

  it('print > file truncates once and appends after; >> appends; getline < file reads it back; close() lets it reopen', async () => {
    const m = machine({ '/d/out': 'old\n' });
    const r = await m.run([
      'awk',
      'BEGIN { print "a" > "/d/out"; print "b" > "/d/out"; print "c" >> "/d/log"; close("/d/out"); while ((getline l < "/d/out") > 0) print "read", l }',
    ]);
    expect([r.stdout, r.stderr, r.code]).toEqual(['read a\nread b\n', '', 0]);
    expect(m.fs.readFile('/d/out')).toBe('a\nb\n');
    expect(m.fs.readFile('/d/log')).toBe('c\n');
  });

  it('runs commands through /bin/sh: system() with its status, cmd | getline, print | cmd flushed at close or exit', async () => {
    const m = machine();
    const r = await m.run([
      'awk',
      'BEGIN { print "z\\ny\\nx" | "sort"; close("sort"); "echo one; echo two" | getline a; print "got", a; print system("exit 7") }',
    ]);
    expect([r.stdout, r.stderr, r.code]).toEqual(['x\ny\nz\ngot one\n7\n', '', 0]);
    const atExit = await m.run(['awk', 'BEGIN { print "b\\na" | "sort" ; print "first" }']);
    expect(atExit.stdout).toBe('first\na\nb\n');
  });

  it('is awk and mawk on Debian (errors name the program as invoked), and BusyBox has its own applet', async () => {
    const m = machine();
    expect((await m.run(['awk', '{'])).stderr).toBe('awk: line 2: missing } near end of file\n');
    const b = alpine();
    const r = await b.run(['awk', '-F:', '{ print $1 }'], { stdin: 'root:x:0\n' });
    expect([r.stdout, r.code]).toEqual(['root\n', 0]);
    expect((await b.run(['awk', '{'])).stderr).toBe('awk: cmd. line:2: missing } near end of file\n');
  });
});

describe('awk properties', () => {
  const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);
  const blanks = fc.stringMatching(/^[ \t]{0,3}$/);

  it('default field splitting: fields are the blank-separated words, leading and trailing blanks ignored', async () => {
    const m = machine();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(blanks, word), { maxLength: 6 }), blanks, async (parts, tail) => {
        const line = parts.map(([b, w]) => b + w).join(' ') + tail;
        const r = await m.run(['awk', '{ print NF; for (i = 1; i <= NF; i++) print $i }'], {
          stdin: `${line}\n`,
        });
        const words = parts.map(([, w]) => w);
        expect(r.stdout).toBe([String(words.length), ...words].map((s) => `${s}\n`).join(''));
      }),
      { numRuns: 40 },
    );
  });

  it('sums and counts agree with the numbers given (integers print as integers)', async () => {
    const m = machine();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -100000, max: 100000 }), { maxLength: 20 }), async (ns) => {
        const r = await m.run(['awk', '{ s += $1; n++ } END { print s + 0, n + 0 }'], {
          stdin: ns.map((n) => `${n}\n`).join(''),
        });
        expect(r.stdout).toBe(`${ns.reduce((a, b) => a + b, 0)} ${ns.length}\n`);
      }),
      { numRuns: 40 },
    );
  });

  it('gsub of a literal character is replaceAll, and returns how many it replaced', async () => {
    const m = machine();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[abc.]{0,12}$/), fc.constantFrom('a', 'b', '.'), async (s, c) => {
        const re = c === '.' ? '\\.' : c;
        const r = await m.run(['awk', `{ n = gsub(/${re}/, "<&>"); print n ":" $0 }`], { stdin: `${s}\n` });
        expect(r.stdout).toBe(`${s.split(c).length - 1}:${s.split(c).join(`<${c}>`)}\n`);
      }),
      { numRuns: 40 },
    );
  });
});
