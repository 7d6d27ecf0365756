// The SQL the simulated server understands, parsed as PostgreSQL's grammar
// would for this subset: SELECT (expressions, FROM one table, WHERE, ORDER
// BY, LIMIT, plain aggregates), CREATE/DROP TABLE, INSERT … VALUES, UPDATE,
// DELETE, CREATE DATABASE. Tokens keep their offsets for the error cursor.

export type Tok = { kind: 'ident' | 'qident' | 'num' | 'str' | 'op' | 'end'; text: string; pos: number };

export type Expr =
  | { k: 'lit'; v: number | string | boolean | null; type: 'integer' | 'numeric' | 'unknown' | 'boolean' | 'null'; scale?: number; pos: number }
  | { k: 'col'; name: string; pos: number }
  | { k: 'bin'; op: string; l: Expr; r: Expr; pos: number }
  | { k: 'not' | 'neg'; e: Expr; pos: number }
  | { k: 'isnull'; e: Expr; not: boolean; pos: number }
  | { k: 'call'; name: string; args: Expr[]; star: boolean; pos: number }
  | { k: 'cast'; e: Expr; type: string; pos: number };

export interface SelectItem {
  e: Expr | '*';
  alias?: string;
}

export interface TypeName {
  name: string;
  length?: number;
}

export type Statement =
  | { k: 'select'; items: SelectItem[]; from?: { name: string; pos: number }; where?: Expr; order: { e: Expr; desc: boolean }[]; limit?: number }
  | { k: 'create'; name: string; ifNotExists: boolean; columns: { name: string; type: TypeName; notNull: boolean; primary: boolean; pos: number }[] }
  | { k: 'createdb'; name: string }
  | { k: 'drop'; names: string[]; ifExists: boolean }
  | { k: 'insert'; table: string; tablePos: number; columns?: { name: string; pos: number }[]; rows: Expr[][] }
  | { k: 'update'; table: string; tablePos: number; sets: { name: string; e: Expr; pos: number }[]; where?: Expr }
  | { k: 'delete'; table: string; tablePos: number; where?: Expr };

/** A syntax error (PostgreSQL's text) or something PostgreSQL has that this subset has not. */
export class SqlError {
  constructor(
    readonly message: string,
    readonly pos?: number,
    readonly unsupported = false,
    readonly detail?: string,
    readonly hint?: string,
  ) {}
}

const OPS = ['<>', '!=', '<=', '>=', '||', '::', '+', '-', '*', '/', '%', '(', ')', ',', ';', '=', '<', '>', '.'];

export function lex(sql: string): Tok[] | SqlError {
  const out: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) while (i < sql.length && sql[i] !== '\n') i++;
    else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))![0];
      out.push({ kind: 'ident', text: m.toLowerCase(), pos: i });
      i += m.length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(sql.slice(i))![0];
      out.push({ kind: 'num', text: m, pos: i });
      i += m.length;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= sql.length) return new SqlError(`unterminated ${c === "'" ? 'quoted string' : 'quoted identifier'} at or near "${sql.slice(i)}"`, i);
        if (sql[j] === c && sql[j + 1] === c) {
          s += c;
          j += 2;
        }
        else if (sql[j] === c) break;
        else s += sql[j++];
      }
      out.push({ kind: c === "'" ? 'str' : 'qident', text: s, pos: i });
      i = j + 1;
    } else {
      const op = OPS.find((o) => sql.startsWith(o, i));
      if (!op) return new SqlError(`syntax error at or near "${c}"`, i);
      out.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    }
  }
  out.push({ kind: 'end', text: '', pos: sql.length });
  return out;
}

/** PostgreSQL statements outside the subset (anything else at the start is a syntax error). */
const STATEMENTS = new Set(
  'abort alter analyze begin call checkpoint close cluster comment commit copy deallocate declare discard do end execute explain fetch grant import listen load lock merge move notify prepare reassign refresh reindex release reset revoke rollback savepoint security set show start table truncate unlisten vacuum values with'.split(' '),
);
const RESERVED = new Set('select from where order by limit and or not null true false as insert into values create table drop delete update set is asc desc group having join on union distinct'.split(' '));
const TYPES: Record<string, string> = { int: 'integer', int4: 'integer', integer: 'integer', serial: 'serial', serial4: 'serial', bigint: 'bigint', int8: 'bigint', bigserial: 'bigserial', smallint: 'integer', text: 'text', varchar: 'varchar', boolean: 'boolean', bool: 'boolean', numeric: 'numeric', decimal: 'numeric' };

