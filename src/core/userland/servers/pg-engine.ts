// The backend's executor for the SQL subset: typed values as PostgreSQL
// types them (integer, bigint, numeric, text, boolean, timestamptz and the
// "unknown" of a string literal), its error texts with the cursor position,
// command tags, and every change written to the table's relation file.
import { pgTime } from './log-time';
import { parseSql, SqlError, type Expr, type Statement } from './pg-sql';
import type { ColumnDef, ColumnType, PgStore, Table, Value } from './pg-store';
import { versionLine, type PgVersion } from './pg-version';

export type StatementResult = { notices?: string[] } & (
  | { kind: 'rows'; columns: { name: string; right: boolean }[]; rows: (string | null)[][] }
  | { kind: 'command'; tag: string }
  | { kind: 'error'; message: string; position?: number; detail?: string; hint?: string }
  | { kind: 'unsupported'; what: string }
);

export interface EngineEnv {
  version: PgVersion;
  now: number;
  user: string;
  /** WAL written by a change: bytes, pages dirtied. */
  wal: (bytes: number, pages: number) => void;
}

type VT = 'integer' | 'bigint' | 'numeric' | 'text' | 'boolean' | 'timestamptz' | 'unknown' | 'null';
interface V {
  t: VT;
  v: Value;
  scale?: number;
}

const NUMERIC: VT[] = ['integer', 'bigint', 'numeric'];
const TYPE_SQL: Record<string, string> = { integer: 'integer', bigint: 'bigint', numeric: 'numeric', text: 'text', boolean: 'boolean', timestamptz: 'timestamp with time zone', unknown: 'unknown', null: 'unknown', varchar: 'character varying' };
const AGGREGATES = new Set(['count', 'sum', 'min', 'max']);

const fail = (message: string, pos?: number, hint?: string, detail?: string) => new SqlError(message, pos, false, detail, hint);

function show(x: V): string | null {
  if (x.v === null) return null;
  if (x.t === 'boolean') return x.v ? 't' : 'f';
  if (x.t === 'numeric' && typeof x.v === 'number') return x.v.toFixed(x.scale ?? 0);
  return String(x.v);
}

function columnVT(c: ColumnDef): VT {
  return c.type === 'varchar' ? 'text' : c.type;
}

/** An "unknown" literal read as a value of type t (PostgreSQL's input functions). */
function coerce(x: V, t: VT, pos: number): V {
  if (x.t !== 'unknown' || x.v === null) return x;
  const s = String(x.v);
  if (t === 'integer' || t === 'bigint') {
    if (!/^\s*[+-]?\d+\s*$/.test(s)) throw fail(`invalid input syntax for type ${t}: "${s}"`, pos);
    return { t, v: Number(s) };
  }
  if (t === 'numeric') {
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(s)) throw fail(`invalid input syntax for type numeric: "${s}"`, pos);
    const d = s.trim().indexOf('.');
    return { t, v: Number(s), scale: d < 0 ? 0 : s.trim().length - d - 1 };
  }
  if (t === 'boolean') {
    const b = { t: true, true: true, yes: true, on: true, 1: true, f: false, false: false, no: false, off: false, 0: false }[s.trim().toLowerCase()];
    if (b === undefined) throw fail(`invalid input syntax for type boolean: "${s}"`, pos);
    return { t, v: b };
  }
  return { t: 'text', v: s };
}

interface Row {
  cols: ColumnDef[];
  values: Value[];
}

class Evaluator {
  constructor(
    private readonly env: EngineEnv,
    private readonly db: string,
  ) {}

