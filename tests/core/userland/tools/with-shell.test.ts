import { describe, expect, it } from 'vitest';
import { shellPrograms } from '../../../../src/core/userland/shell';
import { toolPrograms } from '../../../../src/core/userland/tools';
import { alpine, debian } from './images';

const MiB = 1 << 20;

describe('tools under the shell (transcript 19)', () => {
  it("sh -c 'head -c 100m /dev/zero | tail; echo …' under -m 8m: tail is OOM-killed, the shell goes on", async () => {
    const m = alpine({ container: true, limits: { memoryMax: 8 * MiB } });
    const r = await m.run(['sh', '-c', 'head -c 100m /dev/zero | tail; echo "pipeline exit: $?"']);
    // the shell reports the kill on stderr, then echo runs (one stream in the transcript)
    expect(r.stderr).toBe('Killed\n');
    expect(r.stdout).toBe('pipeline exit: 137\n');
    expect(r.code).toBe(0);
    expect(m.cgroup!.oomKillEvents).toBeGreaterThan(0);
  });

  it('a Debian shell pipeline of GNU tools', async () => {
    const m = debian({ programs: [...toolPrograms(), ...shellPrograms()], extra: { '/usr/bin/sh': { symlink: 'dash' }, '/usr/bin/dash': { content: { kind: 'generated', size: 125_000, seed: 'elf:dash' }, mode: 0o755 } } });
    const r = await m.run(['sh', '-c', 'printf "b\\na\\nb\\n" | sort | uniq -c | sort -rn | head -n 1']);
    expect(r).toMatchObject({ stdout: '      2 b\n', stderr: '', code: 0 });
  });

  it('busybox ps from a shell in an Alpine container', async () => {
    const m = alpine({ container: true });
    const r = await m.run(['sh', '-c', 'ps; echo done']);
    expect(r.stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c ps; echo done\n    2 root      0:00 ps\ndone\n');
  });
});
