// Interactive sessions through the simulated daemon: `run -it`, `run -i` with piped input,
// `exec -it`, `start -ai`, `attach`; Ctrl-C (to the container's terminal with -t, forwarded
// as SIGINT by sig-proxy without), Ctrl-D, the detach keys.
import { describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import type { CapturedIO } from './engine-replay';
import { withImages } from './containers-golden';
import { detachKeyBytes } from '../../src/cli/attach-session';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
const atPython = (io: CapturedIO) => plain(io.all).endsWith('>>> ');
const atShell = (io: CapturedIO) => /# $/.test(io.all);

async function laptop(): Promise<Laptop> {
  const l = new Laptop();
  await withImages(l, ['python:3.13']);
  return l;
}

async function inspect(l: Laptop, format: string, name: string): Promise<string> {
  const r = await l.run(['inspect', '-f', format, name]);
  return r.io.out.trim();
}

describe('run -it', () => {
  it('the Python REPL reads each typed line and answers on the container terminal (CR LF)', async () => {
    const l = await laptop();
    const r = await l.docker('docker run -it --rm python:3.13', {
      tty: true,
      input: ["print('hi')", '6*7', 'exit()'],
      typeWhen: atPython,
    });
    expect(r.code).toBe(0);
    const screen = plain(r.io.all);
    expect(screen).toMatch(/^Python 3\.13\.\d+ \(main, .*\) \[GCC 12\.2\.0\] on linux\r\n/);
    expect(screen).toContain(">>> print('hi')\r\nhi\r\n>>> 6*7\r\n42\r\n>>> exit()\r\n");
    expect(r.io.err).toBe('');
  });

  it("bash's prompt names the short container ID; the shell's exit status is docker's", async () => {
    const l = await laptop();
    const r = await l.docker('docker run -it --name box python:3.13 bash', {
      tty: true,
      input: ['hostname', 'exit 3'],
      typeWhen: atShell,
    });
    expect(r.code).toBe(3);
    const id = (await inspect(l, '{{.Id}}', 'box')).slice(0, 12);
    expect(r.io.all).toBe(`root@${id}:/# hostname\r\n${id}\r\nroot@${id}:/# exit 3\r\nexit\r\n`);
    expect(await inspect(l, '{{.State.Status}} {{.State.ExitCode}}', 'box')).toBe('exited 3');
  });

  it('Ctrl-D at the prompt ends the shell', async () => {
    const l = await laptop();
    const r = await l.docker('docker run -it --rm python:3.13 bash', {
      tty: true,
      input: ['^D'],
      typeWhen: atShell,
    });
    expect(r.code).toBe(0);
  });

  it("Ctrl-C goes to the container's terminal (a SIGINT there), not through the kill API", async () => {
    const l = await laptop();
    const r = await l.docker('docker run -it --name trapped python:3.13 bash', {
      tty: true,
      input: ["trap 'echo got INT' INT", '^C', 'exit 7'],
      typeWhen: (io) => atShell(io) || io.all.endsWith('got INT\r\n'),
    });
    expect(r.io.all).toContain('got INT');
    expect(r.code).toBe(7);
    const kills = l.world.events.all().filter((e) => e.Action === 'kill');
    expect(kills).toEqual([]);
  });

  it('the detach keys leave it running, silently, with exit 0; attach joins it again', async () => {
    const l = await laptop();
    const r = await l.docker('docker run -it --name shell python:3.13 bash', {
      tty: true,
      input: ['echo before', '^P^Q'],
      typeWhen: atShell,
    });
    expect(r.code).toBe(0);
    expect(r.io.err).toBe('');
    expect(await inspect(l, '{{.State.Status}}', 'shell')).toBe('running');
    // attach shows nothing until something is typed (the prompt was printed before)
    const a = await l.docker('docker attach shell', { tty: true, input: ['echo again', '^P^Q'] });
    expect(a.io.all).toContain('again\r\n');
    expect(a.io.err).toBe('read escape sequence\n');
    expect(a.code).toBe(1);
    const b = await l.docker('docker attach shell', { tty: true, input: ['exit 2'] });
    expect(b.code).toBe(2);
    expect(await inspect(l, '{{.State.Status}} {{.State.ExitCode}}', 'shell')).toBe('exited 2');
  });

  it('-it without a terminal is refused before anything is created', async () => {
    const l = await laptop();
    const r = await l.docker('docker run -it --name never python:3.13');
    expect(r.io.all).toBe('the input device is not a TTY\n');
    expect(r.code).toBe(1);
    expect((await l.docker('docker inspect never')).io.err).toBe('Error: No such object: never\n');
  });
});

describe('run -i and -t apart', () => {
  it('-i with piped input: the lines reach stdin, the end of the pipe closes it', async () => {
    const l = await laptop();
    const r = await l.docker('docker run -i --rm python:3.13 cat', { input: ['one', 'two'] });
    expect(r.io.out).toBe('one\ntwo\n');
    expect(r.code).toBe(0);
  });

  it('without -i the program reads end of file at once', async () => {
    const l = await laptop();
    const r = await l.docker('docker run --rm python:3.13 cat', { input: ['never read'] });
    expect(r.io.all).toBe('');
    expect(r.code).toBe(0);
  });

  it('-t merges stderr into the terminal output with CR LF', async () => {
    const l = await laptop();
    const r = await l.docker("docker run -t --rm python:3.13 sh -c 'echo to-stdout; echo to-stderr >&2'", {
      tty: true,
    });
    expect(r.io.out).toBe('to-stdout\r\nto-stderr\r\n');
    expect(r.io.err).toBe('');
  });
});

describe('Ctrl-C without a TTY', () => {
  it('sig-proxy forwards SIGINT to the container (POST /kill?signal=INT)', async () => {
    const l = await laptop();
    const r = await l.docker(
      `docker run --name trap python:3.13 sh -c 'trap "echo interrupted; exit 5" INT; while true; do sleep 1; done'`,
      {
        interruptWhen: () => l.world.clock.now() > 0,
        maxMs: 60_000,
      },
    );
    expect(r.io.out).toBe('interrupted\n');
    expect(r.code).toBe(5);
    expect(l.world.events.all().some((e) => e.Action === 'kill' && e.Actor.Attributes.signal === '2')).toBe(
      true,
    );
  });

  it('--sig-proxy=false: the client dies of it (130), the container goes on', async () => {
    const l = await laptop();
    const r = await l.docker('docker run --sig-proxy=false --name goes-on python:3.13 sleep 100', {
      interruptWhen: () => true,
    });
    expect(r.code).toBe(130);
    expect(await inspect(l, '{{.State.Status}}', 'goes-on')).toBe('running');
  });
});

describe('exec -it, start -ai', () => {
  it('exec -it runs a shell beside PID 1; its exit status comes from the exec inspect', async () => {
    const l = await laptop();
    await l.docker('docker run -d --name app python:3.13 sleep 300');
    const r = await l.docker('docker exec -it app bash', {
      tty: true,
      input: ['echo $$ in exec', 'exit 4'],
      typeWhen: atShell,
    });
    expect(r.io.all).toMatch(/\r\n\d+ in exec\r\n/);
    expect(r.code).toBe(4);
    expect(await inspect(l, '{{.State.Status}}', 'app')).toBe('running');
  });

  it('start -ai attaches to a created -it container before starting it', async () => {
    const l = await laptop();
    const id = (await l.docker('docker create -it --name later python:3.13 bash')).io.out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const r = await l.docker('docker start -ai later', {
      tty: true,
      input: ['echo started', 'exit 6'],
      typeWhen: atShell,
    });
    expect(r.io.all).toContain('started\r\n');
    expect(r.code).toBe(6);
  });
});

describe('detach keys', () => {
  it('term.ToBytes: ctrl-<key> and single characters, comma separated', () => {
    expect(detachKeyBytes('')).toBe('\x10\x11');
    expect(detachKeyBytes('ctrl-p,ctrl-q')).toBe('\x10\x11');
    expect(detachKeyBytes('ctrl-a,b')).toBe('\x01b');
    expect(detachKeyBytes('ctrl-@')).toBe('\x00');
    expect(detachKeyBytes('ctrl-[')).toBe('\x1b');
    expect(detachKeyBytes('ctrl-xy')).toBeUndefined();
    expect(detachKeyBytes('abc')).toBeUndefined();
  });
});
