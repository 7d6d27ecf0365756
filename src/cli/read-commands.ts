// The read-side commands' behaviour by command path (listing, inspecting,
// watching and cleaning up containers, volumes, networks and the system),
// spread into docker.ts's DOCKER_IMPLEMENTATIONS.

import type { CommandSpec } from './command';
import { psCommand } from './cmd-ps';
import { containerInspectCommand } from './cmd-inspect';
import { topCommand } from './cmd-top';
import { statsCommand } from './cmd-stats';
import { diffCommand } from './cmd-diff';
import { commitCommand } from './cmd-commit';
import { containerPruneCommand } from './cmd-container-prune';
import {
  volumeCreateCommand,
  volumeInspectCommand,
  volumeListCommand,
  volumePruneCommand,
  volumeRemoveCommand,
} from './cmd-volume';
import {
  networkConnectCommand,
  networkDisconnectCommand,
  networkInspectCommand,
  networkListCommand,
  networkPruneCommand,
} from './cmd-network';
import { networkCreateCommand, networkRemoveCommand } from './cmd-network-create';
import { dfCommand, systemPruneCommand } from './cmd-system';
import { eventsCommand } from './cmd-system-events';
import { infoCommand } from './cmd-system-info';
import { versionCommand } from './cmd-system-version';
import { searchCommand } from './cmd-search';
import { loginCommand, logoutCommand } from './cmd-login';
import { cpCommand } from './cmd-cp';

export const READ_COMMANDS: Record<string, Partial<CommandSpec>> = {
  ps: psCommand,
  'container ls': psCommand,
  'container inspect': containerInspectCommand,
  top: topCommand,
  'container top': topCommand,
  stats: statsCommand,
  'container stats': statsCommand,
  diff: diffCommand,
  'container diff': diffCommand,
  commit: commitCommand,
  'container commit': commitCommand,
  'container prune': containerPruneCommand,
  'volume create': volumeCreateCommand,
  'volume ls': volumeListCommand,
  'volume inspect': volumeInspectCommand,
  'volume rm': volumeRemoveCommand,
  'volume prune': volumePruneCommand,
  'network ls': networkListCommand,
  'network inspect': networkInspectCommand,
  'network create': networkCreateCommand,
  'network rm': networkRemoveCommand,
  'network prune': networkPruneCommand,
  'network connect': networkConnectCommand,
  'network disconnect': networkDisconnectCommand,
  'system df': dfCommand,
  'system prune': systemPruneCommand,
  events: eventsCommand,
  'system events': eventsCommand,
  info: infoCommand,
  'system info': infoCommand,
  version: versionCommand,
  search: searchCommand,
  cp: cpCommand,
  'container cp': cpCommand,
  login: loginCommand,
  logout: logoutCommand,
};
