// A running code object: its scope, where it is (for tracebacks), and the big
// objects its current statement made (kept alive while the statement runs).
import type { Pos } from './ast';
import type { CodeInfo, PyClass, PyObject, PyRaise, Scope } from './values';

export class Frame {
  /** Big objects allocated by the statement in progress (not yet reachable from any name). */
  temps: PyObject[] = [];
  /** The class a method was defined in (zero-argument super()). */
  definingClass: PyClass | undefined;
  constructor(
    readonly code: CodeInfo,
    readonly scope: Scope,
    /** The caller (a generator's frame gets the one resuming it). */
    public parent: Frame | undefined,
    public depth: number,
  ) {}

  /** Record where an exception passes through this frame (once per unwinding). */
  locate(e: PyRaise, p: Pos): void {
    if (e.exc.tbFrame === this) return;
    e.exc.tbFrame = this;
    e.exc.tb.unshift({
      filename: this.code.filename,
      name: this.code.name,
      line: p.line,
      col: p.col,
      endLine: p.endLine,
      endCol: p.endCol,
      lines: this.code.lines,
    });
  }
}
