// The awk program as the parser leaves it: expressions, statements, the
// pattern-action items and user functions, with variables already resolved
// to globals or to a function's local slots.

export type LValue =
  | { k: 'var'; name: string }
  | { k: 'local'; slot: number; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'elem'; array: ArrayRef; subs: Expr[] };

export type ArrayRef = { k: 'var'; name: string } | { k: 'local'; slot: number; name: string };

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  /** A regex literal used as a value: `$0 ~ /re/`. */
  | { k: 'ere'; re: string }
  | LValue
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; array: ArrayRef }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'arith'; op: string; a: Expr; b: Expr }
  | { k: 'unary'; op: '-' | '+' | '!'; a: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  /** getline forms: plain / var, `< file`, `cmd |`. */
  | { k: 'getline'; target?: LValue; file?: Expr; cmd?: Expr }
  /** `(a, b)`: only valid as print's argument list or before `in`. */
  | { k: 'group'; list: Expr[] };

export interface Redirect {
  op: '>' | '>>' | '|';
  target: Expr;
}

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; printf: boolean; args: Expr[]; redirect?: Redirect }
  | { k: 'if'; test: Expr; yes: Stmt; no?: Stmt }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init?: Expr; test?: Expr; step?: Expr; body: Stmt }
  | { k: 'forin'; key: LValue; array: ArrayRef; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit'; code?: Expr }
  | { k: 'return'; value?: Expr }
  | { k: 'delete'; array: ArrayRef; subs?: Expr[] };

export type Pattern =
  | { k: 'begin' }
  | { k: 'end' }
  | { k: 'all' }
  | { k: 'expr'; e: Expr }
  | { k: 'range'; from: Expr; to: Expr; index: number };

export interface Item {
  pattern: Pattern;
  /** Missing action: `{ print }`. */
  action?: Stmt[];
}

export interface AwkFunction {
  name: string;
  params: string[];
  /** Which parameters the body uses as arrays (an untyped argument then becomes one). */
  arrayParams: boolean[];
  body: Stmt[];
  line: number;
}

export interface AwkProgram {
  begin: Item[];
  main: Item[];
  end: Item[];
  functions: Map<string, AwkFunction>;
  ranges: number;
  /** Whether the program reads input at all (only BEGIN items and no getline: it does not). */
  needsInput: boolean;
}
