// How the shell unwinds its own control flow (break, continue, return,
// exit, exec, an abandoned command line) and how shell.ts reaches the
// evaluator without importing it (eval.ts registers itself).
import type { Node } from './ast';
import type { Shell } from './shell';

export const EV_EXIT = 1;
export const EV_TESTED = 2;

export class BreakLoop {
  constructor(readonly n: number) {}
}
export class ContinueLoop {
  constructor(readonly n: number) {}
}
export class ReturnFrom {
  constructor(readonly status: number) {}
}
/** Leave the shell: `exit`, a fatal error of a non-interactive shell, `set -e`. */
export class ExitShell {
  constructor(readonly status: number) {}
}
/** The shell's process now runs another program (exec): it ends with that program, without EXIT traps. */
export class Execed {
  constructor(readonly status: number) {}
}
/** An error that abandons the current command line: an interactive shell prompts again, others exit. */
export class Abort {
  constructor(readonly status: number) {}
}

export function isControl(e: unknown): boolean {
  return e instanceof BreakLoop || e instanceof ContinueLoop || e instanceof ReturnFrom || e instanceof ExitShell || e instanceof Execed || e instanceof Abort;
}

/** Evaluation entry points, supplied by eval.ts (kept apart to keep this file about state). */
export interface Evaluator {
  evalNode(sh: Shell, node: Node, flags: number): Promise<number>;
  evalString(sh: Shell, text: string, opts: { exitLast: boolean; name?: string }): Promise<number>;
}

let evaluator: Evaluator | undefined;
export function setEvaluator(e: Evaluator): void {
  evaluator = e;
}
export function ev(): Evaluator {
  if (!evaluator) throw new Error('shell evaluator not registered');
  return evaluator;
}