  eval(e: Expr, row?: Row): V {
    switch (e.k) {
      case 'lit':
        return { t: e.type, v: e.v, scale: e.scale };
      case 'col': {
        const i = row ? row.cols.findIndex((c) => c.name === e.name) : -1;
        if (!row || i < 0) throw fail(`column "${e.name}" does not exist`, e.pos);
        return { t: columnVT(row.cols[i]), v: row.values[i] };
      }
      case 'neg': {
        const x = this.eval(e.e, row);
        const n = coerce(x, 'integer', e.e.pos);
        if (!NUMERIC.includes(n.t)) throw fail(`operator does not exist: - ${TYPE_SQL[n.t]}`, e.pos, 'No operator matches the given name and argument type. You might need to add an explicit type cast.');
        return { ...n, v: n.v === null ? null : -(n.v as number) };
      }
      case 'not': {
        const x = this.bool(this.eval(e.e, row), 'NOT', e.e.pos);
        return { t: 'boolean', v: x === null ? null : !x };
      }
      case 'isnull': {
        const x = this.eval(e.e, row);
        return { t: 'boolean', v: (x.v === null) !== e.not };
      }
      case 'cast': {
        const x = this.eval(e.e, row);
        const t = (e.type === 'serial' ? 'integer' : e.type === 'bigserial' ? 'bigint' : e.type === 'varchar' ? 'text' : e.type) as VT;
        if (x.v === null) return { t, v: null };
        if (x.t === 'unknown') return coerce(x, t, e.e.pos);
        if (t === 'text') return { t, v: show(x) };
        if (NUMERIC.includes(t) && NUMERIC.includes(x.t)) return t === 'numeric' ? { t, v: x.v, scale: x.scale ?? 0 } : { t, v: Math.round(x.v as number) };
        if (x.t === 'text') return coerce({ t: 'unknown', v: x.v }, t, e.e.pos);
        if (x.t === t) return x;
        throw fail(`cannot cast type ${TYPE_SQL[x.t]} to ${TYPE_SQL[t]}`, e.pos);
      }
      case 'call':
        return this.call(e, row);
      case 'bin':
        return this.binary(e, row);
    }
  }

  private bool(x: V, what: string, pos: number): boolean | null {
    const b = coerce(x, 'boolean', pos);
    if (b.t !== 'boolean' && b.t !== 'null') throw fail(`argument of ${what} must be type boolean, not type ${TYPE_SQL[b.t]}`, pos);
    return b.v as boolean | null;
  }

  private call(e: Extract<Expr, { k: 'call' }>, row?: Row): V {
    const arity = (n: number) => {
      if (e.args.length !== n) throw new SqlError(`the function ${e.name}() with ${e.args.length} arguments`, e.pos, true);
    };
    switch (e.name) {
      case 'now':
      case 'current_timestamp':
        return { t: 'timestamptz', v: `${pgTime(this.env.now).slice(0, -4)}000+00` };
      case 'version':
        arity(0);
        return { t: 'text', v: versionLine(this.env.version) };
      case 'current_user':
      case 'session_user':
      case 'user':
        return { t: 'text', v: this.env.user };
      case 'current_database':
        arity(0);
        return { t: 'text', v: this.db };
      case 'upper':
      case 'lower':
      case 'length': {
        arity(1);
        const x = this.eval(e.args[0], row);
        if (x.v === null) return { t: e.name === 'length' ? 'integer' : 'text', v: null };
        const s = x.t === 'unknown' || x.t === 'text' ? String(x.v) : undefined;
        if (s === undefined) throw fail(`function ${e.name}(${TYPE_SQL[x.t]}) does not exist`, e.pos, 'No function matches the given name and argument types. You might need to add explicit type casts.');
        return e.name === 'length' ? { t: 'integer', v: [...s].length } : { t: 'text', v: e.name === 'upper' ? s.toUpperCase() : s.toLowerCase() };
      }
    }
    if (AGGREGATES.has(e.name)) throw fail(`aggregate functions are not allowed in WHERE`, e.pos);
    throw new SqlError(`the function ${e.name}()`, e.pos, true);
  }

