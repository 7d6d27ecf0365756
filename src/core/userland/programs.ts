// Every program the simulation runs, in one table: the shells, the core
// tools (GNU and BusyBox), Python, the package managers and the servers.
// Binaries in images and on the laptop name their program (by the blob's
// seed or the file's name); `docker` itself is added by the layers above.
import { packagePrograms } from './packages';
import { pythonPrograms } from './python';
import { serverPrograms } from './servers';
import { shellPrograms } from './shell';
import { toolPrograms } from './tools';
import { ProgramTable, type ProgramSpec } from './types';

let specs: readonly ProgramSpec[] | undefined;

/** A fresh table (callers add their own programs to it); the specs themselves are made once. */
export function defaultPrograms(): ProgramTable {
  specs ??= [
    ...shellPrograms(),
    ...toolPrograms(),
    ...pythonPrograms(),
    ...packagePrograms(),
    ...serverPrograms(),
  ];
  return new ProgramTable().register(...specs);
}
