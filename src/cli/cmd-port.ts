// `docker port` / `docker container port` (cli/command/container/port.go): the published
// ports of a container from its inspect data, sorted naturally (`80/tcp -> 0.0.0.0:8080`).

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { inspectContainer } from './container-api';

/** net.JoinHostPort */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** sortorder.NaturalLess: digit runs compare by value. */
export function naturalLess(a: string, b: string): boolean {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny;
      return x.length < y.length;
    }
    return x < y;
  }
  return pa.length < pb.length;
}

async function runPort(ctx: RunContext): Promise<number> {
  const [ref, spec] = ctx.args;
  const c = await inspectContainer(ctx.client, ref);
  const ports = c.NetworkSettings?.Ports ?? {};
  const out: string[] = [];
  if (spec !== undefined) {
    const i = spec.indexOf('/');
    const port = i < 0 ? spec : spec.slice(0, i);
    const proto = i < 0 || spec.slice(i + 1) === '' ? 'tcp' : spec.slice(i + 1);
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      const why = /^\d+$/.test(port) ? 'value out of range' : 'invalid syntax';
      throw new CliError(
        `Error: invalid port (${port}): strconv.ParseUint: parsing ${JSON.stringify(port)}: ${why}`,
        1,
      );
    }
    const frontends = ports[`${port}/${proto}`];
    if (!frontends || frontends.length === 0)
      throw new CliError(`Error: No public port '${spec}' published for ${ref}`, 1);
    for (const f of frontends) out.push(joinHostPort(f.HostIp, f.HostPort));
  } else {
    for (const [from, frontends] of Object.entries(ports))
      for (const f of frontends ?? []) out.push(`${from} -> ${joinHostPort(f.HostIp, f.HostPort)}`);
  }
  if (out.length > 0) {
    out.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
    ctx.io.stdout.write(out.join('\n') + '\n');
  }
  return 0;
}

export const portCommand: Partial<CommandSpec> = {
  args: { kind: 'range', min: 1, max: 2 },
  flags: [],
  run: runPort,
};
