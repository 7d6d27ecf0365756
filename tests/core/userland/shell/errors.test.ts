import { describe, expect, it } from 'vitest';
import { runC, type Which } from './setup';

// [script, dash stderr, bash stderr, ash stderr, [dash, bash, ash] exit codes]
// (a failed redirection is 1 in BusyBox ash, as its redirectsafe returns setjmp's 1; checked on BusyBox 1.35)
type Case = [string, string, string, string, [number, number, number]];

const CASES: Case[] = [
  ['foo', 'sh: 1: foo: not found\n', 'bash: line 1: foo: command not found\n', 'sh: foo: not found\n', [127, 127, 127]],
  ['echo a; nope arg', 'sh: 1: nope: not found\n', 'bash: line 1: nope: command not found\n', 'sh: nope: not found\n', [127, 127, 127]],
  ['./nope', 'sh: 1: ./nope: not found\n', 'bash: line 1: ./nope: No such file or directory\n', 'sh: ./nope: not found\n', [127, 127, 127]],
  ['/etc/passwd', 'sh: 1: /etc/passwd: Permission denied\n', 'bash: line 1: /etc/passwd: Permission denied\n', 'sh: /etc/passwd: Permission denied\n', [126, 126, 126]],
  ['/tmp', 'sh: 1: /tmp: Permission denied\n', 'bash: line 1: /tmp: Is a directory\n', 'sh: /tmp: Permission denied\n', [126, 126, 126]],
  ['cd /nope', "sh: 1: cd: can't cd to /nope\n", 'bash: line 1: cd: /nope: No such file or directory\n', "sh: cd: line 1: can't cd to /nope: No such file or directory\n", [2, 1, 2]],
  ['cd /etc/passwd', "sh: 1: cd: can't cd to /etc/passwd\n", 'bash: line 1: cd: /etc/passwd: Not a directory\n', "sh: cd: line 1: can't cd to /etc/passwd: Not a directory\n", [2, 1, 2]],
  ['echo x > /nope/f', 'sh: 1: cannot create /nope/f: Directory nonexistent\n', 'bash: line 1: /nope/f: No such file or directory\n', "sh: can't create /nope/f: nonexistent directory\n", [2, 1, 1]],
  ['echo x > /tmp', 'sh: 1: cannot create /tmp: Is a directory\n', 'bash: line 1: /tmp: Is a directory\n', "sh: can't create /tmp: Is a directory\n", [2, 1, 1]],
  ['cat < /nope', 'sh: 1: cannot open /nope: No such file\n', 'bash: line 1: /nope: No such file or directory\n', "sh: can't open /nope: no such file\n", [2, 1, 1]],
  ['if true; then', 'sh: 1: Syntax error: end of file unexpected (expecting "fi")\n', 'bash: -c: line 1: syntax error: unexpected end of file\n', 'sh: syntax error: unexpected end of file (expecting "fi")\n', [2, 2, 2]],
  ['fi', 'sh: 1: Syntax error: "fi" unexpected\n', "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `fi'\n", 'sh: syntax error: unexpected "fi"\n', [2, 2, 2]],
  ['echo a; done', 'sh: 1: Syntax error: "done" unexpected\n', "bash: -c: line 1: syntax error near unexpected token `done'\nbash: -c: line 1: `echo a; done'\n", 'sh: syntax error: unexpected "done"\n', [2, 2, 2]],
  ['echo "abc', 'sh: 1: Syntax error: Unterminated quoted string\n', 'bash: -c: line 1: unexpected EOF while looking for matching `"\'\n', 'sh: syntax error: unterminated quoted string\n', [2, 2, 2]],
  ['echo ok\n(', 'sh: 2: Syntax error: end of file unexpected (expecting ")")\n', 'bash: -c: line 2: syntax error: unexpected end of file\n', 'sh: syntax error: unexpected end of file (expecting ")")\n', [2, 2, 2]],
  ['echo $((1/0)); echo after', 'sh: 1: arithmetic expression: division by zero: "1/0"\n', 'bash: line 1: 1/0: division by 0 (error token is "0")\n', 'sh: divide by zero\n', [2, 1, 2]],
  ['echo ${nope?is missing}; echo after', 'sh: 1: nope: is missing\n', 'bash: line 1: nope: is missing\n', 'sh: nope: is missing\n', [2, 127, 2]],
  ['set -u; echo $nope; echo after', 'sh: 1: nope: parameter not set\n', 'bash: line 1: nope: unbound variable\n', 'sh: nope: parameter not set\n', [2, 127, 2]],
  ['[ 1 -eq x ]', 'sh: 1: [: Illegal number: x\n', 'bash: line 1: [: x: integer expression expected\n', 'sh: x: bad number\n', [2, 2, 2]],
  ['[ 1 = 1', 'sh: 1: [: missing ]\n', "bash: line 1: [: missing `]'\n", 'sh: missing ]\n', [2, 2, 2]],
  ['kill -9 99999', 'sh: 1: kill: No such process\n', 'bash: line 1: kill: (99999) - No such process\n', "sh: kill: line 1: can't kill pid 99999: No such process\n", [1, 1, 1]],
  ['trap "echo" NOSUCH', 'sh: 1: trap: NOSUCH: bad trap\n', 'bash: line 1: trap: NOSUCH: invalid signal specification\n', 'sh: trap: line 1: NOSUCH: bad trap\n', [1, 1, 1]],
  ['readonly R=1; R=2; echo after', 'sh: 1: R: is read only\n', 'bash: line 1: R: readonly variable\n', 'sh: R: is read only\n', [2, 0, 2]],
];