  private binary(e: Extract<Expr, { k: 'bin' }>, row?: Row): V {
    if (e.op === 'and' || e.op === 'or') {
      const what = e.op.toUpperCase();
      const l = this.bool(this.eval(e.l, row), what, e.l.pos);
      const r = this.bool(this.eval(e.r, row), what, e.r.pos);
      if (e.op === 'and') return { t: 'boolean', v: l === false || r === false ? false : l === null || r === null ? null : true };
      return { t: 'boolean', v: l === true || r === true ? true : l === null || r === null ? null : false };
    }
    let l = this.eval(e.l, row);
    let r = this.eval(e.r, row);
    if (e.op === '||') {
      if (l.v === null || r.v === null) return { t: 'text', v: null };
      return { t: 'text', v: `${show(l)}${show(r)}` };
    }
    // an untyped literal takes the other side's type; two of them compare as text
    if (l.t === 'unknown' && r.t !== 'unknown') l = coerce(l, r.t === 'null' ? 'text' : r.t, e.l.pos);
    if (r.t === 'unknown' && l.t !== 'unknown') r = coerce(r, l.t === 'null' ? 'text' : l.t, e.r.pos);
    if (l.t === 'unknown') l = { t: 'text', v: l.v };
    if (r.t === 'unknown') r = { t: 'text', v: r.v };
    const num = NUMERIC.includes(l.t) || l.t === 'null';
    const rnum = NUMERIC.includes(r.t) || r.t === 'null';
    const compatible = (num && rnum) || l.t === r.t || l.t === 'null' || r.t === 'null';
    if (!compatible || (['+', '-', '*', '/', '%'].includes(e.op) && !(num && rnum)))
      throw fail(`operator does not exist: ${TYPE_SQL[l.t]} ${e.op} ${TYPE_SQL[r.t]}`, e.pos, 'No operator matches the given name and argument types. You might need to add explicit type casts.');
    if (['=', '<>', '<', '>', '<=', '>='].includes(e.op)) {
      if (l.v === null || r.v === null) return { t: 'boolean', v: null };
      const c = l.v < r.v ? -1 : l.v > r.v ? 1 : 0;
      const v = { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[e.op];
      return { t: 'boolean', v: v ?? null };
    }
    const t: VT = l.t === 'numeric' || r.t === 'numeric' ? 'numeric' : l.t === 'bigint' || r.t === 'bigint' ? 'bigint' : 'integer';
    if (l.v === null || r.v === null) return { t, v: null };
    const a = l.v as number;
    const b = r.v as number;
    if ((e.op === '/' || e.op === '%') && b === 0) throw fail('division by zero');
    if (t === 'numeric' && e.op === '/') throw new SqlError('numeric division', e.pos, true);
    const scale = t === 'numeric' ? (e.op === '*' ? (l.scale ?? 0) + (r.scale ?? 0) : Math.max(l.scale ?? 0, r.scale ?? 0)) : undefined;
    const v = { '+': a + b, '-': a - b, '*': a * b, '/': Math.trunc(a / b), '%': a % b }[e.op] ?? 0;
    if (t === 'integer' && (v > 2147483647 || v < -2147483648)) throw fail('integer out of range');
    return { t, v, scale };
  }
}

/** The column name PostgreSQL gives an unnamed select item. */
function columnName(e: Expr): string {
  if (e.k === 'col') return e.name;
  // the grammar makes TRUE and FALSE casts to bool
  if (e.k === 'lit' && e.type === 'boolean') return 'bool';
  if (e.k === 'call') return e.name;
  if (e.k === 'cast') return e.e.k === 'col' ? e.e.name : ({ integer: 'int4', bigint: 'int8', boolean: 'bool' } as Record<string, string>)[e.type] ?? e.type;
  return '?column?';
}

function isAggregate(e: Expr): e is Extract<Expr, { k: 'call' }> {
  return e.k === 'call' && AGGREGATES.has(e.name);
}

export class Executor {
  private readonly ev: Evaluator;
  constructor(
    private readonly store: PgStore,
    private readonly db: string,
    private readonly env: EngineEnv,
  ) {
    this.ev = new Evaluator(env, db);
  }

  private table(name: string, pos: number): Table {
    // the one system catalog the image's entrypoint asks about
    if (name === 'pg_database')
      return { relname: name, seq: 0, columns: [{ name: 'oid', type: 'integer' }, { name: 'datname', type: 'text' }], rows: [...this.store.databases()].map(([n, oid]) => [oid, n]) };
    const t = this.store.table(this.db, name);
    if (!t) throw fail(`relation "${name}" does not exist`, pos);
    return t;
  }

  /** A row of NULLs: parse analysis checks names and types even when no row is read. */
  private probe(t: Table): Row {
    return { cols: t.columns, values: t.columns.map(() => null) };
  }

