// Lexemes to parse tree, by recursive descent in the shape of dash's parser.c
// (list / andor / pipeline / command). Reaching the end of input inside a
// construct is NeedMore (an interactive shell prints PS2 and reads on);
// anything else out of place is a SyntaxErr naming the token as dash does.
import { assignmentName, isPlain, type CaseArm, type Node, type Redir, type RedirOp, type SimpleNode, type Word } from './ast';
import type { Lexeme } from './lexer';
import { splitWords, type WordToken } from '../shell-words';

/** The input ended inside a command: read another line. */
export class NeedMore {
  constructor(
    readonly line: number,
    /** What the construct still waits for (`fi`, `done`…), when one thing. */
    readonly expecting?: string,
  ) {}
}

export type TokenKind = 'eof' | 'newline' | 'word' | 'redirection' | 'op' | 'keyword';

export class SyntaxErr {
  constructor(
    /** What was found. */
    readonly kind: TokenKind,
    /** Its text (`fi`, `;;`, `newline`). */
    readonly text: string,
    readonly line: number,
    /** What dash would say it expected (`fi`, `)`, `word`…), if one thing. */
    readonly expecting?: string,
  ) {}
}

export interface ParseOptions {
  /** `&>` is a redirection (bash, busybox), not `&` then `>`. */
  ampRedirect: boolean;
  /** `function name { … }` and `<<< word` (bash, busybox). */
  functionKeyword: boolean;
  alias?: (name: string) => string | undefined;
  /** The text the lexemes come from: background jobs keep theirs for `jobs`. */
  source?: string;
}

export interface ParsedCommand {
  node: Node;
  line: number;
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<']);
const END_OF_LIST = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

export function parse(lexemes: readonly Lexeme[], opts: ParseOptions): ParsedCommand[] {
  return new Parser(lexemes, opts).program();
}

type IfNode = Extract<Node, { type: 'if' }>;
type ForNode = Extract<Node, { type: 'for' }>;
type CaseNode = Extract<Node, { type: 'case' }>;

class Parser {
  private i = 0;
  private lex: Lexeme[];
  constructor(
    lexemes: readonly Lexeme[],
    private readonly opts: ParseOptions,
  ) {
    this.lex = [...lexemes];
  }

  program(): ParsedCommand[] {
    const out: ParsedCommand[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') return out;
      const node = this.list(true);
      const end = this.peek();
      if (end.kind === 'newline') this.i++;
      else if (end.kind !== 'eof') throw this.unexpected(end);
      out.push({ node, line: t.line });
    }
  }

  // ---- token helpers ----

  private peek(k = 0): Lexeme {
    return this.lex[Math.min(this.i + k, this.lex.length - 1)];
  }

  private keyword(t: Lexeme = this.peek()): string | undefined {
    return t.kind === 'word' && isPlain(t.word) && RESERVED.has(t.word.value) ? t.word.value : undefined;
  }

  private isOp(t: Lexeme, op: string): boolean {
    return t.kind === 'op' && t.op === op;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.i++;
  }

  private describe(t: Lexeme): SyntaxErr {
    switch (t.kind) {
      case 'eof':
        return new SyntaxErr('eof', 'end of file', t.line);
      case 'newline':
        return new SyntaxErr('newline', 'newline', t.line);
      case 'word': {
        const kw = this.keyword(t);
        return kw ? new SyntaxErr('keyword', kw, t.line) : new SyntaxErr('word', t.word.value, t.line);
      }
      case 'op':
        return new SyntaxErr(REDIR_OPS.has(t.op) ? 'redirection' : 'op', t.op, t.line);
    }
  }

  /** The token is wrong here; at end of input that only means the command is not finished. */
  private unexpected(t: Lexeme, expecting?: string): NeedMore | SyntaxErr {
    if (t.kind === 'eof') return new NeedMore(t.line, expecting);
    const e = this.describe(t);
    return new SyntaxErr(e.kind, e.text, e.line, expecting);
  }

  private expectKeyword(kw: string): void {
    const t = this.peek();
    if (this.keyword(t) !== kw) throw this.unexpected(t, kw);
    this.i++;
  }

  private atListEnd(): boolean {
    const t = this.peek();
    if (t.kind === 'eof') return true;
    if (t.kind === 'op') return t.op === ')' || t.op === ';;';
    const kw = this.keyword(t);
    return kw !== undefined && END_OF_LIST.has(kw);
  }

  // ---- grammar ----

