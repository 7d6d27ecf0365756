import { describe, expect, it, vi } from 'vitest';
import { PS1, Session } from '../../src/state/session.svelte';
import { loadWorldHost } from '../../src/state/world-host';
import { RealClock } from '../../src/state/real-clock';

const PROMPT_TEXT = 'student@laptop:~$ ';
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** A page session on a real World (the laptop's bash, the docker program, the daemon), sped up tenfold. */
async function setup() {
  const clock = new RealClock(undefined, 10);
  const session = new Session({ loadHost: (c) => loadWorldHost(c), clock, columns: 100, rows: 30 });
  let out = '';
  session.attach({ write: (d) => (out += d) }, 100, 30);
  await vi.waitFor(() => expect(session.ready).toBe(true), { timeout: 10_000 });
  const t = {
    session,
    /** Everything written so far, escape sequences stripped. */
    screen: () => plain(out),
    raw: () => out,
    type: (s: string) => session.input(s),
    /** Wait until the screen ends with a fresh prompt, n prompts after the first. */
    async prompt(n = 1) {
      await vi.waitFor(
        () => {
          const s = plain(out);
          expect(s.split(PROMPT_TEXT).length - 1).toBeGreaterThanOrEqual(n + 1);
          expect(s.endsWith('$ ')).toBe(true);
        },
        { timeout: 10_000 },
      );
    },
    /** The text after the last prompt's command line up to the next prompt. */
    last(): string {
      const parts = plain(out).split(/student@laptop:[^$]*\$ /);
      return parts[parts.length - 2] ?? '';
    },
  };
  await vi.waitFor(() => expect(plain(out).endsWith(PROMPT_TEXT)).toBe(true), { timeout: 45_000 });
  return t;
}

describe('Session on the laptop', { timeout: 60_000 }, () => {
  it("draws the prompt at once, then bash's own prompt in its place", async () => {
    const clock = new RealClock(undefined, 10);
    let release: () => void = () => undefined;
    const loading = new Promise<void>((r) => (release = r));
    const session = new Session({
      loadHost: (c) => loading.then(() => loadWorldHost(c)),
      clock,
      columns: 80,
    });
    let out = '';
    session.attach({ write: (d) => (out += d) }, 80);
    expect(out).toBe(PS1);
    session.input('echo early\r');
    release();
    await vi.waitFor(() => expect(plain(out)).toContain('early\r\n'), { timeout: 45_000 });
    // the provisional prompt's line is erased; bash draws its own and the early line runs after it
    expect(out).toBe(`${PS1}\r\x1b[2K${PS1}echo early\r\nearly\r\n${PS1}`);
  });

  it('runs command lines through bash: pipes, cd, $(…), unknown commands, $?', async () => {
    const t = await setup();
    t.type('echo hello | tr a-z A-Z\r');
    await t.prompt(1);
    expect(t.last()).toBe('echo hello | tr a-z A-Z\r\nHELLO\r\n');
    t.type('cd /tmp && echo "$(pwd)"\r');
    await vi.waitFor(() => expect(t.screen().endsWith('student@laptop:/tmp$ ')).toBe(true));
    expect(t.last()).toContain('/tmp\r\n');
    t.type('kubectl get pods\r');
    await vi.waitFor(() => expect(t.screen()).toContain('kubectl: command not found'));
    await vi.waitFor(() => expect(t.session.status).toBe(127));
  });

  it('runs docker as a program on the laptop', async () => {
    const t = await setup();
    t.type('docker images | head -1\r');
    await t.prompt(1);
    expect(t.last()).toMatch(
      /^docker images \| head -1\r\nREPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\r\n$/,
    );
    expect(t.session.status).toBe(0);
  });

  it('Ctrl-C at the prompt abandons the line: ^C, a new prompt, $? 130', async () => {
    const t = await setup();
    t.type('echo never');
    t.type('\x03');
    await t.prompt(1);
    expect(t.screen().endsWith(`${PROMPT_TEXT}echo never^C\r\n${PROMPT_TEXT}`)).toBe(true);
    await vi.waitFor(() => expect(t.session.status).toBe(130));
    t.type('echo again\r');
    await t.prompt(2);
    expect(t.last()).toBe('echo again\r\nagain\r\n');
  });

  it('Ctrl-C interrupts a running command and drops the type-ahead', async () => {
    const t = await setup();
    t.type('sleep 100\r');
    await vi.waitFor(() => expect(t.session.running).toBe('sleep 100'));
    // bash has started sleep by the time a person presses a key
    await new Promise((r) => setTimeout(r, 50));
    t.type('ls');
    t.type('\x03');
    await t.prompt(1);
    expect(t.screen().endsWith(`sleep 100\r\n^C\r\n${PROMPT_TEXT}`)).toBe(true);
    expect(t.session.status).toBe(130);
    expect(t.session.running).toBe(null);
  });

  it('keeps keys typed while a command runs and gives them to the next prompt', async () => {
    const t = await setup();
    t.type('sleep 1\r');
    await vi.waitFor(() => expect(t.session.running).toBe('sleep 1'));
    t.type('echo typed ahead\r');
    await t.prompt(2);
    expect(t.screen()).toContain(`sleep 1\r\n${PROMPT_TEXT}echo typed ahead\r\ntyped ahead\r\n`);
  });

  it('gives a reading command the lines typed, with Ctrl-D as end of file; heredocs prompt with PS2', async () => {
    const t = await setup();
    t.type('cat > notes.txt\r');
    await vi.waitFor(() => expect(t.session.running).toBe('cat > notes.txt'));
    t.type('first line\r');
    t.type('\x04');
    await t.prompt(1);
    t.type('cat <<END\r');
    await vi.waitFor(() => expect(t.screen().endsWith('> ')).toBe(true));
    t.type('$(wc -l < notes.txt) line\r');
    t.type('END\r');
    await t.prompt(2);
    expect(t.screen()).toContain('> END\r\n1 line\r\n');
  });

  it('asks a question and reads the answer on the same line ([y/N])', async () => {
    const t = await setup();
    t.type('docker image prune\r');
    await vi.waitFor(() => expect(t.screen()).toContain('[y/N] '));
    t.type('y\r');
    await t.prompt(1);
    expect(t.screen()).toContain(
      'Are you sure you want to continue? [y/N] y\r\nTotal reclaimed space: 0B\r\n',
    );
  });

  it('completes docker subcommands and paths with Tab', async () => {
    const t = await setup();
    t.type('docker ver\t');
    expect(t.screen().endsWith(`${PROMPT_TEXT}docker version `)).toBe(true);
    t.type('\x15ls /ho\t');
    expect(t.screen().endsWith('ls /home/')).toBe(true);
    t.type('\x15nan\t');
    expect(t.screen().endsWith('nano ')).toBe(true);
  });

  it('edits a file with nano in raw mode and returns to the shell', async () => {
    const t = await setup();
    t.type('nano todo.txt\r');
    await vi.waitFor(() => expect(t.screen()).toContain('[ New File ]'));
    t.type('milk');
    t.type('\x18');
    await vi.waitFor(() => expect(t.screen()).toContain('Save modified buffer?'));
    t.type('y');
    await vi.waitFor(() => expect(t.screen()).toContain('File Name to Write: todo.txt'));
    t.type('\r');
    await vi.waitFor(() => expect(t.raw()).toContain('\x1b[?1049l'));
    t.type('cat todo.txt\r');
    await vi.waitFor(() => expect(t.screen()).toContain('cat todo.txt\r\nmilk\r\n'));
  });

  it('opens a new shell when bash exits', async () => {
    const t = await setup();
    t.type('cd /tmp\r');
    await vi.waitFor(() => expect(t.screen().endsWith('student@laptop:/tmp$ ')).toBe(true));
    t.type('exit\r');
    await vi.waitFor(() => expect(t.raw().endsWith(`exit\r\nexit\r\n\r\x1b[2K${PS1}`)).toBe(true), {
      timeout: 10_000,
    });
  });

  it('refreshes the images snapshot when the daemon changes the store', async () => {
    const t = await setup();
    expect(t.session.images).toEqual([]);
    t.type('docker pull hello-world\r');
    await vi.waitFor(
      () => expect(t.session.images.map((i) => i.repoTags)).toEqual([['hello-world:latest']]),
      {
        timeout: 10_000,
      },
    );
  });

  it('lists the Engine API requests each command line sent, for the API panel', async () => {
    const t = await setup();
    t.type('docker ps -a; docker volume ls\r');
    await t.prompt(1);
    await vi.waitFor(() => expect(t.session.requests.length).toBe(4));
    expect(
      t.session.requests.map((r) => [r.command, `${r.entry.method} ${r.entry.path} ${r.entry.status}`]),
    ).toEqual([
      ['docker ps -a; docker volume ls', 'HEAD /_ping 200'],
      ['docker ps -a; docker volume ls', 'GET /v1.51/containers/json 200'],
      ['docker ps -a; docker volume ls', 'HEAD /_ping 200'],
      ['docker ps -a; docker volume ls', 'GET /v1.51/volumes 200'],
    ]);
    expect(t.session.requests[1].entry.query).toMatchObject({ all: '1' });
  });

  it('reports a simulator that failed to load, and apologises when a command is typed', async () => {
    const session = new Session({ loadHost: () => Promise.reject(new Error('chunk failed')), columns: 80 });
    let out = '';
    session.attach({ write: (d) => (out += d) }, 80);
    await vi.waitFor(() => expect(session.loadError).toBe('chunk failed'));
    session.input('docker ps\r');
    expect(out).toContain('sorry, something went wrong inside the simulator (chunk failed)');
    expect(out.endsWith(PS1)).toBe(true);
  });
});
