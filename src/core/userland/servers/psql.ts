// psql (PostgreSQL 16) over the server's Unix socket: -c commands, -f files
// and piped input split into statements as psql's lexer does, :variables,
// -t/-A/-q, ON_ERROR_STOP, the interactive prompt with \q \dt \l, and
// Debian's pg_wrapper that /usr/bin/psql points to.
import { FsError } from '../../fs/types';
import { LineReader } from '../../kernel/stream';
import { resolveExec } from '../exec';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { execInPlace, lookupUser } from './exec';
import type { StatementResult } from './pg-engine';
import { connect, type PgSession } from './pg-server';
import type { PgStore } from './pg-store';
import { pgVersion } from './pg-version';
import { formatError, formatRows, type PrintOptions } from './psql-print';

interface PsqlArgs {
  user?: string;
  db?: string;
  host?: string;
  port?: string;
  commands: string[];
  file?: string;
  vars: Map<string, string>;
  print: PrintOptions;
  quiet: boolean;
  list: boolean;
}

function parseArgs(argv: string[]): PsqlArgs | string {
  const a: PsqlArgs = { commands: [], vars: new Map(), print: { tuplesOnly: false, unaligned: false }, quiet: false, list: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    const eq = w.indexOf('=');
    const [name, inline] = w.startsWith('--') && eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : w.length > 2 && /^-[UdhpcfvP]/.test(w) ? [w.slice(0, 2), w.slice(2)] : [w, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '-U' || name === '--username') a.user = value();
    else if (name === '-d' || name === '--dbname') a.db = value();
    else if (name === '-h' || name === '--host') a.host = value();
    else if (name === '-p' || name === '--port') a.port = value();
    else if (name === '-c' || name === '--command') a.commands.push(value());
    else if (name === '-f' || name === '--file') a.file = value();
    else if (name === '-v' || name === '--set' || name === '--variable') {
      const kv = value();
      const k = kv.indexOf('=');
      if (k < 0) a.vars.set(kv, '');
      else a.vars.set(kv.slice(0, k), kv.slice(k + 1));
    } else if (name === '-t' || name === '--tuples-only') a.print.tuplesOnly = true;
    else if (name === '-A' || name === '--no-align') a.print.unaligned = true;
    else if (name === '-q' || name === '--quiet') a.quiet = true;
    else if (name === '-l' || name === '--list') a.list = true;
    else if (['-X', '--no-psqlrc', '-w', '--no-password', '-W', '--password'].includes(name)) continue;
    else if (name.startsWith('-') && name !== '-') return w;
    else rest.push(w);
  }
  if (rest[0] && a.db === undefined) a.db = rest[0];
  if (rest[1] && a.user === undefined) a.user = rest[1];
  return a;
}

/** psql's variable interpolation outside quotes: :name, :'name' (a literal), :"name" (an identifier). */
export function interpolate(sql: string, vars: Map<string, string>): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      out += c;
      if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === ':' && sql[i + 1] !== ':' && sql[i - 1] !== ':') {
      const m = /^:(?:'([A-Za-z_]\w*)'|"([A-Za-z_]\w*)"|([A-Za-z_]\w*))/.exec(sql.slice(i));
      const name = m?.[1] ?? m?.[2] ?? m?.[3];
      if (m && name !== undefined && vars.has(name)) {
        const v = vars.get(name)!;
        out += m[1] ? `'${v.replace(/'/g, "''")}'` : m[2] ? `"${v.replace(/"/g, '""')}"` : v;
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** psql's lexer: complete statements end at a semicolon outside quotes and comments. */
export function splitStatements(buf: string): { complete: string[]; rest: string } {
  const complete: string[] = [];
  let start = 0;
  let quote = '';
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '-' && buf[i + 1] === '-') {
      const nl = buf.indexOf('\n', i);
      i = nl < 0 ? buf.length : nl;
    } else if (c === ';') {
      complete.push(buf.slice(start, i + 1));
      start = i + 1;
    }
  }
  return { complete, rest: buf.slice(start) };
}

class Client {
  failed = false;
  constructor(
    private readonly ctx: UserContext,
    private readonly session: PgSession,
    private readonly a: PsqlArgs,
  ) {}

