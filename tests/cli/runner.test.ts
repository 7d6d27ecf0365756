import { describe, expect, it } from 'vitest';
import { controlKeys, formatStep, runScript } from '../../src/cli/runner/run-script';
import { parseRunnerArgs } from '../../src/cli/runner/cli-args';

describe('the headless runner', { timeout: 60_000 }, () => {
  it('runs lines through the laptop’s bash and writes the golden transcripts’ format', async () => {
    const r = await runScript(
      [
        '# a comment is echoed',
        'echo hello | tr a-z A-Z',
        'cd /tmp',
        'pwd',
        'printf no-newline',
        'ls /nowhere',
        'export NAME=student; echo "hi $NAME from $(pwd)"',
        '',
        'docker images',
      ].join('\n'),
    );
    expect(r.transcript).toBe(
      [
        '# a comment is echoed',
        '$ echo hello | tr a-z A-Z',
        'HELLO',
        '[exit 0]',
        '$ cd /tmp',
        '[exit 0]',
        '$ pwd',
        '/tmp',
        '[exit 0]',
        '$ printf no-newline',
        'no-newline',
        '\\ No newline at end of output',
        '[exit 0]',
        '$ ls /nowhere',
        "ls: cannot access '/nowhere': No such file or directory",
        '[exit 2]',
        '$ export NAME=student; echo "hi $NAME from $(pwd)"',
        'hi student from /tmp',
        '[exit 0]',
        '',
        '$ docker images',
        'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE',
        '[exit 0]',
        '',
      ].join('\n'),
    );
    expect(r.steps.map((s) => s.status)).toEqual([0, 0, 0, 0, 2, 0, 0]);
  });

  it('passes simulated time through sleeps without real waiting, and interrupts what waits forever', async () => {
    const r = await runScript('date +%T\nsleep 5\ndate +%T\ncat\nsleep 100000\necho after', {
      maxWaitMs: 30_000,
    });
    expect(r.transcript).toBe(
      [
        '$ date +%T',
        '21:21:03',
        '[exit 0]',
        '$ sleep 5',
        '[exit 0]',
        '$ date +%T',
        '21:21:08',
        '[exit 0]',
        // cat reads the terminal: the next line is not a comment, so it is typed into cat
        '$ cat',
        'sleep 100000',
        'sleep 100000',
        'echo after',
        'echo after',
        '[exit 0]',
        '',
      ].join('\n'),
    );
  });

  it('interrupts a command that is still running after the wait limit, as Ctrl-C', async () => {
    const r = await runScript('sleep 100000\necho $?', { maxWaitMs: 30_000 });
    expect(r.transcript).toBe('$ sleep 100000\n\n[exit 130]\n$ echo $?\n130\n[exit 0]\n');
    expect(r.steps[0].interrupted).toBe(true);
    const clock = r.world.clock.now() - Date.UTC(2026, 10, 27, 21, 21, 3);
    expect(clock).toBe(30_000);
  });

  it('gives a reading command end-of-file at a comment or the end of the script, and ^D/^C lines type those keys', async () => {
    const r = await runScript('cat > notes.txt\none\n^D\nwc -l notes.txt\ncat\n^C\ncat\n# done');
    expect(r.transcript).toBe(
      [
        '$ cat > notes.txt',
        'one',
        '[exit 0]',
        '$ wc -l notes.txt',
        '1 notes.txt',
        '[exit 0]',
        '$ cat',
        '',
        '[exit 130]',
        '$ cat',
        '[exit 0]',
        '# done',
        '',
      ].join('\n'),
    );
  });

  it('renders as a terminal with --tty: CR LF, echoed input, ^C', async () => {
    const r = await runScript('echo hi\nsleep 100000', { tty: true, maxWaitMs: 1000 });
    expect(r.transcript).toBe('$ echo hi\nhi\r\n[exit 0]\n$ sleep 100000\n^C\r\n[exit 130]\n');
  });

  it('continues an open quote on the next line, as PS2 does', async () => {
    const r = await runScript("echo 'a\nb'\necho next");
    expect(r.transcript).toBe("$ echo 'a\nb'\na\nb\n[exit 0]\n$ echo next\nnext\n[exit 0]\n");
  });

  it('is deterministic for a seed: the same IDs and names in every run', async () => {
    const script =
      'docker pull hello-world -q\ndocker create hello-world\ndocker ps -a --format "{{.Names}}"';
    const a = await runScript(script, { seed: 7 });
    const b = await runScript(script, { seed: 7 });
    expect(a.transcript).toBe(b.transcript);
    expect(a.steps[1].output).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('formats steps and control-key lines', () => {
    expect(formatStep({ command: 'true', output: '', status: 0, interrupted: false })).toBe(
      '$ true\n[exit 0]\n',
    );
    expect(controlKeys('^P^Q')).toBe('\x10\x11');
    expect(controlKeys('^C')).toBe('\x03');
    expect(controlKeys('^c')).toBeUndefined();
    expect(controlKeys('echo ^C')).toBeUndefined();
  });
});

describe('stevedore run arguments', () => {
  it('parses options and the script, with usage errors', () => {
    expect(parseRunnerArgs(['run', '--tty', '--seed', '3', '--max-wait=5', 'demo.txt'])).toEqual({
      kind: 'run',
      script: 'demo.txt',
      options: { tty: true, seed: 3, maxWaitMs: 5000 },
    });
    expect(parseRunnerArgs(['run', '-'])).toEqual({ kind: 'run', script: '-', options: {} });
    expect(parseRunnerArgs([])).toEqual({ kind: 'help' });
    expect(parseRunnerArgs(['run', '--help'])).toEqual({ kind: 'help' });
    expect(parseRunnerArgs(['go'])).toEqual({
      kind: 'error',
      message: 'unknown command "go" for "stevedore"',
    });
    expect(parseRunnerArgs(['run', '--seed', 'x', 'a'])).toMatchObject({ kind: 'error' });
    expect(parseRunnerArgs(['run', '--fast', 'a'])).toEqual({
      kind: 'error',
      message: 'unknown flag: --fast',
    });
    expect(parseRunnerArgs(['run'])).toMatchObject({ kind: 'error' });
  });
});