/** Splits a query string into statements and parses each. */
export class Parser {
  private i = 0;
  constructor(private readonly t: Tok[]) {}

  private get cur(): Tok {
    return this.t[this.i];
  }
  private syntax(): SqlError {
    const c = this.cur;
    return new SqlError(c.kind === 'end' ? 'syntax error at end of input' : `syntax error at or near "${c.kind === 'str' ? `'${c.text}'` : c.text}"`, c.pos);
  }
  private atEnd(): boolean {
    return this.cur.kind === 'end';
  }
  private is(word: string): boolean {
    const c = this.cur;
    return (c.kind === 'ident' || c.kind === 'op') && c.text === word;
  }
  private eat(word: string): boolean {
    if (!this.is(word)) return false;
    this.i++;
    return true;
  }
  private want(word: string): void {
    if (!this.eat(word)) throw this.syntax();
  }
  private name(): { name: string; pos: number } {
    const c = this.cur;
    if (c.kind === 'qident' || (c.kind === 'ident' && !RESERVED.has(c.text))) {
      this.i++;
      return { name: c.text, pos: c.pos };
    }
    throw this.syntax();
  }
  private unsupported(what: string): SqlError {
    return new SqlError(what, this.cur.pos, true);
  }

  /** All statements of the string (empty ones between semicolons skipped). */
  statements(): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      while (this.eat(';'));
      if (this.cur.kind === 'end') return out;
      out.push(this.statement());
      if (!this.atEnd() && !this.is(';')) throw this.syntax();
    }
  }

  private statement(): Statement {
    const c = this.cur;
    if (this.eat('select')) return this.select();
    if (this.eat('create')) {
      if (this.eat('table')) return this.create();
      if (this.eat('database')) return { k: 'createdb', name: this.name().name };
      throw this.unsupported(`CREATE ${this.cur.text.toUpperCase()}`);
    }
    if (this.eat('drop')) {
      if (!this.eat('table')) throw this.unsupported(`DROP ${this.cur.text.toUpperCase()}`);
      const ifExists = this.eat('if') ? (this.want('exists'), true) : false;
      const names = [this.name().name];
      while (this.eat(',')) names.push(this.name().name);
      if (this.is('cascade') || this.is('restrict')) this.i++;
      return { k: 'drop', names, ifExists };
    }
    if (this.eat('insert')) return this.insert();
    if (this.eat('update')) {
      const t = this.name();
      this.want('set');
      const sets: { name: string; e: Expr; pos: number }[] = [];
      do {
        const n = this.name();
        this.want('=');
        sets.push({ name: n.name, pos: n.pos, e: this.expr() });
      } while (this.eat(','));
      const where = this.eat('where') ? this.expr() : undefined;
      return { k: 'update', table: t.name, tablePos: t.pos, sets, where };
    }
    if (this.eat('delete')) {
      this.want('from');
      const t = this.name();
      const where = this.eat('where') ? this.expr() : undefined;
      return { k: 'delete', table: t.name, tablePos: t.pos, where };
    }
    if (c.kind === 'ident' && STATEMENTS.has(c.text)) throw this.unsupported(`the ${c.text.toUpperCase()} statement`);
    throw this.syntax();
  }

  private select(): Statement {
    if (this.is('distinct')) throw this.unsupported('SELECT DISTINCT');
    const items: SelectItem[] = [];
    if (!(this.cur.kind === 'end' || this.is(';') || this.is('from'))) {
      do {
        if (this.eat('*')) items.push({ e: '*' });
        else {
          const e = this.expr();
          let alias: string | undefined;
          if (this.eat('as')) alias = this.name().name;
          else if (this.cur.kind === 'qident' || (this.cur.kind === 'ident' && !RESERVED.has(this.cur.text))) alias = this.name().name;
          items.push({ e, alias });
        }
      } while (this.eat(','));
    }
    let from: { name: string; pos: number } | undefined;
    if (this.eat('from')) {
      from = this.name();
      if (this.is('.')) throw this.unsupported('schema-qualified names');
      if (this.is(',') || this.is('join') || this.is('inner') || this.is('left') || this.is('cross')) throw this.unsupported('joins');
    }
    const where = this.eat('where') ? this.expr() : undefined;
    if (this.is('group') || this.is('having') || this.is('union')) throw this.unsupported(this.cur.text.toUpperCase());
    const order: { e: Expr; desc: boolean }[] = [];
    if (this.eat('order')) {
      this.want('by');
      do {
        const e = this.expr();
        const desc = this.eat('desc') ? true : (this.eat('asc'), false);
        order.push({ e, desc });
      } while (this.eat(','));
    }
    let limit: number | undefined;
    if (this.eat('limit')) {
      if (this.cur.kind !== 'num') throw this.syntax();
      limit = Number(this.cur.text);
      this.i++;
    }
    return { k: 'select', items, from, where, order, limit };
  }

  private typeName(): TypeName {
    const c = this.cur;
    if (c.kind !== 'ident') throw this.syntax();
    this.i++;
    let name = c.text;
    if (name === 'character' && this.eat('varying')) name = 'varchar';
    if (name === 'double' && this.eat('precision')) throw new SqlError('double precision', c.pos, true);
    const t = TYPES[name];
    if (!t) throw new SqlError(`the type ${c.text}`, c.pos, true);
    let length: number | undefined;
    if (this.eat('(')) {
      if (this.cur.kind !== 'num') throw this.syntax();
      length = Number(this.cur.text);
      this.i++;
      if (this.eat(',')) this.i++;
      this.want(')');
    }
    return { name: t, length };
  }

  private create(): Statement {
    const ifNotExists = this.eat('if') ? (this.want('not'), this.want('exists'), true) : false;
    const name = this.name().name;
    this.want('(');
    const columns: { name: string; type: TypeName; notNull: boolean; primary: boolean; pos: number }[] = [];
    do {
      if (this.is('primary') || this.is('unique') || this.is('constraint') || this.is('foreign') || this.is('check')) throw this.unsupported('table constraints');
      const n = this.name();
      const type = this.typeName();
      let notNull = false;
      let primary = false;
      for (;;) {
        if (this.eat('not')) {
          this.want('null');
          notNull = true;
        } else if (this.eat('null')) notNull = false;
        else if (this.eat('primary')) {
          this.want('key');
          primary = notNull = true;
        } else if (this.is('default') || this.is('references') || this.is('unique') || this.is('check')) throw this.unsupported(`column ${this.cur.text.toUpperCase()}`);
        else break;
      }
      columns.push({ name: n.name, type, notNull, primary, pos: n.pos });
    } while (this.eat(','));
    this.want(')');
    return { k: 'create', name, ifNotExists, columns };
  }

  private insert(): Statement {
    this.want('into');
    const t = this.name();
    let columns: { name: string; pos: number }[] | undefined;
    if (this.eat('(')) {
      columns = [];
      do columns.push(this.name());
      while (this.eat(','));
      this.want(')');
    }
    if (this.is('select') || this.is('default')) throw this.unsupported(`INSERT … ${this.cur.text.toUpperCase()}`);
    this.want('values');
    const rows: Expr[][] = [];
    do {
      this.want('(');
      const row: Expr[] = [];
      do row.push(this.expr());
      while (this.eat(','));
      this.want(')');
      rows.push(row);
    } while (this.eat(','));
    if (this.is('returning') || this.is('on')) throw this.unsupported(this.cur.text.toUpperCase());
    return { k: 'insert', table: t.name, tablePos: t.pos, columns, rows };
  }

  expr(): Expr {
    return this.or();
  }
  private or(): Expr {
    let l = this.and();
    while (this.is('or')) {
      const pos = this.cur.pos;
      this.i++;
      l = { k: 'bin', op: 'or', l, r: this.and(), pos };
    }
    return l;
  }
  private and(): Expr {
    let l = this.not();
    while (this.is('and')) {
      const pos = this.cur.pos;
      this.i++;
      l = { k: 'bin', op: 'and', l, r: this.not(), pos };
    }
    return l;
  }
  private not(): Expr {
    if (this.is('not')) {
      const pos = this.cur.pos;
      this.i++;
      return { k: 'not', e: this.not(), pos };
    }
    return this.cmp();
  }
  private cmp(): Expr {
    const l = this.add();
    const c = this.cur;
    if (c.kind === 'op' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(c.text)) {
      this.i++;
      return { k: 'bin', op: c.text === '!=' ? '<>' : c.text, l, r: this.add(), pos: c.pos };
    }
    if (this.is('is')) {
      this.i++;
      const not = this.eat('not');
      this.want('null');
      return { k: 'isnull', e: l, not, pos: c.pos };
    }
    if (this.is('like') || this.is('in') || this.is('between') || this.is('ilike')) throw this.unsupported(c.text.toUpperCase());
    return l;
  }
  private add(): Expr {
    let l = this.mul();
    while (this.is('+') || this.is('-') || this.is('||')) {
      const c = this.cur;
      this.i++;
      l = { k: 'bin', op: c.text, l, r: this.mul(), pos: c.pos };
    }
    return l;
  }
  private mul(): Expr {
    let l = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const c = this.cur;
      this.i++;
      l = { k: 'bin', op: c.text, l, r: this.unary(), pos: c.pos };
    }
    return l;
  }
  private unary(): Expr {
    if (this.is('-')) {
      const pos = this.cur.pos;
      this.i++;
      return { k: 'neg', e: this.unary(), pos };
    }
    let e = this.primary();
    while (this.is('::')) {
      const pos = this.cur.pos;
      this.i++;
      e = { k: 'cast', e, type: this.typeName().name, pos };
    }
    return e;
  }
  private primary(): Expr {
    const c = this.cur;
    if (c.kind === 'num') {
      this.i++;
      const dot = c.text.indexOf('.');
      if (dot < 0 && !/e/i.test(c.text)) return { k: 'lit', v: Number(c.text), type: Number(c.text) > 2147483647 ? 'numeric' : 'integer', pos: c.pos };
      return { k: 'lit', v: Number(c.text), type: 'numeric', scale: dot < 0 ? 0 : c.text.length - dot - 1, pos: c.pos };
    }
    if (c.kind === 'str') {
      this.i++;
      return { k: 'lit', v: c.text, type: 'unknown', pos: c.pos };
    }
    if (this.eat('(')) {
      if (this.is('select')) throw this.unsupported('subqueries');
      const e = this.expr();
      this.want(')');
      return e;
    }
    if (this.eat('null')) return { k: 'lit', v: null, type: 'null', pos: c.pos };
    if (this.eat('true')) return { k: 'lit', v: true, type: 'boolean', pos: c.pos };
    if (this.eat('false')) return { k: 'lit', v: false, type: 'boolean', pos: c.pos };
    if (c.kind === 'ident' && ['current_user', 'current_date', 'current_timestamp', 'session_user', 'user'].includes(c.text)) {
      this.i++;
      return { k: 'call', name: c.text, args: [], star: false, pos: c.pos };
    }
    if (c.kind === 'ident' && this.t[this.i + 1]?.text === '(' && this.t[this.i + 1].kind === 'op') {
      this.i += 2;
      const args: Expr[] = [];
      let star = false;
      if (this.eat('*')) star = true;
      else if (!this.is(')')) {
        do args.push(this.expr());
        while (this.eat(','));
      }
      this.want(')');
      return { k: 'call', name: c.text, args, star, pos: c.pos };
    }
    if (c.kind === 'qident' || (c.kind === 'ident' && !RESERVED.has(c.text))) {
      this.i++;
      if (this.is('.')) throw this.unsupported('qualified column names');
      return { k: 'col', name: c.text, pos: c.pos };
    }
    throw this.syntax();
  }
}

/** Parse a query string: its statements, or the first error. */
export function parseSql(sql: string): Statement[] | SqlError {
  const t = lex(sql);
  if (t instanceof SqlError) return t;
  try {
    return new Parser(t).statements();
  } catch (e) {
    if (e instanceof SqlError) return e;
    throw e;
  }
}