  /** Send one query string; print its results. False when the server said ERROR (or went away). */
  async send(query: string, where = ''): Promise<boolean> {
    const sql = interpolate(query, this.a.vars);
    const results = await this.session.query(sql);
    if (results === 'terminated') {
      this.ctx.stderr.write(`${where}FATAL:  terminating connection due to administrator command\n${where}server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\n`);
      this.failed = true;
      return false;
    }
    return results.every((r) => this.show(r, sql, where));
  }

  private show(r: StatementResult, sql: string, where: string): boolean {
    for (const n of r.notices ?? []) this.ctx.stderr.write(`${where}NOTICE:  ${n}\n`);
    switch (r.kind) {
      case 'rows':
        this.ctx.stdout.write(formatRows(r, this.a.print));
        return true;
      case 'command':
        if (!this.a.quiet) this.ctx.stdout.write(`${r.tag}\n`);
        return true;
      case 'error':
        this.ctx.stderr.write(formatError(r, sql, where));
        this.failed = true;
        return false;
      case 'unsupported':
        this.ctx.stderr.write(`${where}Stevedore's psql does not simulate ${r.what}: its SQL is a small subset (SELECT, CREATE/DROP TABLE, INSERT, UPDATE, DELETE)\n`);
        this.failed = true;
        return false;
    }
  }

  /** A backslash command; false to quit. */
  meta(line: string, store: PgStore, db: string): boolean {
    const [cmd] = line.trim().split(/\s+/);
    const out = (s: string) => this.ctx.stdout.write(s);
    if (cmd === '\\q') return false;
    if (cmd === '\\dt') {
      const tables = [...store.tables(db).keys()].sort();
      if (!tables.length) this.ctx.stderr.write('Did not find any relations.\n');
      else {
        out('         List of relations\n');
        out(formatRows({ kind: 'rows', columns: ['Schema', 'Name', 'Type', 'Owner'].map((name) => ({ name, right: false })), rows: tables.map((t) => ['public', t, 'table', 'postgres']) }, this.a.print));
      }
      return true;
    }
    if (cmd === '\\l') {
      out(formatRows({ kind: 'rows', columns: ['Name', 'Owner', 'Encoding'].map((name) => ({ name, right: false })), rows: [...store.databases().keys()].sort().map((d) => [d, 'postgres', 'UTF8']) }, this.a.print));
      return true;
    }
    this.ctx.stderr.write(`Stevedore's psql does not simulate the meta-command ${cmd}\n`);
    return true;
  }
}

