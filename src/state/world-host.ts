// The integration point between the page and the simulator: builds the Host
// from the real World and `docker` CLI. Both load lazily, in their own chunk,
// so the terminal is up before the simulator's code has arrived.
import type { Command } from '../cli/command';
import type { CompletionCommand } from './completion';
import { usagePlaceholders } from './completion';
import type { HostLoader } from './host';
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

export const loadWorldHost: HostLoader = async (clock) => {
  const [{ createWorld }, { buildDockerCommand }, { laptopOf }] = await Promise.all([
    import('../core/world'),
    import('../cli/docker'),
    import('../cli/runner/host-machine'),
  ]);
  const world = createWorld({ clock });
  const commands = completionTree(buildDockerCommand());
  return {
    engine: world.engine,
    laptop: laptopOf(world),
    images: () => imageInputs(world.images.store),
    containers: () => world.daemon.all().map((c) => c.name),
    dockerCommands: () => commands,
    subscribe: (onChange) => world.events.subscribe(onChange),
    onRequest: (listener) => world.engine.log.subscribe(listener),
  };
};
