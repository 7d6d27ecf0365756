import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../../src/core/image/catalog';
import { buildImage } from '../../../../src/core/image/catalog/recipe';
import { shellApplet, shellPrograms } from '../../../../src/core/userland/shell';
import { toolPrograms } from '../../../../src/core/userland/tools';
import { Machine, type MachineOptions } from '../harness';

function image(repo: string, tag: string, opts: MachineOptions = {}): Machine {
  const r = defaultCatalog().find((c) => c.path === repo)!.tags.get(tag)!;
  const layers = buildImage(r).layers.map((l) => l.layer);
  return new Machine({ layers, programs: [...shellPrograms(), ...toolPrograms({ shellApplet })], ...opts });
}

describe('the shells inside the catalog images, with the real tools', () => {
  it('debian: /bin/sh is dash, bash is bash', async () => {
    const m = image('library/debian', 'bookworm', { container: true });
    const r = await m.run(['sh', '-c', 'echo $0; nosuch']);
    expect([r.stdout, r.stderr, r.code]).toEqual(['sh\n', 'sh: 1: nosuch: not found\n', 127]);
    const b = await m.run(['bash', '-c', 'nosuch']);
    expect([b.stderr, b.code]).toEqual(['bash: line 1: nosuch: command not found\n', 127]);
  });

  it('debian: pipelines, redirections and command substitution with coreutils', async () => {
    const m = image('library/debian', 'bookworm', { container: true });
    const r = await m.run(['bash', '-c', 'cd /etc && echo "$(cat debian_version | wc -l) $(ls -d /usr | tr a-z A-Z)"; printf "b\\na\\n" | sort > /tmp/s; cat /tmp/s']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('1 /USR\na\nb\n');
  });

  it('alpine: busybox sh is PID 1 and execs the last command of -c (transcript 20)', async () => {
    const m = image('library/alpine', '3.22', { container: true });
    const r = await m.run(['/bin/sh', '-c', 'echo my pid is $$; ps']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('my pid is 1');
    expect(lines[1]).toMatch(/^PID\s+USER\s+TIME\s+COMMAND$/);
    expect(lines[2]).toMatch(/^\s+1 root\s+\S+ ps$/);
  });

  it('alpine: busybox wording for a missing command and cd', async () => {
    const m = image('library/alpine', '3.22', { container: true });
    const r = await m.run(['sh', '-c', 'nosuch; cd /nope']);
    expect(r.stderr).toBe("sh: nosuch: not found\nsh: cd: line 1: can't cd to /nope: No such file or directory\n");
  });

  it('head -c 100m /dev/zero | tail under -m 8m: Killed, pipeline exit 137 (transcript 19)', async () => {
    const m = image('library/debian', 'bookworm-slim', { container: true, limits: { memoryMax: 8 * 1024 * 1024 } });
    const r = await m.run(['sh', '-c', 'head -c 100m /dev/zero | tail; echo "pipeline exit: $?"']);
    // (head's own complaint about the broken pipe, if any, is the tool's business)
    expect(r.stderr.startsWith('Killed\n')).toBe(true);
    expect(r.stdout).toBe('pipeline exit: 137\n');
    expect(r.code).toBe(0);
  });
});
