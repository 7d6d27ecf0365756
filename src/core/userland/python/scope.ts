// The symbol-table pass: which names each function binds locally (Python
// decides this per function, before running it), and the compiler's own
// SyntaxErrors ('return' outside function, 'break' outside loop, ...).
import type { Expr, Module, Params, Pos, ScopeInfo, Stmt } from './ast';
import { PySyntaxError } from './syntax-error';

interface Ctx {
  scope: ScopeInfo | undefined;
  inLoop: boolean;
  params: Set<string>;
}

export function analyseScopes(m: Module, showText: boolean): void {
  const err = (msg: string, p: Pos): PySyntaxError => {
    const text = m.lines[p.line - 1] ?? '';
    const end = p.endLine === p.line ? p.endCol : text.length;
    return new PySyntaxError(
      'SyntaxError',
      msg,
      m.filename,
      p.line,
      p.col + 1,
      text,
      end + 1,
      p.line,
      showText,
    );
  };

  const bindTarget = (e: Expr, s: ScopeInfo | undefined): void => {
    if (!s) return;
    if (e.t === 'Name') s.locals.add(e.id);
    else if (e.t === 'Tuple' || e.t === 'List') e.elts.forEach((x) => bindTarget(x, s));
    else if (e.t === 'Starred') bindTarget(e.value, s);
  };

  const paramNames = (p: Params): string[] => [
    ...p.args.map((a) => a.name),
    ...(p.vararg ? [p.vararg] : []),
    ...p.kwonly.map((a) => a.name),
    ...(p.kwarg ? [p.kwarg] : []),
  ];

  const expr = (e: Expr | undefined, c: Ctx): void => {
    if (!e) return;
    switch (e.t) {
      case 'Lambda': {
        const names = paramNames(e.params);
        names.forEach((n) => e.scope.locals.add(n));
        e.params.args.forEach((a) => expr(a.default, c));
        e.params.kwonly.forEach((a) => expr(a.default, c));
        expr(e.body, { scope: e.scope, inLoop: false, params: new Set(names) });
        return;
      }
      case 'NamedExpr':
        bindTarget(e.target, c.scope);
        expr(e.value, c);
        return;
      case 'Yield':
      case 'YieldFrom':
        if (!c.scope) throw err("'yield' outside function", e);
        c.scope.generator = true;
        expr(e.value, c);
        return;
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp':
        for (const g of e.generators) {
          expr(g.iter, c);
          g.ifs.forEach((x) => expr(x, c));
        }
        if (e.t === 'DictComp') {
          expr(e.key, c);
          expr(e.value, c);
        } else expr(e.elt, c);
        return;
    }
    for (const v of Object.values(e)) {
      if (v && typeof v === 'object') {
        if (Array.isArray(v)) for (const x of v) visitAny(x, c);
        else visitAny(v, c);
      }
    }
  };

  const visitAny = (x: unknown, c: Ctx): void => {
    if (!x || typeof x !== 'object') return;
    const o = x as { t?: string; expr?: Expr; spec?: Expr | null; value?: Expr };
    if (typeof o.t === 'string') expr(x as Expr, c);
    else if (o.expr) {
      // an f-string field or a keyword argument
      expr(o.expr, c);
      if (o.spec) expr(o.spec, c);
    } else if (o.value && typeof o.value === 'object' && 't' in o.value) expr(o.value, c);
  };

  const stmts = (body: Stmt[], c: Ctx): void => body.forEach((s) => stmt(s, c));

  const stmt = (s: Stmt, c: Ctx): void => {
    const sc = c.scope;
    switch (s.t) {
      case 'Expr':
        return expr(s.value, c);
      case 'Assign':
        s.targets.forEach((t) => {
          bindTarget(t, sc);
          expr(t, c);
        });
        return expr(s.value, c);
      case 'AugAssign':
      case 'AnnAssign':
        bindTarget(s.target, sc);
        expr(s.target, c);
        return expr(s.value, c);
      case 'If':
        expr(s.test, c);
        stmts(s.body, c);
        return stmts(s.orelse, c);
      case 'While':
        expr(s.test, c);
        stmts(s.body, { ...c, inLoop: true });
        return stmts(s.orelse, c);
      case 'For':
        bindTarget(s.target, sc);
        expr(s.iter, c);
        stmts(s.body, { ...c, inLoop: true });
        return stmts(s.orelse, c);
      case 'FunctionDef': {
        sc?.locals.add(s.name);
        s.decorators.forEach((d) => expr(d, c));
        s.params.args.forEach((a) => expr(a.default, c));
        s.params.kwonly.forEach((a) => expr(a.default, c));
        const names = paramNames(s.params);
        names.forEach((n) => s.scope.locals.add(n));
        const inner: Ctx = { scope: s.scope, inLoop: false, params: new Set(names) };
        stmts(s.body, inner);
        for (const g of s.scope.globals) s.scope.locals.delete(g);
        for (const g of s.scope.nonlocals) s.scope.locals.delete(g);
        return;
      }
      case 'ClassDef':
        sc?.locals.add(s.name);
        s.bases.forEach((b) => expr(b, c));
        s.decorators.forEach((d) => expr(d, c));
        // a class body is its own namespace; functions inside it close over the enclosing function
        return stmts(s.body, { scope: undefined, inLoop: false, params: new Set() });
      case 'Return':
        if (!sc) throw err("'return' outside function", s);
        return expr(s.value, c);
      case 'Break':
        if (!c.inLoop) throw err("'break' outside loop", s);
        return;
      case 'Continue':
        if (!c.inLoop) throw err("'continue' not properly in loop", s);
        return;
      case 'Raise':
        expr(s.exc, c);
        return expr(s.cause, c);
      case 'Try':
        stmts(s.body, c);
        for (const h of s.handlers) {
          expr(h.type, c);
          if (h.name) sc?.locals.add(h.name);
          stmts(h.body, c);
        }
        stmts(s.orelse, c);
        return stmts(s.finalbody, c);
      case 'Import':
        for (const a of s.names) sc?.locals.add(a.asname ?? a.name.split('.')[0]);
        return;
      case 'ImportFrom':
        for (const a of s.names) if (a.name !== '*') sc?.locals.add(a.asname ?? a.name);
        return;
      case 'Global':
        for (const n of s.names) {
          if (c.params.has(n)) throw err(`name '${n}' is parameter and global`, s);
          sc?.globals.add(n);
        }
        return;
      case 'Nonlocal':
        if (!sc) throw err('nonlocal declaration not allowed at module level', s);
        for (const n of s.names) {
          if (c.params.has(n)) throw err(`name '${n}' is parameter and nonlocal`, s);
          sc.nonlocals.add(n);
        }
        return;
      case 'Delete':
        s.targets.forEach((t) => {
          bindTarget(t, sc);
          expr(t, c);
        });
        return;
      case 'Assert':
        expr(s.test, c);
        return expr(s.msg, c);
      case 'With':
        for (const it of s.items) {
          expr(it.expr, c);
          if (it.target) bindTarget(it.target, sc);
        }
        return stmts(s.body, c);
    }
  };

  stmts(m.body, { scope: undefined, inLoop: false, params: new Set() });
}