  private where(t: Table, where: Expr | undefined): number[] {
    const out: number[] = [];
    if (where) this.ev.eval(where, this.probe(t));
    t.rows.forEach((values, i) => {
      if (!where) return out.push(i);
      const x = this.ev.eval(where, { cols: t.columns, values });
      const b = coerce(x, 'boolean', where.pos);
      if (b.t !== 'boolean' && b.t !== 'null') throw fail(`argument of WHERE must be type boolean, not type ${TYPE_SQL[b.t]}`, where.pos);
      if (b.v === true) out.push(i);
    });
    return out;
  }

  private save(t: Table, bytes: number): void {
    const e = this.store.save(this.db, t);
    if (e) throw fail(`could not write to file "${e.path}": ${e.message}`);
    this.env.wal(bytes, 1);
  }

  /** A value stored into a column: assignment casts, length and NOT NULL checks. */
  private assign(t: Table, c: ColumnDef, x: V, pos: number): Value {
    const target = columnVT(c);
    let y = coerce(x, target, pos);
    if (y.v !== null && target === 'text' && y.t !== 'text') y = { t: 'text', v: show(y) };
    if (y.v !== null && NUMERIC.includes(target) && NUMERIC.includes(y.t)) y = { t: target, v: target === 'numeric' ? y.v : Math.round(y.v as number) };
    if (y.v !== null && y.t !== target)
      throw fail(`column "${c.name}" is of type ${TYPE_SQL[c.type]} but expression is of type ${TYPE_SQL[y.t]}`, pos, 'You will need to rewrite or cast the expression.');
    if (c.type === 'varchar' && c.length !== undefined && typeof y.v === 'string' && [...y.v].length > c.length) throw fail(`value too long for type character varying(${c.length})`);
    if (c.type === 'integer' && typeof y.v === 'number' && Math.abs(y.v) > 2147483647) throw fail('integer out of range');
    return y.v;
  }

  private checkRow(t: Table, values: Value[], skip?: number): void {
    const shown = () => `Failing row contains (${values.map((v, i) => (v === null ? 'null' : show({ t: columnVT(t.columns[i]), v }))).join(', ')}).`;
    t.columns.forEach((c, i) => {
      if (c.notNull && values[i] === null) throw fail(`null value in column "${c.name}" of relation "${t.relname}" violates not-null constraint`, undefined, undefined, shown());
    });
    const key = t.columns.findIndex((c) => c.primary);
    if (key >= 0 && t.rows.some((r, i) => i !== skip && r[key] === values[key]))
      throw fail(`duplicate key value violates unique constraint "${t.relname}_pkey"`, undefined, undefined, `Key (${t.columns[key].name})=(${String(values[key])}) already exists.`);
  }

