// Grammar-based fuzzing of the docker CLI and the laptop's shell: random
// command lines built from the CLI's own command table (real commands,
// their flags with plausible and implausible values, image and container
// names), and random bytes. Whatever comes in: no exception escapes, a
// failing command says so the way Docker does, and the world stays whole
// (image store refcounts, no orphan layers, container states that match
// their processes). Runs are bounded so the whole file takes seconds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import type { Command } from '../../src/cli/command';
import { buildDockerCommand, runDocker } from '../../src/cli/docker';
import type { CommandIO } from '../../src/cli/io';
import { runScript } from '../../src/cli/runner/run-script';
import { createWorld, type World } from '../../src/core/world';

const T0 = Date.UTC(2026, 10, 27, 21, 21, 3);
const macrotask = () => new Promise<void>((r) => setImmediate(r));

interface Leaf {
  path: string[];
  cmd: Command;
}

function leaves(cmd: Command, path: string[] = []): Leaf[] {
  if (cmd.children.length === 0) return [{ path, cmd }];
  return [{ path, cmd }, ...cmd.children.flatMap((c) => leaves(c, [...path, c.name]))];
}

const COMMANDS = leaves(buildDockerCommand()).filter((l) => l.path.length > 0);

const IMAGES = [
  'hello-world',
  'alpine',
  'alpine:3.22',
  'busybox',
  'nginx:latest',
  'nope/nothing',
  'UPPER',
  'sha256:0123',
  'a:b:c',
];
const CONTAINERS = ['web', 'box', 'ghost', 'we', '0', ''];
const WORDS = ['echo', 'hi', 'sleep', '1', 'sh', '-c', 'exit 3', 'cat', 'ls', '/', '--', '-'];
const VALUES = [
  '',
  'x',
  'web',
  '80',
  '8080:80',
  '127.0.0.1:9000:90/udp',
  'abc',
  '1m',
  '-1',
  '0',
  '1.5',
  'a=b',
  'name=web',
  'dangling=true',
  'status=exited',
  '/tmp',
  './data:/data',
  'vol:/v:ro',
  'always',
  'on-failure:2',
  'no',
  'SIGKILL',
  'TERM',
  'table {{.ID}}',
  '{{.Name}}',
  '{{json .}}',
  '{{.Nope}}',
  'json',
  'type=volume,target=/x',
  'never',
  'missing',
  '1000:1000',
  'root',
  'ctrl-x',
];

const word = fc.oneof(
  fc.constantFrom(...IMAGES),
  fc.constantFrom(...CONTAINERS),
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 6 }),
);

/** One command line of the grammar: a command path, some of its flags with values, positionals. */
const commandLine: fc.Arbitrary<string[]> = fc
  .record({
    leaf: fc.constantFrom(...COMMANDS),
    flagPicks: fc.array(fc.record({ i: fc.nat(), value: fc.constantFrom(...VALUES), form: fc.nat(2) }), {
      maxLength: 3,
    }),
    args: fc.array(word, { maxLength: 4 }),
  })
  .map(({ leaf, flagPicks, args }) => {
    const specs = (leaf.cmd.spec.flags ?? []).filter((f) => !f.hidden);
    const flags: string[] = [];
    for (const p of flagPicks) {
      if (specs.length === 0) break;
      const f = specs[p.i % specs.length];
      const name = p.form === 0 && f.shorthand ? `-${f.shorthand}` : `--${f.name}`;
      if (f.kind === 'bool') flags.push(p.form === 2 ? `${name}=${p.value === '' ? 'false' : 'true'}` : name);
      else if (p.form === 2 && name.startsWith('--')) flags.push(`${name}=${p.value}`);
      else flags.push(name, p.value);
    }
    // detached where it runs containers: an attached session needs typing this run cannot give
    const run = leaf.path.join(' ') === 'run' || leaf.path.join(' ') === 'container run';
    return [...leaf.path, ...flags, ...(run ? ['-d'] : []), ...args];
  });

const randomArgv = fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 5 });

interface Ran {
  out: string;
  err: string;
  code: number;
  /** It waited forever and got Ctrl-C. */
  interrupted: boolean;
}

