// The shell's parse tree, shaped like dash's nodes (NSEMI/NAND/NOR binary
// lists, NBACKGND, NPIPE, NREDIR…) so evaluation can follow dash's evaltree
// and its EV_EXIT/EV_TESTED flags one to one.
import type { WordToken } from '../shell-words';

export type Word = WordToken;

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<<' | '&>' | '&>>';

export interface HereDoc {
  /** The body, lines joined with "\n" and ending in one (tabs stripped for <<-). */
  body: string;
  /** A quoted delimiter: the body is taken literally. */
  quoted: boolean;
}

export interface Redir {
  op: RedirOp;
  /** The file descriptor redirected (default 0 for input ops, 1 for output). */
  fd: number;
  /** The file name, or the fd for <& and >&, or the delimiter for <<. */
  target: Word;
  heredoc?: HereDoc;
}

export interface SimpleNode {
  type: 'simple';
  assigns: Word[];
  words: Word[];
  redirs: Redir[];
  line: number;
}

export interface CaseArm {
  patterns: Word[];
  body?: Node;
}

export type Node =
  | SimpleNode
  | { type: 'pipe'; cmds: Node[]; line: number }
  | { type: 'not'; body: Node }
  | { type: 'and' | 'or' | 'seq'; left: Node; right: Node }
  | { type: 'bg'; body: Node; line: number; text: string }
  | { type: 'subshell'; body: Node; redirs: Redir[]; line: number }
  | { type: 'group'; body: Node; redirs: Redir[]; line: number }
  | { type: 'if'; cond: Node; then: Node; else?: Node; redirs: Redir[]; line: number }
  | { type: 'while' | 'until'; cond: Node; body: Node; redirs: Redir[]; line: number }
  | { type: 'for'; name: string; items?: Word[]; body: Node; redirs: Redir[]; line: number }
  | { type: 'case'; word: Word; arms: CaseArm[]; redirs: Redir[]; line: number }
  | { type: 'func'; name: string; body: Node; line: number };

/** A word written without any quoting: the only kind that can be a reserved word or an assignment. */
export function isPlain(w: Word): boolean {
  return w.parts.every((p) => p.quoting === 'none');
}

/** `NAME=value` with NAME a valid name written unquoted. */
export function assignmentName(w: Word): string | undefined {
  const first = w.parts[0];
  if (!first || first.quoting !== 'none') return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  return m ? m[1] : undefined;
}