  run(s: Statement): StatementResult {
    switch (s.k) {
      case 'select':
        return this.select(s);
      case 'create': {
        if (this.store.table(this.db, s.name)) {
          if (s.ifNotExists) return { kind: 'command', tag: 'CREATE TABLE', notices: [`relation "${s.name}" already exists, skipping`] };
          throw fail(`relation "${s.name}" already exists`);
        }
        const seen = new Set<string>();
        const columns = s.columns.map((c): ColumnDef => {
          if (seen.has(c.name)) throw fail(`column "${c.name}" specified more than once`);
          seen.add(c.name);
          const serial = c.type.name === 'serial' || c.type.name === 'bigserial';
          const type = (c.type.name === 'serial' ? 'integer' : c.type.name === 'bigserial' ? 'bigint' : c.type.name) as ColumnType;
          return { name: c.name, type, ...(c.type.length !== undefined ? { length: c.type.length } : {}), ...(serial ? { serial: true } : {}), ...(c.notNull || serial ? { notNull: true } : {}), ...(c.primary ? { primary: true } : {}) };
        });
        if (columns.filter((c) => c.primary).length > 1) throw fail(`multiple primary keys for table "${s.name}" are not allowed`);
        this.save({ relname: s.name, columns, seq: 0, rows: [] }, 0x1c8 + 0x60 * columns.length);
        return { kind: 'command', tag: 'CREATE TABLE' };
      }
      case 'createdb': {
        if (this.store.databases().has(s.name)) throw fail(`database "${s.name}" already exists`);
        const e = this.store.createDatabase(s.name, this.env.version.major);
        if (e) throw fail(`could not create directory "${e.path}": ${e.message}`);
        this.env.wal(0x80, 0);
        return { kind: 'command', tag: 'CREATE DATABASE' };
      }
      case 'drop': {
        const notices: string[] = [];
        for (const n of s.names) {
          if (this.store.table(this.db, n)) continue;
          if (!s.ifExists) throw fail(`table "${n}" does not exist`);
          notices.push(`table "${n}" does not exist, skipping`);
        }
        for (const n of s.names) this.store.drop(this.db, n);
        this.env.wal(0x100, 1);
        return { kind: 'command', tag: 'DROP TABLE', ...(notices.length ? { notices } : {}) };
      }
      case 'insert': {
        const t = this.table(s.table, s.tablePos);
        const targets = (s.columns ?? t.columns.map((c) => ({ name: c.name, pos: s.tablePos }))).map((c) => {
          const i = t.columns.findIndex((d) => d.name === c.name);
          if (i < 0) throw fail(`column "${c.name}" of relation "${t.relname}" does not exist`, c.pos);
          return i;
        });
        for (const r of s.rows) {
          if (r.length > targets.length) throw fail('INSERT has more expressions than target columns', r[targets.length].pos);
          if (r.length < targets.length && s.columns) throw fail('INSERT has more target columns than expressions', s.columns[r.length].pos);
          const values: Value[] = t.columns.map(() => null);
          r.forEach((e, j) => (values[targets[j]] = this.assign(t, t.columns[targets[j]], this.ev.eval(e), e.pos)));
          t.columns.forEach((c, i) => {
            if (c.serial && !targets.slice(0, r.length).includes(i)) values[i] = ++t.seq;
          });
          this.checkRow(t, values);
          t.rows.push(values);
        }
        this.save(t, 0x48 * s.rows.length);
        return { kind: 'command', tag: `INSERT 0 ${s.rows.length}` };
      }
      case 'update': {
        const t = this.table(s.table, s.tablePos);
        const hit = this.where(t, s.where);
        for (const i of hit) {
          const values = [...t.rows[i]];
          for (const set of s.sets) {
            const c = t.columns.findIndex((d) => d.name === set.name);
            if (c < 0) throw fail(`column "${set.name}" of relation "${t.relname}" does not exist`, set.pos);
            values[c] = this.assign(t, t.columns[c], this.ev.eval(set.e, { cols: t.columns, values: t.rows[i] }), set.e.pos);
          }
          this.checkRow(t, values, i);
          t.rows[i] = values;
        }
        if (hit.length) this.save(t, 0x50 * hit.length);
        return { kind: 'command', tag: `UPDATE ${hit.length}` };
      }
      case 'delete': {
        const t = this.table(s.table, s.tablePos);
        const hit = new Set(this.where(t, s.where));
        t.rows = t.rows.filter((_, i) => !hit.has(i));
        if (hit.size) this.save(t, 0x36 * hit.size);
        return { kind: 'command', tag: `DELETE ${hit.size}` };
      }
    }
  }

