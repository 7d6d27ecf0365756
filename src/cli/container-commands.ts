// The container commands (run, create, start, attach, exec, logs, wait, stop, restart,
// kill, pause, unpause, rm, rename, port) under both their root shortcut and their
// `docker container …` path.

import type { CommandSpec } from './command';
import { attachCommand } from './cmd-attach';
import { createCommand } from './cmd-create';
import { execCommand } from './cmd-exec';
import { logsCommand } from './cmd-logs';
import { portCommand } from './cmd-port';
import { renameCommand } from './cmd-rename';
import { rmCommand } from './cmd-rm';
import { runCommand } from './cmd-run';
import { startCommand } from './cmd-start';
import { killCommand, pauseCommand, restartCommand, stopCommand, unpauseCommand } from './cmd-stop';
import { waitCommand } from './cmd-wait';

const BY_NAME: Record<string, Partial<CommandSpec>> = {
  run: runCommand,
  create: createCommand,
  start: startCommand,
  attach: attachCommand,
  exec: execCommand,
  logs: logsCommand,
  wait: waitCommand,
  stop: stopCommand,
  restart: restartCommand,
  kill: killCommand,
  pause: pauseCommand,
  unpause: unpauseCommand,
  rm: rmCommand,
  rename: renameCommand,
  port: portCommand,
};

export const CONTAINER_COMMANDS: Record<string, Partial<CommandSpec>> = Object.fromEntries(
  Object.entries(BY_NAME).flatMap(([name, impl]) => [
    [name, impl],
    [`container ${name}`, impl],
  ]),
);