/** Run docker on the world, moving the clock; a command that waits forever gets Ctrl-C, then again. */
async function docker(world: World, argv: string[], tty: boolean): Promise<Ran> {
  const clock = world.clock as VirtualClock;
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  let interrupted = false;
  const io: CommandIO = {
    stdout: { write: (s) => (out += s) },
    stderr: { write: (s) => (err += s) },
    isTTY: tty,
    columns: 80,
    rows: 24,
    readLine: async () => null,
    interrupt: {
      get interrupted() {
        return interrupted;
      },
      onInterrupt(cb) {
        listeners.add(cb);
        return () => listeners.delete(cb);
      },
    },
    env: { HOME: '/home/student', USER: 'student', PATH: '/usr/bin:/bin' },
    now: () => clock.now(),
    sleep: (ms) => new Promise((r) => clock.setTimeout(r, ms)),
    hostFs: world.hostFs.as({ uid: 1000, gid: 1000, cwd: '/home/student' }),
  };
  let code: number | undefined;
  let failure: unknown;
  runDocker(argv, io, world.engine).then(
    (c) => (code = c),
    (e: unknown) => (failure = e),
  );
  // a minute of simulated time, then Ctrl-C (three times at most); a command Ctrl-C cannot end
  // (attach with --sig-proxy to a PID 1 that ignores SIGINT) waits for its container, up to an hour
  const start = clock.now();
  let budget = 60_000;
  let interrupts = 0;
  for (let i = 0; i < 50_000 && code === undefined && failure === undefined; i++) {
    await macrotask();
    if (code !== undefined || failure !== undefined) break;
    const due = clock.nextDue();
    if (due !== undefined && due - start < budget) {
      clock.runNext();
      continue;
    }
    await macrotask();
    if (code !== undefined || failure !== undefined) break;
    if (interrupts < 3) {
      interrupts++;
      interrupted = true;
      for (const l of [...listeners]) l();
      budget = clock.now() - start + 60_000;
    } else if (budget < 3_600_000 && due !== undefined) budget = 3_600_000;
    else throw new Error(`docker ${JSON.stringify(argv)} does not end, even after Ctrl-C and an hour`);
  }
  if (failure !== undefined)
    throw new Error(`docker ${JSON.stringify(argv)} threw: ${String(failure)}`, { cause: failure });
  if (code === undefined) throw new Error(`docker ${JSON.stringify(argv)} did not finish`);
  return { out, err, code, interrupted };
}

/**
 * How Docker's failures start (cli/error.go, cobra's messages, the daemon's
 * errors as the client prints them) and what Stevedore says of what it does not simulate.
 */
const DOCKER_SHAPED = [
  /^docker: /,
  /^Error/,
  /^error /,
  /^unknown /,
  /^invalid /,
  /^"docker [^"]*" requires /,
  /^"docker [^"]*" accepts /,
  /^Stevedore does not simulate /,
  /^Usage: /,
  /^flag needs an argument/,
  /^Unable to find image /,
  /^No such /,
  /^template parsing error/,
  /^the input device is not a TTY/,
  /^you cannot /i,
  /^Conflicting options/,
  /^conflicting options/,
  /^Cannot /,
  /^WARNING/,
  /^must /,
  /^failed to /,
  /^bad /,
  /^Total reclaimed space/,
  /^Deleted /,
  /^Untagged/,
  /^Login did not succeed/,
  // the CLI's own bare errors (cli/command/container/rm.go, cp.go)
  /^container name cannot be empty$/,
  /^copying between containers is not supported$/,
  /^open [^:]*: no such file or directory$/,
  /^the --[a-z-]+ option requires /,
  /^[a-z0-9.:/_-]+: (Pulling|Already|Pull|Waiting|Download|Verifying|Extracting)/,
  // docker compose prints its errors bare (compose-go's and the compose service's messages)
  /^no configuration file provided: not found$/,
  /^no such service: /,
  /^validating \//,
  /^service "[^"]*" /,
  /^yaml: /,
  /^invalid project name /,
  /^env file /,
  /^open \/.*: no such file or directory$/,
  /^.*Stevedore does not simulate /,
];

function checkOutput(argv: string[], r: Ran): void {
  const all = r.out + r.err;
  for (const bug of ['[object Object]', 'undefined', 'NaN', 'TypeError', 'internal error'])
    expect(all.includes(bug), `docker ${JSON.stringify(argv)} printed "${bug}":\n${all}`).toBe(false);
  // exit 0, or 130 after the Ctrl-C that ended a command waiting forever (Docker 28 ends quietly)
  if (r.code === 0 || (r.interrupted && r.code === 130)) return;
  // a program run in a container failed: its own stderr, its own exit status
  const ran = /^(container )?(exec|run)$/.test(argv.slice(0, argv[0] === 'container' ? 2 : 1).join(' '));
  if (ran && !/^(docker: |Error)/.test(r.err)) return;
  const first = r.err.split('\n').find((l) => l.trim() !== '') ?? '';
  expect(
    DOCKER_SHAPED.some((re) => re.test(first)),
    `docker ${JSON.stringify(argv)} exit ${r.code} with stderr:\n${r.err}`,
  ).toBe(true);
}

