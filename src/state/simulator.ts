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

/** Gives the page a turn (keys typed meanwhile are echoed) between the long steps of starting up. */
export type Pause = () => Promise<void>;

const nextTask: Pause = () => {
  // scheduler.yield keeps the task's priority; setTimeout is the fallback (Node, older browsers)
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * Starts the World and the laptop. Each step is one task of tens of
 * milliseconds (more on a slow machine): the pauses between them let a key
 * typed during start-up be echoed at once instead of after all of them.
 */
export async function buildWorldHost(clock: Clock, pause: Pause = nextTask): Promise<Host> {
  await pause(); // the chunk's module code has just run in this task
  const world = createWorld({ clock });
  await pause();
  const laptop = laptopOf(world); // builds the laptop's disk
  await pause();
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
