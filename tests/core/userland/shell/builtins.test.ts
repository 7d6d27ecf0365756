import { describe, expect, it } from 'vitest';
import { gen } from '../../../../src/core/fs';
import { machine, runC, type Which } from './setup';

describe('builtins', () => {
  it('a binary with no simulated program: says so, status 126', async () => {
    const m = machine('dash', {}, { '/usr/bin/top': { content: gen(90_000, 'top'), mode: 0o755 } });
    const r = await runC('dash', 'top; echo $?', { machine: m });
    expect(r.stdout).toBe('126\n');
    expect(r.stderr).toBe('stevedore: top: this program is not simulated (/usr/bin/top)\n');
  });

  it('kill %1 and jobs', async () => {
    const r = await runC('bash', 'sleep 10 & sleep 20 & jobs; kill %1; wait %1; echo "status $?"; jobs -p');
    expect(r.stdout).toBe('[1]-  Running                 sleep 10 &\n[2]+  Running                 sleep 20 &\nstatus 143\n3\n');
  });

  it('exec with only redirections changes the shell for good', async () => {
    const m = machine('dash');
    const r = await runC('dash', 'exec >/tmp/log 2>&1; echo one; nosuch; exec >/dev/null; echo gone', { machine: m });
    expect(r.stdout).toBe('');
    expect(m.fs.readFile('/tmp/log')).toBe('one\nsh: 1: nosuch: not found\n');
  });

  it('exec of a missing command ends a non-interactive shell', async () => {
    const r = await runC('dash', 'exec nosuch; echo after');
    expect([r.stdout, r.stderr, r.code]).toEqual(['', 'sh: 1: exec: nosuch: not found\n', 127]);
  });

  it('. runs a file in the current shell; return leaves it', async () => {
    const m = machine('dash', {}, { '/tmp/lib.sh': 'X=from-lib\ngreet() { echo "hello $1"; }\nreturn 3\necho never\n' });
    const r = await runC('dash', '. /tmp/lib.sh; echo "$? $X"; greet you', { machine: m });
    expect(r.stdout).toBe('3 from-lib\nhello you\n');
    const d = await runC('dash', '. nosuch.sh; echo after');
    expect([d.stderr, d.code]).toEqual(['sh: 1: .: cannot open nosuch.sh: No such file\n', 2]);
    const b = await runC('bash', 'source nosuch.sh; echo after');
    expect([b.stdout, b.stderr]).toEqual(['after\n', 'bash: line 1: nosuch.sh: No such file or directory\n']);
  });

  it('type and command -v', async () => {
    const script = 'f() { :; }; type echo f cat if nosuch; command -v echo f cat; command -v nosuch; echo $?';
    expect((await runC('dash', script)).stdout).toBe(
      'echo is a shell builtin\nf is a shell function\ncat is /usr/bin/cat\nif is a shell keyword\nnosuch: not found\necho\nf\n/usr/bin/cat\n127\n',
    );
    const b = await runC('bash', script);
    expect(b.stdout).toBe('echo is a shell builtin\nf is a function\ncat is /usr/bin/cat\nif is a shell keyword\necho\nf\n/usr/bin/cat\n1\n');
    expect(b.stderr).toBe('bash: line 1: type: nosuch: not found\n');
  });

  it('command skips functions', async () => {
    expect((await runC('dash', 'echo() { printf "fn\\n"; }; echo x; command echo y')).stdout).toBe('fn\ny\n');
  });

  it('cd -, cd with HOME, OLDPWD, pwd -P through a symlink', async () => {
    const m = machine('bash', {}, { '/link': { symlink: '/tmp' } });
    const r = await runC('bash', 'cd /link; pwd; pwd -P; cd; pwd; cd -; echo $OLDPWD', { machine: m });
    expect(r.stdout).toBe('/link\n/tmp\n/root\n/link\n/root\n');
    const u = await runC('bash', 'unset HOME; cd');
    expect([u.stderr, u.code]).toEqual(['bash: line 1: cd: HOME not set\n', 1]);
  });

  it('umask shapes files the shell creates', async () => {
    const m = machine('dash');
    const r = await runC('dash', 'umask; umask 077; echo x > /tmp/secret; umask', { machine: m });
    expect(r.stdout).toBe('0022\n0077\n');
    const st = m.fs.stat('/tmp/secret');
    expect('mode' in st && st.mode).toBe(0o600);
  });

  it('return outside a function: bash complains, dash leaves the shell', async () => {
    const b = await runC('bash', 'return 5; echo after');
    expect([b.stdout, b.stderr]).toEqual(['after\n', "bash: line 1: return: can only `return' from a function or sourced script\n"]);
    expect((await runC('dash', 'return 5; echo after')).code).toBe(5);
  });

  it('shift too far: dash exits with 2, bash returns 1', async () => {
    const d = await runC('dash', 'shift; echo after');
    expect([d.stdout, d.stderr, d.code]).toEqual(['', "sh: 1: shift: can't shift that many\n", 2]);
    expect((await runC('bash', 'shift; echo $?')).stdout).toBe('1\n');
  });

  it('export -p and set list variables in each shell’s format', async () => {
    const env = { PATH: '/bin', HOME: '/root' };
    expect((await runC('dash', 'export -p', { env })).stdout).toBe("export HOME='/root'\nexport PATH='/bin'\nexport PWD='/'\n");
    expect((await runC('bash', 'export -p', { env })).stdout).toBe('declare -x HOME="/root"\ndeclare -x PATH="/bin"\ndeclare -x PWD="/"\ndeclare -x SHLVL="1"\n');
  });

  it('read -p prompts on stderr (dash); read from a here-string of lines', async () => {
    const r = await runC('dash', 'read -p "name? " n; echo "hi $n"', { stdin: 'ann\n' });
    expect([r.stdout, r.stderr]).toEqual(['hi ann\n', 'name? ']);
  });

  it("read refuses a bad variable name before reading (ash: BusyBox's shell_builtin_read, status 1)", async () => {
    const r = await runC('ash', 'echo x y | read a/ b; echo "s=$?"; echo end');
    expect([r.stdout, r.stderr]).toEqual(['s=1\nend\n', "sh: read: 'a/': bad variable name\n"]);
  });

  it('wait for a pid gives its status; unknown pid: 127', async () => {
    expect((await runC('dash', 'exitwith 3 & p=$!; wait $p; echo $?; wait 9999; echo $?')).stdout).toBe('3\n127\n');
  });

  it('let and arithmetic assignment (bash, busybox)', async () => {
    for (const which of ['bash', 'ash'] as Which[]) {
      expect((await runC(which, 'let x=2*3 y=x+1; echo $x $y; i=0; echo $((i++)) $((++i)) $((2**10))')).stdout).toBe('6 7\n0 2 1024\n');
    }
  });

  it('echo to /dev/stderr and /dev/stdout, reading /dev/null', async () => {
    const r = await runC('dash', 'echo err >/dev/stderr; echo out >/dev/stdout; cat </dev/null; echo done');
    expect([r.stdout, r.stderr]).toEqual(['out\ndone\n', 'err\n']);
  });

  it('getopts walks options, bundles and arguments', async () => {
    const script = 'while getopts "ab:c" o; do echo "$o ${OPTARG-}"; done; shift $((OPTIND - 1)); echo "rest: $*"';
    for (const which of ['dash', 'bash', 'ash'] as Which[]) {
      expect((await runC(which, script, { args: ['sh', '-ac', '-b', 'val', '-bx', 'file', 'more'] })).stdout).toBe('a \nc \nb val\nb x\nrest: file more\n');
    }
    const bad = await runC('bash', 'getopts "a" o -z; echo "$o $?"');
    expect([bad.stdout, bad.stderr]).toEqual(['? 0\n', 'bash: illegal option -- z\n']);
    // dash and BusyBox ash print the message bare (debianutils' which relies on it)
    for (const which of ['dash', 'ash'] as Which[]) {
      const r = await runC(which, 'getopts "a" o -z; echo "$o $?"');
      expect([r.stdout, r.stderr]).toEqual(['? 0\n', 'Illegal option -z\n']);
    }
  });
});
