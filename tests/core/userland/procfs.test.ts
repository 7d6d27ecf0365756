import { describe, expect, it } from 'vitest';
import { cgroupEntries, memInfo, mountinfoText, procEntries, procLinks, type ProcOptions } from '../../../src/core/userland/procfs';
import { debian } from './tools/images';

function setup() {
  const m = debian({ container: true, firstPid: 24238, limits: { memoryMax: 64 << 20, pidsMax: 10 } });
  const init = m.spawn(['sleep', '3600']);
  const child = m.spawn(['sleep', '30'], { parent: init });
  // a docker exec: joins the namespace from outside
  const exec = m.spawn(['ps', 'aux'], { env: { FOO: 'bar' } });
  const o: ProcOptions = { kernel: m.kernel, self: exec, host: m.sys.host, cgroup: m.cgroup, mounts: [{ source: 'overlay', target: '/', fstype: 'overlay', options: 'rw,relatime' }] };
  return { m, init, child, exec, o };
}

const files = (o: ProcOptions) => new Map(procEntries(o));

describe('procEntries', () => {
  it('lists only the caller\'s PID namespace, numbered as seen there', () => {
    const { o, init } = setup();
    const f = files(o);
    const pids = [...f.keys()].filter((k) => /^\/proc\/\d+\/status$/.test(k)).map((k) => Number(k.split('/')[2]));
    expect(pids.sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(init.pid).toBe(24238);
  });

  it('status: Name, State, Pid, PPid (0 for a parent outside the namespace), Uid, VmRSS, Threads', () => {
    const { o } = setup();
    const f = files(o);
    const s1 = f.get('/proc/1/status')!;
    expect(s1).toContain('Name:\tsleep\n');
    expect(s1).toContain('State:\tS (sleeping)\n');
    expect(s1).toContain('Pid:\t1\n');
    expect(s1).toContain('PPid:\t0\n');
    expect(s1).toContain('Uid:\t0\t0\t0\t0\n');
    expect(s1).toContain('VmRSS:\t     768 kB\n');
    expect(s1).toContain('Threads:\t1\n');
    expect(s1).toContain('NSpid:\t1\n');
    expect(f.get('/proc/2/status')).toContain('PPid:\t1\n');
    expect(f.get('/proc/3/status')).toContain('PPid:\t0\n');
  });

  it('the host sees every process with host PIDs and both PIDs in NSpid', () => {
    const { m, o, init } = setup();
    const hostSelf = m.kernel.spawn({ program: async () => 0, argv: ['cat'], ns: m.sys });
    if (hostSelf === 'EAGAIN') throw new Error();
    const f = files({ ...o, self: hostSelf });
    expect(f.get(`/proc/${init.pid}/status`)).toContain(`NSpid:\t${init.pid}\t1\n`);
  });

  it('cmdline is NUL-separated; environ too; cgroup is 0::/ with a private cgroup namespace', () => {
    const { o } = setup();
    const f = files(o);
    expect(f.get('/proc/3/cmdline')).toBe('ps\0aux\0');
    expect(f.get('/proc/3/environ')).toContain('FOO=bar\0');
    expect(f.get('/proc/1/cgroup')).toBe('0::/\n');
    expect(files({ ...o, cgroupns: 'host' }).get('/proc/1/cgroup')).toBe('0::/docker/6dc22a59ab90\n');
  });

  it('meminfo, cpuinfo, uptime, loadavg, mounts and version describe the host', () => {
    const { m, o } = setup();
    const f = files(o);
    expect(f.get('/proc/meminfo')).toMatch(/^MemTotal:\s+24672668 kB\nMemFree:/);
    expect(f.get('/proc/cpuinfo')!.match(/^processor\t: \d+$/gm)).toEqual(['processor\t: 0', 'processor\t: 1']);
    expect(f.get('/proc/uptime')).toMatch(/^11820\.00 \d+\.\d\d\n$/);
    expect(f.get('/proc/loadavg')).toBe(`0.00 0.00 0.00 1/${m.kernel.processes.size} 3\n`);
    expect(f.get('/proc/mounts')).toBe('overlay / overlay rw,relatime 0 0\n');
    expect(f.get('/proc/version')).toMatch(/^Linux version 6\.8\.0-49-generic /);
  });

  it('mountinfo: IDs and parents, the per-mount flags apart from the filesystem options (the cgroup2 line scripts grep for)', () => {
    const { o } = setup();
    expect(files(o).get('/proc/1/mountinfo')).toBe('1549 1335 0:118 / / rw,relatime - overlay overlay rw\n');
    const text = mountinfoText([
      { source: 'overlay', target: '/', fstype: 'overlay', options: 'rw,relatime' },
      { source: 'sysfs', target: '/sys', fstype: 'sysfs', options: 'ro,nosuid,nodev,noexec,relatime' },
      { source: 'cgroup', target: '/sys/fs/cgroup', fstype: 'cgroup2', options: 'ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot' },
      { source: '/dev/sda1', target: '/etc/hosts', fstype: 'ext4', options: 'rw,relatime,discard,errors=remount-ro' },
    ]);
    expect(text.split('\n')).toEqual([
      '1549 1335 0:118 / / rw,relatime - overlay overlay rw',
      '1550 1549 0:119 / /sys ro,nosuid,nodev,noexec,relatime - sysfs sysfs ro',
      '1551 1550 0:120 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw,nsdelegate,memory_recursiveprot',
      '1552 1549 8:1 / /etc/hosts rw,relatime - ext4 /dev/sda1 rw,discard,errors=remount-ro',
      '',
    ]);
  });

  it('memory accounting follows what processes allocate; a spinning process is R', async () => {
    const { m, o, child } = setup();
    const before = memInfo(o.host, m.kernel).used;
    const ctx = m.kernel.contextFor(child);
    ctx.alloc(10 << 20);
    expect(memInfo(o.host, m.kernel).used - before).toBe(10 << 20);
    void ctx.spin(5000).catch(() => undefined);
    expect(files(o).get('/proc/2/status')).toContain('State:\tR (running)\n');
    expect(files(o).get('/proc/2/status')).toContain(`VmRSS:\t${String(768 + 10240).padStart(8)} kB\n`);
    expect(files(o).get('/proc/loadavg')).toMatch(/^1\.00 /);
  });
});

describe('procLinks and cgroupEntries', () => {
  it('/proc/self points to the caller\'s PID in its namespace', () => {
    const { o } = setup();
    expect(new Map(procLinks(o)).get('/proc/self')).toBe('3');
    expect(new Map(procLinks(o)).get('/proc/1/cwd')).toBe('/');
  });

  it('/sys/fs/cgroup shows the limits and live counters', () => {
    const { m } = setup();
    const f = new Map(cgroupEntries(m.cgroup!));
    expect(f.get('/sys/fs/cgroup/memory.max')).toBe(`${64 << 20}\n`);
    expect(f.get('/sys/fs/cgroup/pids.max')).toBe('10\n');
    expect(f.get('/sys/fs/cgroup/pids.current')).toBe('3\n');
    expect(f.get('/sys/fs/cgroup/memory.current')).toBe(`${3 * 786_432}\n`);
  });
});

describe('/proc/net', () => {
  it('if_inet6 lists lo\'s ::1 as Linux prints it (IPv4-only networks leave eth0 without IPv6)', () => {
    const { o } = setup();
    const f = files(o);
    expect(f.get('/proc/1/net/if_inet6')).toBe('00000000000000000000000000000001 01 80 10 80       lo\n');
    expect(f.get('/proc/3/net/if_inet6')).toBe(f.get('/proc/1/net/if_inet6'));
    expect(new Map(procLinks(o)).get('/proc/net')).toBe('self/net');
  });
});
