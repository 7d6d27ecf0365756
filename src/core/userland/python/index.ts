// The python binaries this simulation runs: the official images' CPython 3.13
// (/usr/local/bin/python3.13) and Ubuntu's system python 3.12 on the laptop.
import type { ProgramSpec } from '../types';
import { PY312, PY313 } from './build';
import { pythonProgram } from './main';

/** Resident memory of a bare interpreter (anonymous pages; imports add their own). */
const PYTHON_RSS = 7_800_000;

export function pythonPrograms(): ProgramSpec[] {
  return [
    { name: PY313.binary, run: pythonProgram(PY313), rss: PYTHON_RSS },
    { name: PY312.binary, run: pythonProgram(PY312), rss: PYTHON_RSS },
  ];
}

export { PY312, PY313 } from './build';
export { completeness } from './repl';
