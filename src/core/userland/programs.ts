// Every program the simulation runs, in one table: the shells, the core
// tools (GNU and BusyBox), Python, the package managers and the servers.
// Binaries in images and on the laptop name their program (by the blob's
// seed or the file's name); `docker` itself is added by the layers above.
import { packagePrograms } from './packages';
import { pythonPrograms } from './python';
import { serverPrograms } from './servers';
import { shellPrograms } from './shell';
import { toolPrograms } from './tools';
import { ProgramTable } from './types';

export function defaultPrograms(): ProgramTable {
  return new ProgramTable().register(
    ...shellPrograms(),
    ...toolPrograms(),
    ...pythonPrograms(),
    ...packagePrograms(),
    ...serverPrograms(),
  );
}
