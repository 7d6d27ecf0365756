// Execution of parsed Go templates over typed Go values (text/template exec.go):
// field lookup, pipelines, if/with/range, variables and function calls, with Go's
// error messages ("template: :1:2: executing "" at <.Foo>: can't evaluate field …").

import type { Arg, Command, ControlNode, ParsedTemplate, PipeNode, TemplateNode } from './template-parse';
import { argString } from './template-parse';
import type { GoType, GoValue } from './go-value';
import {
  T,
  elemValue,
  formatValue,
  indirect,
  indirectInterface,
  isObject,
  isTrue,
  mapKeys,
  structField,
  typeName,
} from './go-value';

/** A parameter type as far as text/template's assignability checks matter here. */
export type ParamType = 'any' | 'string' | 'int' | 'bool' | '[]string';

export interface TemplateFunc {
  params: ParamType[];
  variadic?: ParamType;
  /** Returns a value, or throws FuncError (reported as "error calling NAME: …"). */
  call(args: Array<GoValue | undefined>): GoValue | undefined;
}

export class FuncError extends Error {}
export class TemplateExecError extends Error {}

const MISSING = Symbol('missing');
type Final = GoValue | undefined | typeof MISSING;

class Break {}
class Continue {}

export interface ExecOptions {
  /** "invalid" prints <no value> for missing map keys; "error" is Go's missingkey=error. */
  missingKey?: 'invalid' | 'error';
  /** The template's name (templates.New(name)), which execution errors quote. */
  name?: string;
}

export class Executor {
  private out = '';
  private vars: Array<{ name: string; value: GoValue | undefined }> = [];
  // where evaluation is, for error messages; the node's text is only rendered when an error needs it
  private nodePos = -1;
  private nodeCtx: string | Arg | Command = '';

  constructor(
    private readonly tmpl: ParsedTemplate,
    private readonly funcs: Record<string, TemplateFunc>,
    private readonly opts: ExecOptions,
    private readonly name = opts.name ?? '',
  ) {}

  /** Run the template; on error the partial output is kept in `output`. */
  run(data: GoValue | undefined): { output: string; error?: TemplateExecError } {
    this.out = '';
    this.vars = [{ name: '$', value: data }];
    try {
      this.walkList(data, this.tmpl.root);
      return { output: this.out };
    } catch (e) {
      if (e instanceof TemplateExecError) return { output: this.out, error: e };
      throw e;
    }
  }

  private at(pos: number, ctx: string | Arg | Command): void {
    this.nodePos = pos;
    this.nodeCtx = ctx;
  }

  private fail(msg: string): never {
    if (this.nodePos < 0) throw new TemplateExecError(`template: ${this.name}: ${msg}`);
    const text = this.tmpl.text.slice(0, this.nodePos);
    const ctx = typeof this.nodeCtx === 'string' ? this.nodeCtx : argString(this.nodeCtx);
    const nl = text.lastIndexOf('\n');
    const enc = new TextEncoder();
    const col = nl < 0 ? enc.encode(text).length : enc.encode(text.slice(nl + 1)).length;
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    throw new TemplateExecError(
      `template: ${this.name}:${line}:${col}: executing ${JSON.stringify(this.name)} at <${ctx}>: ${msg}`,
    );
  }

  private walkList(dot: GoValue | undefined, list: TemplateNode[]): void {
    for (const n of list) this.walk(dot, n);
  }