export const psql: UserProgram = async (ctx) => {
  const v = pgVersion(ctx.env);
  if (ctx.argv.includes('--version') || ctx.argv.includes('-V')) {
    ctx.stdout.write(`psql (PostgreSQL) ${v.short} (Debian ${v.debian})\n`);
    return 0;
  }
  const a = parseArgs(ctx.argv.slice(1));
  if (typeof a === 'string') {
    ctx.stderr.write(`Stevedore's psql does not simulate the option "${a}"\n`);
    return 1;
  }
  const fs = fsOf(ctx);
  const host = a.host ?? ctx.env.PGHOST ?? '';
  if (host && !host.startsWith('/')) {
    ctx.stderr.write(`Stevedore's psql does not simulate TCP connections (-h ${host}): it connects through the Unix socket of a server in its own container\n`);
    return 2;
  }
  const osUser = lookupUser(fs, String(ctx.proc.uid))?.name ?? String(ctx.proc.uid);
  const user = a.user || ctx.env.PGUSER || osUser;
  const db = a.db || ctx.env.PGDATABASE || user;
  const port = Number(a.port || ctx.env.PGPORT || 5432);
  const session = connect(ctx, host || '/var/run/postgresql', port, user, db);
  if ('error' in session) {
    ctx.stderr.write(`psql: error: ${session.error}\n`);
    return 2;
  }
  const client = new Client(ctx, session, a);
  const stopOnError = ['1', 'on', 'true'].includes((a.vars.get('ON_ERROR_STOP') ?? '').toLowerCase());
  try {
    if (a.list) {
      client.meta('\\l', session.store, db);
      return 0;
    }
    if (a.commands.length) {
      for (const c of a.commands) {
        if (c.trim().startsWith('\\')) {
          client.meta(c, session.store, db);
          continue;
        }
        if (!(await client.send(c))) return 1;
      }
      return 0;
    }
    let text: string | undefined;
    let name = '<stdin>';
    if (a.file !== undefined && a.file !== '-') {
      const t = fs.readFile(a.file);
      if (t instanceof FsError) {
        ctx.stderr.write(`psql: error: ${a.file}: ${t.message}\n`);
        return 1;
      }
      text = t;
      name = a.file;
    }
    if (text === undefined && ctx.tty) return await interactive(ctx, client, session, a, db, v.short, v.debian);
    if (text === undefined) {
      text = '';
      for (let c = await ctx.read(); c !== null; c = await ctx.read()) text += c;
    }
    // each statement goes to the server on its own, errors named by file and line
    let line = 1;
    const { complete, rest } = splitStatements(text);
    for (const stmt of rest.trim() ? [...complete, rest] : complete) {
      const lead = stmt.length - stmt.trimStart().length;
      const at = line + (stmt.slice(0, lead).match(/\n/g)?.length ?? 0);
      line += stmt.match(/\n/g)?.length ?? 0;
      const body = stmt.trimStart();
      if (!body.replace(/;\s*$/, '').trim() || /^(--[^\n]*\n?\s*)+$/.test(body)) continue;
      const endLine = at + (body.trimEnd().match(/\n/g)?.length ?? 0);
      if (!(await client.send(body, `psql:${name}:${endLine}: `)) && stopOnError) return 3;
    }
    return 0;
  } finally {
    session.close();
  }
};

async function interactive(ctx: UserContext, client: Client, session: PgSession, a: PsqlArgs, db: string, short: string, debian: string): Promise<number> {
  const out = (s: string) => ctx.stdout.write(s);
  out(`psql (${short} (Debian ${debian}))\nType "help" for help.\n\n`);
  const reader = new LineReader({ read: () => ctx.read() });
  let buf = '';
  const store = session.store;
  for (;;) {
    out(`${db}${buf.trim() ? '-' : '='}# `);
    const line = await reader.readLine();
    if (line === null) {
      out('\\q\n');
      return 0;
    }
    if (!buf.trim() && line.trim().startsWith('\\')) {
      if (!client.meta(line, store, db)) return 0;
      continue;
    }
    if (!buf.trim() && /^(help|quit|exit)\s*;?$/.test(line.trim())) {
      if (line.trim().startsWith('help')) out('You are using psql, the command-line interface to PostgreSQL.\nType:  \\q to quit\n');
      else return 0;
      continue;
    }
    buf += `${line}\n`;
    const { complete, rest } = splitStatements(buf);
    buf = rest.trim() ? rest : '';
    for (const stmt of complete) {
      await client.send(stmt.trim());
      if (!session.backend.alive) return 2;
    }
  }
}

/** Debian's /usr/share/postgresql-common/pg_wrapper: psql and friends of the newest installed version. */
export const pgWrapper: UserProgram = async (ctx) => {
  const fs = fsOf(ctx);
  const name = (ctx.argv[0] ?? '').split('/').pop() ?? '';
  const versions = fs.readdir('/usr/lib/postgresql');
  const newest = versions instanceof FsError ? undefined : versions.filter((d) => /^\d+$/.test(d)).sort((x, y) => Number(y) - Number(x))[0];
  const target = newest === undefined ? undefined : `/usr/lib/postgresql/${newest}/bin/${name}`;
  if (!target || !fs.exists(target)) {
    ctx.stderr.write(`Error: pg_wrapper: ${name} was not found in /usr/lib/postgresql/${newest ?? '*'}/bin\n`);
    return 1;
  }
  const t = resolveExec(fs, [target, ...ctx.argv.slice(1)], ctx.env, ctx.ns.programs);
  if ('kind' in t) {
    ctx.stderr.write(`${t.message}\n`);
    return 1;
  }
  return execInPlace(ctx, { ...t, argv: [ctx.argv[0], ...ctx.argv.slice(1)] });
};