  /** `top`: a newline ends the list (a complete command); inside constructs newlines separate. */
  private list(top: boolean, endsWith?: string): Node {
    if (!top) this.skipNewlines();
    // an empty list at the end of input: dash then says what the construct still expects
    if (this.atListEnd()) throw this.unexpected(this.peek(), endsWith);
    let start = this.offset(this.peek());
    let node = this.andOr();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && (t.op === ';' || t.op === '&')) {
        if (t.op === '&' && this.opts.ampRedirect && this.isRedirAfterAmp()) return node;
        this.i++;
        if (t.op === '&') node = this.background(node, start, t);
        if (top && (this.peek().kind === 'newline' || this.peek().kind === 'eof')) return node;
        if (!top) this.skipNewlines();
        if (this.atListEnd()) return node;
      } else if (t.kind === 'newline' && !top) {
        this.skipNewlines();
        if (this.atListEnd()) return node;
      } else return node;
      start = this.offset(this.peek());
      node = { type: 'seq', left: node, right: this.andOr() };
    }
  }

  private offset(t: Lexeme): number {
    return t.kind === 'word' ? t.word.start : t.kind === 'op' ? t.start : -1;
  }

  /** `a; b &` backgrounds only b: wrap the last element of a seq. */
  private background(node: Node, start: number, amp: Extract<Lexeme, { kind: 'op' }>): Node {
    const text = this.opts.source && start >= 0 && amp.start >= start ? this.opts.source.slice(start, amp.start).trim() : '';
    if (node.type === 'seq') return { ...node, right: this.background(node.right, start, amp) };
    return { type: 'bg', body: node, line: amp.line, text };
  }

  private isRedirAfterAmp(): boolean {
    const a = this.peek();
    const b = this.peek(1);
    return a.kind === 'op' && b.kind === 'op' && (b.op === '>' || b.op === '>>') && b.start === a.end && b.fd === undefined;
  }

  private andOr(): Node {
    let node = this.pipeline();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) return node;
      this.i++;
      this.skipNewlines();
      node = { type: t.op === '&&' ? 'and' : 'or', left: node, right: this.pipeline() };
    }
  }

  private pipeline(): Node {
    const bang = this.keyword() === '!';
    if (bang) this.i++;
    const first = this.peek();
    const cmds = [this.command()];
    while (this.isOp(this.peek(), '|')) {
      this.i++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    const node: Node = cmds.length === 1 ? cmds[0] : { type: 'pipe', cmds, line: first.line };
    return bang ? { type: 'not', body: node } : node;
  }

  private command(): Node {
    const t = this.peek();
    if (t.kind === 'eof' || t.kind === 'newline') throw this.unexpected(t);
    const line = t.line;
    const kw = this.keyword(t);
    if (kw) {
      this.i++;
      switch (kw) {
        case 'if':
          return this.withRedirs(this.ifClause(line));
        case 'while':
        case 'until': {
          const cond = this.list(false, 'do');
          this.expectKeyword('do');
          const body = this.list(false, 'done');
          this.expectKeyword('done');
          return this.withRedirs({ type: kw, cond, body, redirs: [], line });
        }
        case 'for':
          return this.withRedirs(this.forClause(line));
        case 'case':
          return this.withRedirs(this.caseClause(line));
        case '{': {
          const body = this.list(false, '}');
          this.expectKeyword('}');
          return this.withRedirs({ type: 'group', body, redirs: [], line });
        }
        default:
          this.i--;
          throw this.unexpected(t);
      }
    }
    if (this.isOp(t, '(')) {
      this.i++;
      const body = this.list(false, ')');
      if (!this.isOp(this.peek(), ')')) throw this.unexpected(this.peek(), ')');
      this.i++;
      return this.withRedirs({ type: 'subshell', body, redirs: [], line });
    }
    if (t.kind === 'word' && this.opts.functionKeyword && isPlain(t.word) && t.word.value === 'function' && this.peek(1).kind === 'word') {
      this.i++;
      const name = (this.peek() as Extract<Lexeme, { kind: 'word' }>).word.value;
      this.i++;
      if (this.isOp(this.peek(), '(') && this.isOp(this.peek(1), ')')) this.i += 2;
      return this.funcBody(name, line);
    }
    if (t.kind === 'word' && this.isOp(this.peek(1), '(') && this.isOp(this.peek(2), ')')) {
      this.i += 3;
      return this.funcBody(t.word.value, line);
    }
    return this.simple();
  }

  private funcBody(name: string, line: number): Node {
    this.skipNewlines();
    const t = this.peek();
    const kw = this.keyword(t);
    if (!(kw && ['{', 'if', 'while', 'until', 'for', 'case'].includes(kw)) && !this.isOp(t, '(')) throw this.unexpected(t);
    return { type: 'func', name, body: this.command(), line };
  }

  private withRedirs<T extends Node & { redirs: Redir[] }>(node: T): T {
    for (;;) {
      const r = this.redirection();
      if (!r) return node;
      node.redirs.push(r);
    }
  }

  private ifClause(line: number): IfNode {
    const cond = this.list(false, 'then');
    this.expectKeyword('then');
    const then = this.list(false, 'fi');
    const kw = this.keyword();
    let otherwise: Node | undefined;
    if (kw === 'elif') {
      const at = this.peek().line;
      this.i++;
      return { type: 'if', cond, then, else: this.ifClause(at), redirs: [], line };
    }
    if (kw === 'else') {
      this.i++;
      otherwise = this.list(false, 'fi');
    }
    this.expectKeyword('fi');
    return { type: 'if', cond, then, else: otherwise, redirs: [], line };
  }

  private forClause(line: number): ForNode {
    const t = this.peek();
    if (t.kind !== 'word') throw this.unexpected(t, 'word');
    this.i++;
    const name = t.word.value;
    let items: Word[] | undefined;
    const save = this.i;
    this.skipNewlines();
    if (this.keyword() === 'in') {
      this.i++;
      items = [];
      while (this.peek().kind === 'word') items.push((this.lex[this.i++] as Extract<Lexeme, { kind: 'word' }>).word);
      const end = this.peek();
      if (end.kind === 'newline' || this.isOp(end, ';')) this.i++;
      else throw this.unexpected(end);
    } else {
      this.i = save;
      if (this.isOp(this.peek(), ';')) this.i++;
    }
    this.skipNewlines();
    this.expectKeyword('do');
    const body = this.list(false, 'done');
    this.expectKeyword('done');
    return { type: 'for', name, items, body, redirs: [], line };
  }

  private caseClause(line: number): CaseNode {
    const t = this.peek();
    if (t.kind !== 'word') throw this.unexpected(t, 'word');
    this.i++;
    this.skipNewlines();
    this.expectKeyword('in');
    const arms: CaseArm[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.keyword() === 'esac') {
        this.i++;
        break;
      }
      if (this.isOp(this.peek(), '(')) this.i++;
      const patterns: Word[] = [];
      for (;;) {
        const p = this.peek();
        if (p.kind !== 'word') throw this.unexpected(p, 'word');
        patterns.push(p.word);
        this.i++;
        if (this.isOp(this.peek(), '|')) this.i++;
        else break;
      }
      if (!this.isOp(this.peek(), ')')) throw this.unexpected(this.peek(), ')');
      this.i++;
      this.skipNewlines();
      const arm: CaseArm = { patterns };
      if (!this.isOp(this.peek(), ';;') && this.keyword() !== 'esac') arm.body = this.list(false);
      arms.push(arm);
      if (this.isOp(this.peek(), ';;')) this.i++;
      else if (this.keyword() === 'esac') continue;
      else throw this.unexpected(this.peek(), ';;');
    }
    return { type: 'case', word: t.word, arms, redirs: [], line };
  }

  private redirection(): Redir | undefined {
    const t = this.peek();
    if (t.kind !== 'op') return undefined;
    let op: RedirOp;
    let fd: number | undefined = t.fd;
    let skip = 1;
    const next = this.peek(1);
    if (t.op === '&' && this.opts.ampRedirect && this.isRedirAfterAmp()) {
      op = (next as { op: string }).op === '>>' ? '&>>' : '&>';
      skip = 2;
    } else if (t.op === '<<' && this.opts.functionKeyword && next.kind === 'op' && next.op === '<' && next.start === t.end) {
      op = '<<<';
      skip = 2;
    } else if (REDIR_OPS.has(t.op)) op = t.op as RedirOp;
    else return undefined;
    this.i += skip;
    const target = this.peek();
    if (target.kind !== 'word') throw this.unexpected(target);
    this.i++;
    if (fd === undefined) fd = op[0] === '<' ? 0 : 1;
    const r: Redir = { op, fd, target: target.word };
    if (t.heredoc) r.heredoc = t.heredoc;
    return r;
  }

  private simple(): SimpleNode {
    const first = this.peek();
    const node: SimpleNode = { type: 'simple', assigns: [], words: [], redirs: [], line: first.line };
    const aliased = new Set<string>();
    for (;;) {
      const r = this.redirection();
      if (r) {
        node.redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.kind !== 'word') break;
      if (node.words.length === 0 && assignmentName(t.word)) node.assigns.push(t.word);
      else if (node.words.length === 0 && this.expandAlias(t.word, aliased)) continue;
      else node.words.push(t.word);
      this.i++;
    }
    if (node.words.length === 0 && node.assigns.length === 0 && node.redirs.length === 0) throw this.unexpected(this.peek());
    return node;
  }

  /** Replace an alias in command position by its value's tokens (once per name, as shells guard recursion). */
  private expandAlias(w: WordToken, done: Set<string>): boolean {
    if (!this.opts.alias || !isPlain(w) || done.has(w.value)) return false;
    const value = this.opts.alias(w.value);
    if (value === undefined) return false;
    done.add(w.value);
    const r = splitWords(value);
    if (!r.ok) return false;
    const line = this.peek().line;
    const lexemes: Lexeme[] = r.tokens.map((t) =>
      t.kind === 'word' ? { kind: 'word', word: t, line } : { kind: 'op', op: t.op, fd: t.fd, line, start: -1000 + t.start, end: -1000 + t.end },
    );
    this.lex.splice(this.i, 1, ...lexemes);
    return true;
  }
}
