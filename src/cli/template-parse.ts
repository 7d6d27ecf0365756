// The parser of Go's text/template (Go 1.24 parse/parse.go), so `--format` strings
// parse, and fail, with the same messages as in Docker.

import type { Item } from './template-lex';
import { KEYWORDS, lex } from './template-lex';

export type Arg =
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'variable'; pos: number; ident: string[] }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; val: boolean }
  | { type: 'number'; pos: number; text: string; isInt: boolean; isFloat: boolean; value: number }
  | { type: 'string'; pos: number; quoted: string; text: string }
  | { type: 'chain'; pos: number; node: Arg; field: string[] }
  | PipeNode;

export interface Command {
  pos: number;
  args: Arg[];
}

export interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: string[];
  cmds: Command[];
}

export interface ControlNode {
  type: 'if' | 'with' | 'range';
  pos: number;
  line: number;
  pipe: PipeNode;
  list: TemplateNode[];
  elseList?: TemplateNode[];
}

export type TemplateNode =
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | ControlNode
  | { type: 'break' | 'continue'; pos: number };

type EndOrElse = { type: 'end' | 'else'; pos: number; line: number };

export function unquote(s: string): string {
  if (s[0] === '`') return s.slice(1, -1);
  const body = s.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e: string) => {
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
      '"': '"',
      "'": "'",
    };
    if (e in simple) return simple[e];
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    throw new Error('invalid syntax');
  });
}

export class TemplateError extends Error {}

export interface ParsedTemplate {
  text: string;
  root: TemplateNode[];
}

