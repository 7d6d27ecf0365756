// The laptop as the host shell sees it: the world's kernel, the laptop's
// namespaces (its disk, hostname, the host network namespace) and the
// programs its binaries run — the userland's shells, tools, python, curl
// (the world's program table), plus the two that live in the CLI: `docker`
// (talking to the world's daemon) and `nano`.
import type { EngineClient } from '../../core/daemon/api';
import type { ProgramTable } from '../../core/userland/types';
import type { World } from '../../core/world';
import { dockerProgram } from '../docker-program';
import type { HostMachine } from './host-shell';
import { nanoProgram } from './nano';

/** /usr/bin/docker and /usr/bin/nano of the laptop run these. */
export function registerHostPrograms(programs: ProgramTable, engine: EngineClient): void {
  programs.register(dockerProgram(engine), nanoProgram);
}

/** The laptop of a world, ready for the student's shell. */
export function laptopOf(world: World): HostMachine {
  if (!world.programs.get('docker')) registerHostPrograms(world.programs, world.engine);
  return { kernel: world.kernel, sys: world.host };
}
