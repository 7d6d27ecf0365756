// Evaluating parse trees the way dash's evaltree does: EV_TESTED marks
// commands whose status is tested (no `set -e` exit), EV_EXIT marks the
// last thing a process will run (its simple command may replace the
// process instead of forking). Traps run between commands.
import type { Node } from './ast';
import { expandPattern, expandSingle, expandWords, ExpandError } from './expand';
import { matchPattern } from './pattern';
import { withRedirs } from './redirect';
import { evalPipe, evalSimple, loopTick, waitJob } from './command';
import { Abort, BreakLoop, ContinueLoop, EV_EXIT, EV_TESTED, ExitShell, setEvaluator, type Shell } from './shell';
import { runLines, StringSource } from './reader';

export async function evalNode(sh: Shell, node: Node, flags: number): Promise<number> {
  await sh.runTraps();
  let status = 0;
  let checkexit = false;
  const bash = sh.flavour.name === 'bash';
  switch (node.type) {
    case 'not':
      status = (await evalNode(sh, node.body, EV_TESTED)) === 0 ? 1 : 0;
      break;
    case 'simple':
      checkexit = !(flags & EV_TESTED);
      status = await evalSimple(sh, node, flags);
      break;
    case 'pipe':
      checkexit = !(flags & EV_TESTED);
      status = await evalPipe(sh, node, flags);
      break;
    case 'subshell':
      checkexit = !(flags & EV_TESTED);
      status = await evalSubshell(sh, node, flags);
      break;
    case 'bg':
      status = await evalBackground(sh, node);
      break;
    case 'group': {
      // dash only wraps a group in a redirection node when it has redirections
      const inner = bash || node.redirs.length > 0 ? flags & EV_TESTED : flags;
      status = await withRedirs(sh, node.redirs, () => evalNode(sh, node.body, inner));
      break;
    }
    case 'and':
    case 'or':
    case 'seq': {
      const left = await evalNode(sh, node.left, node.type === 'seq' ? flags & EV_TESTED : EV_TESTED);
      if ((node.type === 'and' && left !== 0) || (node.type === 'or' && left === 0)) {
        status = left;
        break;
      }
      // bash optimises only a simple command at the end of a connection
      const rflags = bash && node.right.type !== 'simple' ? flags & ~EV_EXIT : flags;
      status = await evalNode(sh, node.right, rflags);
      break;
    }
    case 'if': {
      const inner = bash || node.redirs.length > 0 ? flags & EV_TESTED : flags;
      status = await withRedirs(sh, node.redirs, async () => {
        const c = await evalNode(sh, node.cond, EV_TESTED);
        if (c === 0) return evalNode(sh, node.then, inner);
        if (node.else) return evalNode(sh, node.else, inner);
        return 0;
      });
      break;
    }
    case 'while':
    case 'until':
      status = await withRedirs(sh, node.redirs, () => evalLoop(sh, node, flags & EV_TESTED));
      break;
    case 'for':
      status = await withRedirs(sh, node.redirs, () => evalFor(sh, node, flags & EV_TESTED));
      break;
    case 'case': {
      const inner = bash || node.redirs.length > 0 ? flags & EV_TESTED : flags;
      status = await withRedirs(sh, node.redirs, () => evalCase(sh, node, inner));
      break;
    }
    case 'func':
      sh.functions.set(node.name, node.body);
      status = 0;
      break;
  }
  sh.status = status;
  await sh.runTraps();
  if (checkexit && status !== 0 && sh.opts.e) throw new ExitShell(status);
  return status;
}