/** Parse a template. Throws TemplateError with Go's message ("template: :1: …"). */
export function parseTemplate(text: string, isFunc: (name: string) => boolean, name = ''): ParsedTemplate {
  const items = lex(text, isFunc);
  let i = 0;
  let current: Item = items[0];
  let vars: string[] = ['$'];
  let rangeDepth = 0;
  let actionLine = 0;
  let maxRead = 0; // Go reports the line of the last token its lexer produced

  const fail = (msg: string): never => {
    throw new TemplateError(`template: ${name}:${items[Math.min(maxRead, items.length - 1)].line}: ${msg}`);
  };
  const nextItem = (): Item => {
    current = items[Math.min(i, items.length - 1)];
    maxRead = Math.max(maxRead, i);
    i++;
    return current;
  };
  const backup = () => {
    i--;
  };
  const peek = (): Item => {
    maxRead = Math.max(maxRead, i);
    return items[Math.min(i, items.length - 1)];
  };
  const nextNonSpace = (): Item => {
    let t = nextItem();
    while (t.typ === 'space') t = nextItem();
    return t;
  };
  const peekNonSpace = (): Item => {
    const t = nextNonSpace();
    backup();
    return t;
  };
  const itemString = (t: Item): string => {
    if (t.typ === 'eof') return 'EOF';
    if (t.typ === 'error') return t.val;
    if (KEYWORDS[t.val] === t.typ && t.typ !== 'dot') return `<${t.val}>`;
    if (t.typ === 'dot') return '<.>';
    const q = JSON.stringify(t.val);
    return t.val.length > 10 ? JSON.stringify(t.val.slice(0, 10)) + '...' : q;
  };
  const unexpected = (t: Item, context: string): never => {
    if (t.typ === 'error') {
      let extra = '';
      if (actionLine !== 0 && actionLine !== t.line) {
        extra = ` in action started at ${name}:${actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      return fail(`${t.val}${extra}`);
    }
    return fail(`unexpected ${itemString(t)} in ${context}`);
  };

  const itemList = (): [TemplateNode[], EndOrElse] => {
    const list: TemplateNode[] = [];
    while (peekNonSpace().typ !== 'eof') {
      const n = textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.push(n as TemplateNode);
    }
    return fail('unexpected EOF');
  };

  const textOrAction = (): TemplateNode | EndOrElse => {
    const t = nextNonSpace();
    if (t.typ === 'text') return { type: 'text', pos: t.pos, text: t.val };
    if (t.typ === 'leftDelim') {
      actionLine = t.line;
      try {
        return action();
      } finally {
        actionLine = 0;
      }
    }
    return unexpected(t, 'input');
  };

  const action = (): TemplateNode | EndOrElse => {
    const t = nextNonSpace();
    switch (t.typ) {
      case 'block':
      case 'define':
      case 'template':
        return fail(`{{${t.val}}} is not supported in Stevedore's --format templates`);
      case 'break':
      case 'continue': {
        const r = nextNonSpace();
        if (r.typ !== 'rightDelim') unexpected(r, `{{${t.val}}}`);
        if (rangeDepth === 0) fail(`{{${t.val}}} outside {{range}}`);
        return { type: t.typ, pos: t.pos };
      }
      case 'else': {
        const p = peekNonSpace();
        if (p.typ === 'if' || p.typ === 'with') return { type: 'else', pos: p.pos, line: p.line };
        const r = nextNonSpace();
        if (r.typ !== 'rightDelim') unexpected(r, 'else');
        return { type: 'else', pos: r.pos, line: r.line };
      }
      case 'end': {
        const r = nextNonSpace();
        if (r.typ !== 'rightDelim') unexpected(r, 'end');
        return { type: 'end', pos: r.pos, line: r.line };
      }
      case 'if':
      case 'range':
      case 'with':
        return control(t.typ);
    }
    backup();
    const p = peek();
    return { type: 'action', pos: p.pos, line: p.line, pipe: pipeline('command', 'rightDelim') };
  };

  const control = (context: 'if' | 'range' | 'with'): TemplateNode => {
    const saved = vars.length;
    try {
      const pipe = pipeline(context, 'rightDelim');
      if (context === 'range') rangeDepth++;
      const [list, first] = itemList();
      let next = first;
      if (context === 'range') rangeDepth--;
      let elseList: TemplateNode[] | undefined;
      if (next.type === 'else') {
        if ((context === 'if' && peek().typ === 'if') || (context === 'with' && peek().typ === 'with')) {
          nextItem();
          elseList = [control(context)];
        } else {
          [elseList, next] = itemList();
          if (next.type !== 'end') fail(`expected end; found {{else}}`);
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      vars = vars.slice(0, saved);
    }
  };

  const pipeline = (context: string, end: 'rightDelim' | 'rightParen'): PipeNode => {
    const tok = peekNonSpace();
    const pipe: PipeNode = {
      type: 'pipe',
      pos: tok.pos,
      line: tok.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = peekNonSpace();
      if (v.typ !== 'variable') break;
      nextNonSpace();
      const nx = peekNonSpace();
      if (nx.typ === 'assign' || nx.typ === 'declare') {
        pipe.isAssign = nx.typ === 'assign';
        nextNonSpace();
        pipe.decl.push(v.val);
        vars.push(v.val);
        break;
      } else if (nx.typ === 'char' && nx.val === ',') {
        nextNonSpace();
        pipe.decl.push(v.val);
        vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p2 = peekNonSpace().typ;
          if (p2 === 'variable' || p2 === 'rightDelim' || p2 === 'rightParen') continue;
          fail('range can only initialize variables');
        }
        fail(`too many declarations in ${context}`);
      } else {
        // not a declaration: push the variable back
        i = items.indexOf(v);
        break;
      }
    }
    for (;;) {
      const t = nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) fail(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, k) => {
          const a = c.args[0].type;
          if (a === 'bool' || a === 'dot' || a === 'nil' || a === 'number' || a === 'string')
            fail(`non executable command in pipeline stage ${k + 2}`);
        });
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          backup();
          pipe.cmds.push(command());
          break;
        default:
          unexpected(t, context);
      }
    }
  };

  const command = (): Command => {
    const cmd: Command = { pos: peekNonSpace().pos, args: [] };
    for (;;) {
      peekNonSpace();
      const op = operand();
      if (op) cmd.args.push(op);
      const t = nextItem();
      if (t.typ === 'space') continue;
      if (t.typ === 'rightDelim' || t.typ === 'rightParen') backup();
      else if (t.typ !== 'pipe') unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) fail('empty command');
    return cmd;
  };

  const operand = (): Arg | undefined => {
    const node = term();
    if (!node) return undefined;
    if (peek().typ === 'field') {
      // Go's chain node takes the position of the first chained field, and keeps it
      // when folding back into a field or variable node (error columns show it)
      const chainPos = peek().pos;
      const fields: string[] = [];
      while (peek().typ === 'field') fields.push(...nextItem().val.slice(1).split('.'));
      switch (node.type) {
        case 'field':
          return { type: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
        case 'variable':
          return { type: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          return fail(`unexpected . after term ${JSON.stringify(argString(node))}`);
        default:
          return { type: 'chain', pos: chainPos, node, field: fields };
      }
    }
    return node;
  };

  const term = (): Arg | undefined => {
    const t = nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!isFunc(t.val)) fail(`function ${JSON.stringify(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, name: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable': {
        const ident = t.val.split('.');
        if (!vars.includes(ident[0])) fail(`undefined variable ${JSON.stringify(ident[0])}`);
        return { type: 'variable', pos: t.pos, ident };
      }
      case 'field':
        return { type: 'field', pos: t.pos, ident: t.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: t.pos, val: t.val === 'true' };
      case 'charConstant':
      case 'number':
        return newNumber(t);
      case 'leftParen': {
        const p = pipeline('parenthesized pipeline', 'rightParen');
        return p;
      }
      case 'string':
      case 'rawString': {
        let s: string;
        try {
          s = unquote(t.val);
        } catch {
          return fail('invalid syntax');
        }
        return { type: 'string', pos: t.pos, quoted: t.val, text: s };
      }
    }
    backup();
    return undefined;
  };

  const newNumber = (t: Item): Arg => {
    if (t.typ === 'charConstant') {
      let s: string;
      try {
        s = unquote(t.val);
      } catch {
        return fail(`malformed character constant: ${t.val}`);
      }
      const cp = s.codePointAt(0) ?? 0;
      return { type: 'number', pos: t.pos, text: t.val, isInt: true, isFloat: true, value: cp };
    }
    const txt = t.val.replace(/_/g, '');
    if (/i$/.test(txt)) return fail(`complex numbers are not supported: ${t.val}`);
    const isIntSyntax = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|[1-9][0-9]*|0[bB][01]+)$/.test(txt);
    let value = Number(txt.replace(/^([+-]?)0[oO]?([0-7]+)$/, (_, s, d) => `${s}0o${d}`));
    if (isIntSyntax && /^[+-]?0[0-7]+$/.test(txt)) value = parseInt(txt, 8);
    if (Number.isNaN(value)) return fail(`illegal number syntax: ${JSON.stringify(t.val)}`);
    const isInt = Number.isInteger(value);
    return { type: 'number', pos: t.pos, text: t.val, isInt, isFloat: true, value };
  };

  const root: TemplateNode[] = [];
  while (peek().typ !== 'eof') {
    const n = textOrAction();
    if (n.type === 'end' || n.type === 'else') fail(`unexpected {{${n.type}}}`);
    root.push(n as TemplateNode);
  }
  return { text, root };
}

/** A node as Go's String() prints it, for "executing at <…>" error contexts. */
export function argString(a: Arg | Command): string {
  if (!('type' in a))
    return a.args.map((x) => (x.type === 'pipe' ? `(${argString(x)})` : argString(x))).join(' ');
  switch (a.type) {
    case 'field':
      return '.' + a.ident.join('.');
    case 'variable':
      return a.ident.join('.');
    case 'identifier':
      return a.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(a.val);
    case 'number':
      return a.text;
    case 'string':
      return a.quoted;
    case 'chain':
      return (
        (a.node.type === 'pipe' ? `(${argString(a.node)})` : argString(a.node)) + '.' + a.field.join('.')
      );
    case 'pipe': {
      const decl = a.decl.length ? a.decl.join(', ') + (a.isAssign ? ' = ' : ' := ') : '';
      return decl + a.cmds.map((c) => argString(c)).join(' | ');
    }
  }
}
