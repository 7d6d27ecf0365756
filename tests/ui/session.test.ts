import { describe, expect, it, vi } from 'vitest';
import { PS1, PS2, Session } from '../../src/state/session.svelte';
import type { Host } from '../../src/state/host';
import type { CommandIO } from '../../src/cli/io';
import type { ImageInput } from '../../src/viz/layer-stacks';

const PROMPT_TEXT = 'student@laptop:~$ ';

/** A host whose `docker` runs the body the test gives it. */
function fakeHost(body: (argv: string[], io: CommandIO) => Promise<number>) {
  const listeners = new Set<() => void>();
  let images: ImageInput[] = [];
  const host: Host = {
    engine: { request: () => Promise.reject(new Error('not used')) },
    runDocker: vi.fn(body),
    images: () => images,
    dockerCommands: () => ({
      name: 'docker',
      children: [{ name: 'version', children: [], flags: [], args: [] }],
      flags: [],
      args: [],
    }),
    subscribe: (f) => {
      listeners.add(f);
      return () => listeners.delete(f);
    },
  };
  return {
    host,
    setImages(next: ImageInput[]) {
      images = next;
      for (const l of listeners) l();
    },
  };
}

async function setup(body: (argv: string[], io: CommandIO) => Promise<number> = async () => 0) {
  const fake = fakeHost(body);
  const session = new Session({ loadHost: async () => fake.host, columns: 100 });
  let out = '';
  session.attach({ write: (d) => (out += d) }, 100);
  await vi.waitFor(() => expect(session.ready).toBe(true));
  return {
    session,
    fake,
    /** Everything written so far, colours stripped. */
    // eslint-disable-next-line no-control-regex
    screen: () => out.replace(/\x1b\[[0-9;]*m/g, ''),
    raw: () => out,
    type: (s: string) => session.input(s),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Session', () => {
  it('draws the Debian-style coloured prompt', async () => {
    const t = await setup();
    expect(t.raw()).toBe(PS1);
    expect(PS1).toBe('\x1b[01;32mstudent@laptop\x1b[00m:\x1b[01;34m~\x1b[00m$ ');
  });

  it('says what bash says for an unknown command, with status 127', async () => {
    const t = await setup();
    t.type('kubectl get pods\r');
    await tick();
    expect(t.screen()).toBe(
      `${PROMPT_TEXT}kubectl get pods\r\nbash: kubectl: command not found\r\n${PROMPT_TEXT}`,
    );
    expect(t.session.status).toBe(127);
  });

  it('re-prompts on an empty line and ignores a comment', async () => {
    const t = await setup();
    t.type('\r   \r# note\r');
    await tick();
    expect(t.screen().split(PROMPT_TEXT).length - 1).toBe(4);
  });

  it('runs docker with the words after it, on a TTY of the terminal width', async () => {
    let seen: { argv: string[]; io: CommandIO } | undefined;
    const t = await setup(async (argv, io) => {
      seen = { argv, io };
      io.stdout.write('Hello from Docker!\n');
      return 0;
    });
    t.type(`docker run --name "my app" hello-world\r`);
    await vi.waitFor(() => expect(t.screen().endsWith(PROMPT_TEXT)).toBe(true));
    expect(seen?.argv).toEqual(['run', '--name', 'my app', 'hello-world']);
    expect(seen?.io.isTTY).toBe(true);
    expect(seen?.io.columns).toBe(100);
    // CREATED ages are computed on the world's clock, not the wall clock.
    expect(seen?.io.now?.()).toBeCloseTo(t.session.clock.now(), -3);
    expect(t.screen()).toContain('hello-world\r\nHello from Docker!\n' + PROMPT_TEXT);
  });

  it('clear writes the clear-screen sequence', async () => {
    const t = await setup();
    t.type('clear\r');
    await tick();
    expect(t.raw()).toContain('\x1b[H\x1b[2J\x1b[3J');
  });

  it('Ctrl-C kills a command that does not handle it: ^C, a new line, status 130, later output dropped', async () => {
    let io: CommandIO | undefined;
    const t = await setup((_argv, i) => {
      io = i;
      i.stdout.write('Using default tag: latest\n');
      return new Promise(() => undefined); // never finishes by itself
    });
    t.type('docker pull python\r');
    await tick();
    t.type('\x03');
    await tick();
    io?.stdout.write('too late\n');
    expect(t.screen()).toBe(
      `${PROMPT_TEXT}docker pull python\r\nUsing default tag: latest\n^C\r\n${PROMPT_TEXT}`,
    );
    expect(t.session.status).toBe(130);
    expect(io?.interrupt?.interrupted).toBe(true);
  });

  it('Ctrl-C is delivered to a command that listens, which then ends itself', async () => {
    const t = await setup(
      (_argv, io) =>
        new Promise((resolve) => {
          io.interrupt?.onInterrupt(() => {
            io.stderr.write('\ngot SIGINT\n');
            resolve(130);
          });
        }),
    );
    t.type('docker logs -f web\r');
    await tick();
    t.type('\x03');
    await vi.waitFor(() => expect(t.session.running).toBe(null));
    expect(t.screen()).toBe(`${PROMPT_TEXT}docker logs -f web\r\n^C\ngot SIGINT\n${PROMPT_TEXT}`);
  });

  it('keeps keys typed during a command unechoed and replays them at the next prompt', async () => {
    let finish: (n: number) => void = () => undefined;
    const t = await setup(() => new Promise((r) => (finish = r)));
    t.type('docker pull nginx\r');
    await tick();
    t.type('docker im');
    t.type('ages');
    expect(t.screen()).toBe(`${PROMPT_TEXT}docker pull nginx\r\n`);
    finish(0);
    await tick();
    expect(t.screen()).toBe(`${PROMPT_TEXT}docker pull nginx\r\n${PROMPT_TEXT}docker images`);
  });

  it('Ctrl-C discards the type-ahead', async () => {
    const t = await setup(() => new Promise(() => undefined));
    t.type('docker pull nginx\r');
    await tick();
    t.type('ls');
    t.type('\x03');
    await tick();
    expect(t.screen().endsWith(`^C\r\n${PROMPT_TEXT}`)).toBe(true);
  });

  it('asks for more with PS2 while a quote is open, then runs the whole command', async () => {
    const argvs: string[][] = [];
    const t = await setup(async (argv) => {
      argvs.push(argv);
      return 0;
    });
    t.type(`docker run alpine echo 'a\r`);
    expect(t.screen().endsWith(`\r\n${PS2}`)).toBe(true);
    t.type(`b'\r`);
    await vi.waitFor(() => expect(argvs).toEqual([['run', 'alpine', 'echo', 'a\nb']]));
  });

  it('Ctrl-D at PS2 reports the open quote as bash does', async () => {
    const t = await setup();
    t.type(`echo "x\r`);
    t.type('\x04');
    expect(t.screen()).toContain(
      'bash: unexpected EOF while looking for matching `"\'\r\nbash: syntax error: unexpected end of file\r\n',
    );
    expect(t.session.status).toBe(2);
  });

  it('Ctrl-D on an empty line does not leave the page’s shell', async () => {
    const t = await setup();
    t.type('\x04');
    expect(t.screen()).toBe(`${PROMPT_TEXT}Use "exit" to leave the shell.\r\n${PROMPT_TEXT}`);
  });

  it('refuses operators the shell cannot run yet, saying so', async () => {
    const t = await setup();
    t.type('docker images | grep python\r');
    await tick();
    expect(t.screen()).toContain("stevedore: this shell does not run '|' yet");
    expect(t.fake.host.runDocker).not.toHaveBeenCalled();
  });

  it('apologises for a bug in a command and gives a new prompt', async () => {
    const t = await setup(async (_argv, io) => {
      io.stdout.write('half a line');
      throw new Error('boom');
    });
    t.type('docker ps\r');
    await vi.waitFor(() => expect(t.session.running).toBe(null));
    expect(t.screen()).toContain(
      'half a line\r\nstevedore: sorry, something went wrong inside the simulator (boom).\r\n' + PROMPT_TEXT,
    );
  });

  it('gives a command a line of input when it asks (a [y/N] prompt)', async () => {
    let answer: string | null | undefined;
    const t = await setup(async (_argv, io) => {
      io.stdout.write('Are you sure you want to continue? [y/N] ');
      answer = await io.readLine?.();
      return 0;
    });
    t.type('docker image prune\r');
    await tick();
    t.type('y\r');
    await vi.waitFor(() => expect(answer).toBe('y'));
    expect(t.screen()).toContain('[y/N] y\r\n');
  });

  it('refreshes the images snapshot on daemon events and after each command', async () => {
    const t = await setup();
    const img: ImageInput = {
      id: 'sha256:ab',
      repoTags: ['hello-world:latest'],
      layers: [{ diffId: 'sha256:cd', size: 1 }],
    };
    t.fake.setImages([img]);
    await tick();
    expect(t.session.images).toEqual([img]);
  });

  it('completes docker subcommands with Tab', async () => {
    const t = await setup();
    t.type('docker ver\t');
    expect(t.screen()).toBe(`${PROMPT_TEXT}docker version `);
  });

  it('reports a simulator that failed to load, and apologises instead of running docker', async () => {
    const session = new Session({ loadHost: () => Promise.reject(new Error('chunk failed')), columns: 80 });
    let out = '';
    session.attach({ write: (d) => (out += d) }, 80);
    await vi.waitFor(() => expect(session.loadError).toBe('chunk failed'));
    session.input('docker ps\r');
    await vi.waitFor(() =>
      expect(out).toContain('sorry, something went wrong inside the simulator (chunk failed)'),
    );
  });
});