async function evalLoop(sh: Shell, node: Extract<Node, { type: 'while' | 'until' }>, flags: number): Promise<number> {
  let status = 0;
  sh.loopDepth++;
  try {
    for (let n = 0; ; n++) {
      await loopTick(sh, n);
      let c: number;
      try {
        c = await evalNode(sh, node.cond, EV_TESTED);
      } catch (e) {
        const r = loopControl(e);
        if (r === 'break') break;
        if (r === 'continue') continue;
        throw r;
      }
      if (node.type === 'while' ? c !== 0 : c === 0) break;
      try {
        status = await evalNode(sh, node.body, flags);
      } catch (e) {
        const r = loopControl(e);
        if (r === 'break') break;
        if (r === 'continue') continue;
        throw r;
      }
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

/** What a break/continue caught by this loop means for it; anything else is rethrown by the caller. */
function loopControl(e: unknown): 'break' | 'continue' | unknown {
  if (e instanceof BreakLoop) return e.n > 1 ? new BreakLoop(e.n - 1) : 'break';
  if (e instanceof ContinueLoop) return e.n > 1 ? new ContinueLoop(e.n - 1) : 'continue';
  return e;
}

async function evalFor(sh: Shell, node: Extract<Node, { type: 'for' }>, flags: number): Promise<number> {
  let items: string[];
  try {
    items = node.items ? await expandWords(sh, node.items) : [...sh.params];
  } catch (e) {
    if (e instanceof ExpandError) return expandFailed(sh, e);
    throw e;
  }
  let status = 0;
  sh.loopDepth++;
  try {
    for (const [n, item] of items.entries()) {
      await loopTick(sh, n);
      if (!sh.vars.set(node.name, item, sh.opts.a)) {
        sh.error(sh.readonlyMessage(node.name));
        return sh.fatal(2);
      }
      try {
        status = await evalNode(sh, node.body, flags);
      } catch (e) {
        const r = loopControl(e);
        if (r === 'break') break;
        if (r === 'continue') continue;
        throw r;
      }
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

async function evalCase(sh: Shell, node: Extract<Node, { type: 'case' }>, flags: number): Promise<number> {
  try {
    const word = await expandSingle(sh, node.word);
    for (const arm of node.arms) {
      for (const p of arm.patterns) {
        if (matchPattern(await expandPattern(sh, p.parts), word, sh.flavour.patterns)) return arm.body ? evalNode(sh, arm.body, flags) : 0;
      }
    }
  } catch (e) {
    if (e instanceof ExpandError) return expandFailed(sh, e);
    throw e;
  }
  return 0;
}

async function evalSubshell(sh: Shell, node: Extract<Node, { type: 'subshell' }>, flags: number): Promise<number> {
  if (flags & EV_EXIT && !sh.hasTraps()) return withRedirs(sh, node.redirs, () => evalNode(sh, node.body, flags | EV_EXIT));
  const p = await sh.fork((child) => withRedirs(child, node.redirs, () => evalNode(child, node.body, (flags | EV_EXIT) & ~EV_TESTED)));
  if (!p) return sh.status;
  return waitJob(sh, [p], [''], true);
}

async function evalBackground(sh: Shell, node: Extract<Node, { type: 'bg' }>): Promise<number> {
  const p = await sh.fork((child) => evalNode(child, node.body, EV_EXIT), { background: true });
  if (!p) return sh.status;
  const id = Math.max(0, ...sh.jobs.map((j) => j.id)) + 1;
  sh.jobs.push({ id, procs: [p], text: node.text, reported: false });
  sh.lastBg = String(p.nsPid);
  if (sh.interactive) sh.errOut(`[${id}] ${p.nsPid}\n`);
  return 0;
}

/** An expansion error: say it; a non-interactive shell exits (status 2; bash 1, or 127 under -c). */
export function expandFailed(sh: Shell, e: ExpandError): number {
  sh.error(e.message);
  const bash = sh.flavour.name === 'bash';
  const status = bash ? (sh.commandMode ? 127 : 1) : 2;
  sh.status = bash ? 1 : 2;
  if (e.fatal && !sh.interactive) throw new ExitShell(status);
  // the rest of the command line is dropped (bash's DISCARD, an interactive shell's error)
  throw new Abort(sh.status);
}

/** Parse and run text in this shell (eval, traps, `.`, -c strings, command substitution). */
export async function evalString(sh: Shell, text: string, opts: { exitLast: boolean }): Promise<number> {
  return runLines(sh, new StringSource(text), { exitLast: opts.exitLast });
}

setEvaluator({ evalNode, evalString });