  private select(s: Extract<Statement, { k: 'select' }>): StatementResult {
    const t = s.from ? this.table(s.from.name, s.from.pos) : undefined;
    const rowsIdx = t ? this.where(t, s.where) : s.where ? (this.ev.eval(s.where).v === true ? [0] : []) : [0];
    const rowOf = (i: number): Row | undefined => (t ? { cols: t.columns, values: t.rows[i] } : undefined);
    const items = s.items.flatMap((it) => (it.e === '*' ? (t ? t.columns.map((c, i) => ({ e: { k: 'col', name: c.name, pos: i } as Expr, alias: undefined })) : []) : [{ e: it.e, alias: it.alias }]));
    if (s.items.some((it) => it.e === '*') && !t) throw fail('SELECT * with no tables specified is not valid', 7);
    const names = items.map((it) => it.alias ?? columnName(it.e));
    const probe = t ? this.probe(t) : undefined;
    const probed = items.map((it) => (isAggregate(it.e) ? undefined : this.ev.eval(it.e, probe)));
    if (items.some((it) => isAggregate(it.e))) {
      const out = items.map((it) => this.aggregate(it.e, rowsIdx.map(rowOf)));
      return { kind: 'rows', columns: names.map((n, i) => ({ name: n, right: NUMERIC.includes(out[i].t) })), rows: [out.map(show)] };
    }
    let rows = rowsIdx.map((i) => ({ i, vals: items.map((it) => this.ev.eval(it.e, rowOf(i))) }));
    if (s.order.length) {
      const keys = new Map(rows.map((r) => [r, s.order.map((o) => this.orderKey(o.e, names, r.vals, rowOf(r.i)))]));
      rows = [...rows].sort((a, b) => {
        for (let k = 0; k < s.order.length; k++) {
          const x = keys.get(a)![k].v;
          const y = keys.get(b)![k].v;
          const c = x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
          if (c) return s.order[k].desc ? -c : c;
        }
        return 0;
      });
    }
    if (s.limit !== undefined) rows = rows.slice(0, s.limit);
    const types = items.map((_, k) => rows[0]?.vals[k].t ?? probed[k]?.t ?? 'text');
    return { kind: 'rows', columns: names.map((n, i) => ({ name: n, right: NUMERIC.includes(types[i]) })), rows: rows.map((r) => r.vals.map(show)) };
  }

  private orderKey(e: Expr, names: string[], vals: V[], row?: Row): V {
    if (e.k === 'lit' && e.type === 'integer') {
      const n = e.v as number;
      if (n < 1 || n > vals.length) throw fail(`ORDER BY position ${n} is not in select list`, e.pos);
      return vals[n - 1];
    }
    if (e.k === 'col' && names.includes(e.name) && !(row?.cols.some((c) => c.name === e.name) ?? false)) return vals[names.indexOf(e.name)];
    return this.ev.eval(e, row);
  }

  private aggregate(e: Expr, rows: (Row | undefined)[]): V {
    if (!isAggregate(e)) {
      if (e.k === 'lit') return this.ev.eval(e);
      throw fail(`column "${columnName(e)}" must appear in the GROUP BY clause or be used in an aggregate function`, e.pos);
    }
    if (e.star) {
      if (e.name !== 'count') throw this.syntaxAt(e.pos);
      return { t: 'bigint', v: rows.length };
    }
    if (e.args.length !== 1) throw new SqlError(`the function ${e.name}() with ${e.args.length} arguments`, e.pos, true);
    const vals = rows.map((r) => this.ev.eval(e.args[0], r)).filter((x) => x.v !== null);
    if (e.name === 'count') return { t: 'bigint', v: vals.length };
    const t = vals[0]?.t ?? 'integer';
    if (e.name === 'sum') {
      if (!NUMERIC.includes(t)) throw fail(`function sum(${TYPE_SQL[t]}) does not exist`, e.pos, 'No function matches the given name and argument types. You might need to add explicit type casts.');
      return vals.length ? { t: t === 'integer' ? 'bigint' : t, v: vals.reduce((a, x) => a + (x.v as number), 0), scale: vals[0].scale } : { t: 'bigint', v: null };
    }
    const pick = vals.reduce<V | undefined>((a, x) => (a === undefined || (e.name === 'min' ? x.v! < a.v! : x.v! > a.v!) ? x : a), undefined);
    return pick ?? { t, v: null };
  }

  private syntaxAt(pos: number): SqlError {
    return fail('syntax error at or near "*"', pos);
  }
}

/** A query string as the backend runs it: parsed whole, then statement by statement until an error. */
export function executeQuery(store: PgStore, db: string, sql: string, env: EngineEnv): StatementResult[] {
  const parsed = parseSql(sql);
  const asResult = (e: SqlError): StatementResult =>
    e.unsupported ? { kind: 'unsupported', what: e.message } : { kind: 'error', message: e.message, position: e.pos, detail: e.detail, hint: e.hint };
  if (parsed instanceof SqlError) return [asResult(parsed)];
  const x = new Executor(store, db, env);
  const out: StatementResult[] = [];
  for (const s of parsed) {
    try {
      out.push(x.run(s));
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
      out.push(asResult(e));
      break;
    }
  }
  return out;
}
