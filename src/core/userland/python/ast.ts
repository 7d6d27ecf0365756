// The syntax tree of the Python subset, shaped like CPython's `ast` module so
// traceback carets can be placed as traceback.py places them (BinOp operator,
// Subscript and Call brackets). Positions: 1-based lines, 0-based columns.

export interface Pos {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** For a parenthesised expression: its extent with the parentheses (what enclosing nodes span). */
  paren?: Pos;
}

export type ConstValue =
  | { k: 'int'; v: bigint }
  | { k: 'float'; v: number }
  | { k: 'complex' }
  | { k: 'str'; v: string }
  | { k: 'bytes'; v: Uint8Array }
  | { k: 'bool'; v: boolean }
  | { k: 'None' }
  | { k: 'Ellipsis' };

export interface FormattedValue {
  expr: Expr;
  conversion: 's' | 'r' | 'a' | null;
  spec: Expr | null;
  /** `f"{x=}"`: the text before the value. */
  debug?: string;
}

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export interface Param {
  name: string;
  default?: Expr;
}

export interface Params {
  args: Param[];
  /** Names before a `/`. */
  posonly: number;
  vararg?: string;
  kwonly: Param[];
  kwarg?: string;
}

export interface Keyword {
  /** undefined for `**mapping`. */
  name?: string;
  value: Expr;
  pos: Pos;
}

export type BinOpKind = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^' | '@';
export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export type Expr = Pos &
  (
    | { t: 'Constant'; value: ConstValue }
    | { t: 'JoinedStr'; parts: Array<string | FormattedValue> }
    | { t: 'Name'; id: string }
    | { t: 'Attribute'; value: Expr; attr: string }
    | { t: 'Subscript'; value: Expr; index: Expr }
    | { t: 'Slice'; lower?: Expr; upper?: Expr; step?: Expr }
    | { t: 'Call'; func: Expr; args: Expr[]; keywords: Keyword[] }
    | { t: 'BinOp'; op: BinOpKind; left: Expr; right: Expr }
    | { t: 'UnaryOp'; op: 'not' | '-' | '+' | '~'; operand: Expr }
    | { t: 'BoolOp'; op: 'and' | 'or'; values: Expr[] }
    | { t: 'Compare'; left: Expr; ops: CmpOp[]; comparators: Expr[] }
    | { t: 'IfExp'; test: Expr; body: Expr; orelse: Expr }
    | { t: 'Lambda'; params: Params; body: Expr; scope: ScopeInfo }
    | { t: 'List' | 'Tuple' | 'Set'; elts: Expr[] }
    | { t: 'Dict'; keys: Array<Expr | null>; values: Expr[] }
    | { t: 'ListComp' | 'SetComp' | 'GeneratorExp'; elt: Expr; generators: Comprehension[] }
    | { t: 'DictComp'; key: Expr; value: Expr; generators: Comprehension[] }
    | { t: 'Starred'; value: Expr }
    | { t: 'NamedExpr'; target: Expr; value: Expr }
    | { t: 'Yield'; value?: Expr }
    | { t: 'YieldFrom'; value: Expr }
    | { t: 'Unsupported'; what: string }
  );

export interface ExceptHandler extends Pos {
  type?: Expr;
  name?: string;
  body: Stmt[];
}

export interface WithItem {
  expr: Expr;
  target?: Expr;
}

export interface Alias {
  name: string;
  asname?: string;
  pos: Pos;
}

/** Names a function binds locally, and those it declares global/nonlocal (from a pass over its body). */
export interface ScopeInfo {
  locals: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
  /** The body contains `yield`: calling the function makes a generator. */
  generator?: boolean;
}

export type Stmt = Pos &
  (
    | { t: 'Expr'; value: Expr }
    | { t: 'Assign'; targets: Expr[]; value: Expr }
    | { t: 'AugAssign'; target: Expr; op: BinOpKind; value: Expr }
    | { t: 'AnnAssign'; target: Expr; annotation: Expr; value?: Expr }
    | { t: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { t: 'While'; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { t: 'For'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
    | {
        t: 'FunctionDef';
        name: string;
        params: Params;
        body: Stmt[];
        decorators: Expr[];
        scope: ScopeInfo;
        isAsync: boolean;
      }
    | { t: 'ClassDef'; name: string; bases: Expr[]; keywords: Keyword[]; body: Stmt[]; decorators: Expr[] }
    | { t: 'Return'; value?: Expr }
    | { t: 'Pass' | 'Break' | 'Continue' }
    | { t: 'Raise'; exc?: Expr; cause?: Expr }
    | { t: 'Try'; body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[] }
    | { t: 'Import'; names: Alias[] }
    | { t: 'ImportFrom'; module: string; names: Alias[]; level: number }
    | { t: 'Global' | 'Nonlocal'; names: string[] }
    | { t: 'Delete'; targets: Expr[] }
    | { t: 'Assert'; test: Expr; msg?: Expr }
    | { t: 'With'; items: WithItem[]; body: Stmt[] }
    | { t: 'Unsupported'; what: string }
  );

export interface Module {
  body: Stmt[];
  /** The source split in lines (for tracebacks). */
  lines: string[];
  filename: string;
}

export function span(a: Pos, b: Pos): Pos {
  return { line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}