  private walk(dot: GoValue | undefined, node: TemplateNode): void {
    switch (node.type) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node.pipe, val);
        return;
      }
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        try {
          const val = this.evalPipeline(dot, node.pipe);
          const { truth, ok } = isTrue(indirectInterface(val));
          if (!ok) this.fail(`if/with can't use ${formatValue(val)}`);
          if (truth) this.walkList(node.type === 'with' ? val : dot, node.list);
          else if (node.elseList) this.walkList(dot, node.elseList);
        } finally {
          this.vars.length = mark;
        }
        return;
      }
      case 'range':
        this.walkRange(dot, node);
        return;
    }
  }

  private walkRange(dot: GoValue | undefined, r: ControlNode): void {
    this.at(r.pos, r.pipe);
    const mark0 = this.vars.length;
    try {
      const raw = this.evalPipeline(dot, r.pipe);
      const val = raw ? indirect(raw).g : undefined;
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: GoValue | undefined, elem: GoValue | undefined): boolean => {
        if (decl.length > 0) this.setTopVar(1, elem);
        if (decl.length > 1) this.setTopVar(2, index);
        try {
          this.walkList(elem, r.list);
        } catch (e) {
          if (e instanceof Break) return false;
          if (!(e instanceof Continue)) throw e;
        } finally {
          this.vars.length = mark;
        }
        return true;
      };
      let ran = false;
      if (val && val.t.kind === 'int') {
        if (decl.length > 1)
          this.fail(`can't use ${formatValue(val)} to iterate over more than one variable`);
        for (let i = 0; i < (val.v as number); i++) {
          ran = true;
          if (!one(undefined, { t: val.t, v: i })) break;
        }
      } else if (val && val.t.kind === 'slice') {
        const arr = Array.isArray(val.v) ? val.v : [];
        const et = val.t.elem;
        for (let i = 0; i < arr.length; i++) {
          ran = true;
          if (!one({ t: T.int, v: i }, elemValue(et, arr[i]))) break;
        }
      } else if (val && val.t.kind === 'map') {
        const obj = isObject(val.v) ? val.v : {};
        const et = val.t.elem;
        for (const k of mapKeys(obj)) {
          ran = true;
          if (!one({ t: T.string, v: k }, elemValue(et, obj[k]))) break;
        }
      } else if (val !== undefined && !(val.t.kind === 'ptr' || val.t.kind === 'iface')) {
        this.fail(`range can't iterate over ${formatValue(val)}`);
      }
      if (!ran && r.elseList) this.walkList(dot, r.elseList);
    } finally {
      this.vars.length = mark0;
    }
  }

  private setTopVar(n: number, value: GoValue | undefined): void {
    this.vars[this.vars.length - n].value = value;
  }

  private setVar(name: string, value: GoValue | undefined): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue | undefined {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(`undefined variable: ${name}`);
  }

  private evalPipeline(dot: GoValue | undefined, pipe: PipeNode): GoValue | undefined {
    this.at(pipe.pos, pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value && value.t.kind === 'iface') value = indirectInterface(value);
    }
    const result = value === MISSING ? undefined : value;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private notAFunction(args: Arg[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.fail(`can't give argument to non-function ${argString(args[0])}`);
  }

  private evalCommand(dot: GoValue | undefined, cmd: Command, final: Final): GoValue | undefined {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        this.at(first.pos, first);
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain': {
        this.at(first.pos, first);
        const recv = this.evalArg(dot, 'any', first.node);
        return this.evalFieldChain(dot, recv, first, first.field, cmd.args, final);
      }
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first.pos, first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return { t: T.bool, v: first.val };
      case 'dot':
        return dot;
      case 'nil':
        return this.fail('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return { t: T.string, v: first.text };
    }
  }

  private idealConstant(n: Extract<Arg, { type: 'number' }>): GoValue {
    this.at(n.pos, n.text);
    const isHexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (!isHexInt && n.text[0] !== "'" && /[.eEpP]/.test(n.text)) return { t: T.float64, v: n.value };
    if (n.isInt) return { t: T.int, v: n.value };
    return { t: T.float64, v: n.value };
  }

  private evalVariable(
    dot: GoValue | undefined,
    v: Extract<Arg, { type: 'variable' }>,
    args: Arg[],
    final: Final,
  ): GoValue | undefined {
    this.at(v.pos, v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue | undefined,
    receiver: GoValue | undefined,
    node: Arg,
    ident: string[],
    args: Arg[],
    final: Final,
  ): GoValue | undefined {
    let recv = receiver;
    for (let i = 0; i < ident.length - 1; i++) recv = this.evalField(ident[i], node, [], MISSING, recv, dot);
    return this.evalField(ident[ident.length - 1], node, args, final, recv, dot);
  }

  private evalField(
    fieldName: string,
    node: Arg,
    args: Arg[],
    final: Final,
    receiver: GoValue | undefined,
    dot?: GoValue,
  ): GoValue | undefined {
    if (!receiver) {
      if (this.opts.missingKey === 'error')
        this.fail(`nil data; no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    const typ = typeName(receiver.t);
    const { g, isNil } = indirect(receiver);
    if (g.t.kind === 'iface' && isNil) this.fail(`nil pointer evaluating ${typ}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    switch (g.t.kind) {
      case 'struct': {
        const f = structField(g, fieldName);
        if (f) {
          if (hasArgs) this.fail(`${fieldName} has arguments but cannot be invoked as function`);
          return f;
        }
        const m = g.t.methods?.[fieldName];
        if (m) {
          const recv = isObject(g.v) ? g.v : {};
          const fn: TemplateFunc = { params: m.params, call: (argv) => m.call(recv, argv) };
          return this.evalCall(dot, fn, node as Command | Arg, fieldName, args, final);
        }
        break;
      }
      case 'string': {
        const m = g.t.methods?.[fieldName];
        if (m) {
          const recv = typeof g.v === 'string' ? g.v : '';
          const fn: TemplateFunc = { params: m.params, call: (argv) => m.call(recv, argv) };
          return this.evalCall(dot, fn, node as Command | Arg, fieldName, args, final);
        }
        break;
      }
      case 'map': {
        // text/template looks a method up before it indexes the map
        const m = g.t.methods?.[fieldName];
        if (m) {
          const recv = isObject(g.v) ? g.v : {};
          const fn: TemplateFunc = { params: m.params, call: (argv) => m.call(recv, argv) };
          return this.evalCall(dot, fn, node as Command | Arg, fieldName, args, final);
        }
        if (hasArgs) this.fail(`${fieldName} is not a method but has arguments`);
        const obj = isObject(g.v) ? g.v : {};
        if (!(fieldName in obj)) {
          if (this.opts.missingKey === 'error')
            this.fail(`map has no entry for key ${JSON.stringify(fieldName)}`);
          return undefined;
        }
        return elemValue(g.t.elem, obj[fieldName]);
      }
      case 'ptr': {
        const et = g.t.elem;
        if (et.kind === 'struct' && !structField({ t: et, v: {} }, fieldName)) break;
        if (isNil) this.fail(`nil pointer evaluating ${typ}.${fieldName}`);
        break;
      }
    }
    return this.fail(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(
    dot: GoValue | undefined,
    node: Extract<Arg, { type: 'identifier' }>,
    cmd: Command | Arg,
    args: Arg[],
    final: Final,
  ): GoValue | undefined {
    this.at(node.pos, node.name);
    const fn = this.funcs[node.name];
    if (!fn) this.fail(`${JSON.stringify(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.name, args, final);
  }

  private evalCall(
    dot: GoValue | undefined,
    fn: TemplateFunc,
    node: Command | Arg,
    name: string,
    allArgs: Arg[],
    final: Final,
  ): GoValue | undefined {
    const args = allArgs.slice(1);
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed)
        this.fail(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.fail(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (name === 'and' || name === 'or') {
      let v: GoValue | undefined;
      for (const a of args) {
        v = this.evalArg(dot, 'any', a);
        if (isTrue(indirectInterface(v)).truth === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: Array<GoValue | undefined> = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]));
    if (final !== MISSING) {
      const t =
        fn.variadic && numIn - 1 >= numFixed ? fn.variadic : (fn.params[numIn - 1] ?? fn.variadic ?? 'any');
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.call(argv);
    } catch (e) {
      if (e instanceof FuncError) {
        this.at(node.pos, node);
        this.fail(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  private validateType(value: GoValue | undefined, typ: ParamType): GoValue | undefined {
    if (typ === 'any') return value;
    if (!value) return this.fail(`invalid value; expected ${typ}`);
    let v = value;
    if (!assignable(v.t, typ) && v.t.kind === 'iface') {
      const inner = indirectInterface(v);
      if (inner) v = inner;
    }
    if (!assignable(v.t, typ)) {
      if (v.t.kind === 'ptr' && v.v !== null && assignable(v.t.elem, typ)) return { t: v.t.elem, v: v.v };
      this.fail(`wrong type for value; expected ${typ}; got ${typeName(v.t)}`);
    }
    return v;
  }

  private evalArg(dot: GoValue | undefined, typ: ParamType, n: Arg): GoValue | undefined {
    this.at(n.pos, n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'any' || typ === '[]string') return undefined;
        return this.fail(`cannot assign nil to ${typ}`);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariable(dot, n, [n], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [n], MISSING), typ);
      case 'chain': {
        const recv = this.evalArg(dot, 'any', n.node);
        return this.validateType(this.evalFieldChain(dot, recv, n, n.field, [n], MISSING), typ);
      }
    }
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return { t: T.bool, v: n.val };
        return this.fail(`expected bool; found ${argString(n)}`);
      case 'string':
        if (n.type === 'string') return { t: T.string, v: n.text };
        return this.fail(`expected string; found ${argString(n)}`);
      case 'int':
        if (n.type === 'number' && n.isInt && !/[.eE]/.test(n.text)) return { t: T.int, v: n.value };
        return this.fail(`expected integer; found ${argString(n)}`);
      case '[]string':
        return this.fail(`can't handle ${argString(n)} for arg of type []string`);
      default:
        switch (n.type) {
          case 'bool':
            return { t: T.bool, v: n.val };
          case 'number':
            return this.idealConstant(n);
          case 'string':
            return { t: T.string, v: n.text };
        }
    }
  }

  private printValue(pipe: PipeNode, v: GoValue | undefined): void {
    this.at(pipe.pos, pipe);
    if (v && v.t.kind === 'ptr') {
      const r = indirect(v);
      this.out += r.isNil ? '<nil>' : formatValue(r.g);
      return;
    }
    this.out += formatValue(v);
  }
}

function assignable(t: GoType, p: ParamType): boolean {
  switch (p) {
    case 'any':
      return true;
    case 'string':
      return t.kind === 'string' && !t.name;
    case 'int':
      return t.kind === 'int' && (t.name ?? 'int') === 'int';
    case 'bool':
      return t.kind === 'bool';
    case '[]string':
      return t.kind === 'slice' && t.elem.kind === 'string' && !t.elem.name;
  }
}
