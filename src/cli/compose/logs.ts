// Compose's log output (cmd/formatter/logs.go): each container's lines with
// a coloured `name  | ` prefix padded to the longest name, status lines
// ("web-1 exited with code 0"); `docker compose logs` and the attached
// half of `up`.
import { callJson } from '../api-call';
import { callConn } from '../attach-session';
import { CliError } from '../command';
import type { ContainerSummary } from '../container-format';
import { getTimestamp } from '../cmd-logs';
import type { Output } from '../io';
import { canonicalName, nameWithoutProject, projectContainers } from './engine-ops';
import { LABELS, type Project } from './model';
import type { ComposeContext } from './up';

export interface LogOptions {
  color: boolean;
  prefix: boolean;
  timestamps: boolean;
}

/** cmd/formatter/colors.go's rainbow: cyan, yellow, green, magenta, blue, then their intense forms. */
const RAINBOW = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'];
const paint = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const plain = (s: string) => s;

export class LogConsumer {
  private readonly presenters = new Map<string, { colors: (s: string) => string; prefix: string }>();
  private next = 0;

  constructor(
    private readonly stdout: Output,
    private readonly stderr: Output,
    private readonly opts: LogOptions,
    private readonly now: () => number,
  ) {}

  register(name: string): void {
    if (this.presenters.has(name)) return;
    const colors = this.opts.color && name !== '' ? paint(RAINBOW[this.next++ % RAINBOW.length]) : plain;
    this.presenters.set(name, { colors, prefix: '' });
    const width = Math.max(...[...this.presenters.keys()].map((n) => n.length)) + 1;
    if (this.opts.prefix) for (const [n, p] of this.presenters) p.prefix = p.colors(`${n.padEnd(width)} | `);
  }

  private write(out: Output, name: string, message: string): void {
    this.register(name);
    const p = this.presenters.get(name) as { prefix: string };
    const stamp = this.opts.timestamps
      ? `${new Date(this.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} `
      : '';
    for (const line of message.split('\n')) out.write(`${p.prefix}${stamp}${line}\n`);
  }

  log(name: string, message: string): void {
    this.write(this.stdout, name, message);
  }

  err(name: string, message: string): void {
    this.write(this.stderr, name, message);
  }

  /** A status line in the container's colour: "web-1 exited with code 0". */
  status(name: string, message: string): void {
    this.register(name);
    const p = this.presenters.get(name) as { colors: (s: string) => string };
    this.stdout.write(p.colors(`\r\x1b[K${name} ${message}\n`));
  }
}

/** Copy one container's output stream to the consumer, a line at a time. */
async function pump(
  ctx: ComposeContext,
  consumer: LogConsumer,
  c: ContainerSummary,
  conn: AsyncIterable<{ stream: string; data: string }>,
): Promise<void> {
  const name = nameWithoutProject(c);
  const partial = { stdout: '', stderr: '' };
  for await (const f of conn) {
    const key = f.stream === 'stderr' ? 'stderr' : 'stdout';
    const lines = (partial[key] + f.data).split('\n');
    partial[key] = lines.pop() ?? '';
    if (lines.length) (key === 'stderr' ? consumer.err : consumer.log).call(consumer, name, lines.join('\n'));
  }
  for (const key of ['stdout', 'stderr'] as const)
    if (partial[key] !== '')
      (key === 'stderr' ? consumer.err : consumer.log).call(consumer, name, partial[key]);
}

/** up's attached half: attach to every container, start them, print until each exits. */
export async function attachAndFollow(
  ctx: ComposeContext,
  containers: ContainerSummary[],
  opts: LogOptions,
  start: () => Promise<void>,
): Promise<void> {
  if (containers.length === 0) return;
  const names = containers.map(nameWithoutProject);
  ctx.io.stdout.write(`Attaching to ${names.join(', ')}\n`);
  const consumer = new LogConsumer(ctx.io.stdout, ctx.io.stderr, opts, ctx.now);
  names.forEach((n) => consumer.register(n));
  const conns = await Promise.all(
    containers.map((c) =>
      callConn(ctx.client, {
        method: 'POST',
        path: `/containers/${c.Id}/attach`,
        query: { stream: '1', stdout: '1', stderr: '1' },
      }),
    ),
  );
  await start();
  await Promise.all(
    containers.map(async (c, i) => {
      await pump(ctx, consumer, c, conns[i]);
      const st = (await callJson(ctx.client, { method: 'GET', path: `/containers/${c.Id}/json` })) as {
        State?: { ExitCode?: number };
      };
      consumer.status(nameWithoutProject(c), `exited with code ${st.State?.ExitCode ?? 0}`);
    }),
  );
}

export interface LogsCommandOptions extends LogOptions {
  follow: boolean;
  tail: string;
  since: string;
  until: string;
  services: string[];
}

/** `docker compose logs`: each container's log in name order (-f: all of them, as they come). */
export async function composeLogs(
  ctx: ComposeContext,
  project: Project,
  opts: LogsCommandOptions,
): Promise<number> {
  for (const s of opts.services)
    if (!project.services.some((x) => x.name === s)) throw new CliError(`no such service: ${s}`, 1);
  const containers = (await projectContainers(ctx.client, project.name, true))
    .filter((c) => opts.services.length === 0 || opts.services.includes(c.Labels?.[LABELS.service] ?? ''))
    .sort((a, b) => (canonicalName(a) < canonicalName(b) ? -1 : 1));
  // the daemon stamps the lines (timestamps=1); the consumer adds none of its own
  const consumer = new LogConsumer(ctx.io.stdout, ctx.io.stderr, { ...opts, timestamps: false }, ctx.now);
  containers.forEach((c) => consumer.register(nameWithoutProject(c)));
  const query: Record<string, string> = { stdout: '1', stderr: '1', tail: opts.tail };
  if (opts.follow) query.follow = '1';
  if (opts.timestamps) query.timestamps = '1';
  if (opts.since) query.since = getTimestamp(opts.since, ctx.now());
  if (opts.until) query.until = getTimestamp(opts.until, ctx.now());
  const conns = await Promise.all(
    containers.map((c) => callConn(ctx.client, { method: 'GET', path: `/containers/${c.Id}/logs`, query })),
  );
  let interrupted = false;
  const off = ctx.io.interrupt?.onInterrupt(() => {
    interrupted = true;
    for (const conn of conns) conn.cancel();
  });
  try {
    if (opts.follow) await Promise.all(containers.map((c, i) => pump(ctx, consumer, c, conns[i])));
    else for (let i = 0; i < containers.length; i++) await pump(ctx, consumer, containers[i], conns[i]);
  } finally {
    off?.();
  }
  return interrupted ? 130 : 0;
}