/** The image store's bookkeeping and every container's state against its process. */
function checkWorld(world: World): void {
  const store = world.images.store;
  const layers = store.allLayers();
  const byChain = new Map(layers.map((l) => [l.chainId, l]));
  const expected = new Map<string, number>();
  for (const id of store.imageIds()) {
    const chain = store.chainOf(id);
    for (const c of chain) expect(byChain.has(c), `image ${id} lacks layer ${c}`).toBe(true);
    const top = chain[chain.length - 1];
    if (top) expected.set(top, (expected.get(top) ?? 0) + 1);
  }
  for (const l of layers) if (l.parent) expected.set(l.parent, (expected.get(l.parent) ?? 0) + 1);
  // every container holds its image's top layer (its RW layer's parent) while it exists
  for (const c of world.daemon.all()) {
    const top = c.layerHold;
    // while its image is there, what it holds is that image's top layer
    if (c.rec.ImageId && store.imageIds().includes(c.rec.ImageId))
      expect(top, `container ${c.id} holds its image's top layer`).toBe(store.topLayer(c.rec.ImageId));
    if (top !== undefined) expected.set(top, (expected.get(top) ?? 0) + 1);
  }
  for (const l of layers) {
    // no orphan layers: everything stored is held by an image, a container or a child layer, exactly as often
    expect(l.refs, `orphan layer ${l.chainId}`).toBeGreaterThan(0);
    expect(l.refs, `refcount of ${l.chainId}`).toBe(expected.get(l.chainId) ?? 0);
  }
  for (const c of world.daemon.all()) {
    const state = c.machineState;
    const alive = c.live?.pid1.alive === true;
    if (state === 'running' || state === 'paused' || state === 'stopping') {
      expect(alive, `${c.name} is ${state} without a live PID 1`).toBe(true);
      expect(c.rec.State.Pid).toBe(c.live?.pid1.pid);
    } else if (state !== 'restarting') {
      expect(alive, `${c.name} is ${state} with a live PID 1`).toBe(false);
      expect(c.rec.State.Pid).toBe(0);
    }
    // an image in use cannot go away under its container
    if (c.rec.ImageId) expect(store.hasImage(c.rec.ImageId), `${c.name}'s image`).toBe(true);
  }
}

/** A world with two images, a running container and a stopped one. */
async function seeded(seed: number): Promise<World> {
  const world = createWorld({ seed, now: T0, clock: new VirtualClock(T0) });
  for (const argv of [
    ['pull', '-q', 'hello-world'],
    ['pull', '-q', 'alpine'],
    ['run', '-d', '--name', 'web', 'alpine', 'sleep', '1000'],
    ['create', '--name', 'box', 'hello-world'],
  ]) {
    const r = await docker(world, argv, false);
    if (r.code !== 0) throw new Error(`setup ${argv.join(' ')}: ${r.err}`);
  }
  return world;
}

describe('fuzzing the docker CLI with its own grammar', { timeout: 120_000 }, () => {
  it('answers every command line without an exception, Docker-shaped, keeping the world consistent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            argv: fc.oneof({ weight: 4, arbitrary: commandLine }, { weight: 1, arbitrary: randomArgv }),
            tty: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.nat(1000),
        async (lines, seed) => {
          const world = await seeded(seed);
          for (const { argv, tty } of lines) checkOutput(argv, await docker(world, argv, tty));
          checkWorld(world);
        },
      ),
      { numRuns: 40, seed: 20261127, endOnFailure: true },
    );
  });
});

describe('fuzzing the laptop’s shell', { timeout: 120_000 }, () => {
  const line = fc.oneof(
    {
      weight: 3,
      arbitrary: commandLine.map((argv) =>
        ['docker', ...argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`)].join(' '),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'docker ps | head -1',
        'echo $(docker images -q | wc -l)',
        'cd /nope',
        'cat <<EOF',
        'nano',
        '"',
        'docker compose ls',
        'exit 3',
      ),
    },
  );
  it('runs random lines (and random bytes) to the end and leaves the world consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 5 }), async (lines) => {
        const r = await runScript(lines.join('\n'), { maxWaitMs: 5_000 });
        expect(r.transcript).not.toContain('internal error');
        expect(r.transcript).not.toContain('[object Object]');
        checkWorld(r.world);
      }),
      { numRuns: 15, seed: 11, endOnFailure: true },
    );
  });
});