const FLAVOURS: Which[] = ['dash', 'bash', 'ash'];

describe('error messages and statuses, each in its shell’s words', () => {
  for (const [k, which] of FLAVOURS.entries()) {
    it.each(CASES)(`${which}: %s`, async (script, ...rest) => {
      const r = await runC(which, script);
      expect(r.stderr).toBe(rest[k]);
      expect(r.code).toBe(rest[3][k]);
    });
  }

  it('bash runs the next line after an arithmetic error, dash exits', async () => {
    expect((await runC('bash', 'echo $((1/0)); echo same-line\necho next-line')).stdout).toBe('next-line\n');
    expect((await runC('dash', 'echo $((1/0))\necho next-line')).stdout).toBe('');
  });

  it('names the script and its line in messages from a script file', async () => {
    const { machine } = await import('./setup');
    for (const [which, stderr] of [
      ['dash', '/tmp/s.sh: 3: /tmp/s.sh: nope: not found\n/tmp/s.sh: 4: cd: can\'t cd to /x\n'],
      ['bash', '/tmp/s.sh: line 3: nope: command not found\n/tmp/s.sh: line 4: cd: /x: No such file or directory\n'],
      ['ash', '/tmp/s.sh: line 3: nope: not found\n/tmp/s.sh: cd: line 4: can\'t cd to /x: No such file or directory\n'],
    ] as const) {
      const m = machine(which, {}, { '/tmp/s.sh': 'echo one\n\nnope\ncd /x\necho end\n' });
      const r = await m.run([which === 'bash' ? 'bash' : 'sh', '/tmp/s.sh']);
      expect(r.stdout).toBe('one\nend\n');
      expect(r.stderr).toBe(stderr);
    }
  });

  it('reports a missing script as each shell does', async () => {
    expect((await runC('dash', '', { machine: undefined })).code).toBe(0);
    const { machine } = await import('./setup');
    const d = await machine('dash').run(['sh', '/nope.sh']);
    expect([d.stderr, d.code]).toEqual(['sh: 0: cannot open /nope.sh: No such file\n', 2]);
    const b = await machine('bash').run(['bash', '/nope.sh']);
    expect([b.stderr, b.code]).toEqual(['bash: /nope.sh: No such file or directory\n', 127]);
    const a = await machine('ash').run(['sh', '/nope.sh']);
    expect([a.stderr, a.code]).toEqual(["sh: can't open '/nope.sh': No such file or directory\n", 2]);
  });
});
