// The simulator's side of the page, loaded as one lazy chunk: a World on the
// page's clock, the laptop with its `docker` program, and the student's shell,
// wrapped up as the Host the session drives.
import type { Clock } from '../core/clock';
import { createWorld } from '../core/world';
import type { Command } from '../cli/command';
import { buildDockerCommand } from '../cli/docker';
import { laptopOf } from '../cli/runner/host-machine';
import { HostShell, STUDENT } from '../cli/runner/host-shell';
import type { CompletionCommand } from './completion';
import { usagePlaceholders } from './completion';
import type { Host } from './host';
import { imageInputs } from './image-snapshot';

function completionTree(cmd: Command): CompletionCommand {
  return {
    name: cmd.name,
    ...(cmd.spec.aliases ? { aliases: cmd.spec.aliases } : {}),
    ...(cmd.spec.hidden ? { hidden: true } : {}),
    children: cmd.children.map(completionTree),
    flags: (cmd.spec.flags ?? [])
      .filter((f) => !f.hidden)
      .map((f) => ({
        long: f.name,
        ...(f.shorthand ? { short: f.shorthand } : {}),
        takesValue: f.kind !== 'bool',
      })),
    args: usagePlaceholders(cmd.spec.use),
  };
}

export function buildWorldHost(clock: Clock): Host {
  const world = createWorld({ clock });
  const laptop = laptopOf(world);
  const commands = completionTree(buildDockerCommand());
  return {
    engine: world.engine,
    laptop,
    home: STUDENT.home,
    openShell: ({ columns, rows }) => new HostShell(laptop, { columns, rows }),
    images: () => imageInputs(world.images.store),
    containers: () => world.daemon.all().map((c) => c.name),
    dockerCommands: () => commands,
    subscribe: (onChange) => world.events.subscribe(onChange),
    onRequest: (listener) => world.engine.log.subscribe(listener),
  };
}
