// String literals: adjacent strings joined, escapes decoded (invalid ones
// warned about, as 3.12+ does), bytes checked, and f-strings split into text
// and replacement fields ({expr!r:spec}, {x=}, nested specs, PEP 701 quotes).
import type { ConstValue, Expr, FormattedValue } from './ast';
import { decodeEscapes, latin1Bytes } from './literals';
import { ParserBase } from './parse-base';
import type { Token } from './tokens';

export abstract class StringParser extends ParserBase {
  /** Parse the expression text of an f-string field placed at line:col of the source. */
  protected abstract fieldExpression(text: string, line: number, col: number): Expr;

  protected strings(): Expr {
    const first = this.tok;
    const parts: Array<string | FormattedValue> = [];
    let bytes: boolean | undefined;
    let isF = false;
    let last = first;
    while (this.tok.kind === 'string') {
      const t = this.advance();
      last = t;
      const prefix = /^[a-zA-Z]*/.exec(t.value)![0].toLowerCase();
      const q = t.value.slice(prefix.length);
      const triple = q.startsWith('"""') || q.startsWith("'''");
      const body = q.slice(triple ? 3 : 1, q.length - (triple ? 3 : 1));
      const isBytes = prefix.includes('b');
      if (bytes !== undefined && bytes !== isBytes)
        throw this.error('cannot mix bytes and nonbytes literals', this.pos(first), this.pos(t));
      bytes = isBytes;
      const raw = prefix.includes('r');
      if (prefix.includes('f')) {
        isF = true;
        this.fstring(body, raw, t, prefix.length + (triple ? 3 : 1), parts);
      } else {
        if (isBytes && [...body].some((ch) => ch.charCodeAt(0) > 0x7f))
          throw this.error('bytes can only contain ASCII literal characters', this.pos(t));
        const d = decodeEscapes(body, raw, isBytes);
        for (const b of d.badEscapes)
          this.warnings.push({ line: t.line, message: `SyntaxWarning: invalid escape sequence '${b}'` });
        parts.push(d.text);
      }
    }
    const p = { line: first.line, col: first.col, endLine: last.endLine, endCol: last.endCol };
    if (bytes) {
      const text = parts.join('');
      return { t: 'Constant', value: { k: 'bytes', v: latin1Bytes(text) }, ...p };
    }
    if (!isF) return { t: 'Constant', value: { k: 'str', v: parts.join('') } as ConstValue, ...p };
    return { t: 'JoinedStr', parts: mergeLiterals(parts), ...p };
  }

  /** Split an f-string body into literal text and replacement fields. */
  private fstring(
    body: string,
    raw: boolean,
    tok: Token,
    bodyOffset: number,
    out: Array<string | FormattedValue>,
  ): void {
    let lit = '';
    let i = 0;
    // position of body[i] in the source
    const at = (k: number): { line: number; col: number } => {
      let line = tok.line;
      let col = tok.col + bodyOffset;
      for (let j = 0; j < k; j++) {
        if (body[j] === '\n') {
          line++;
          col = 0;
        } else col++;
      }
      return { line, col };
    };
    const flush = () => {
      if (lit) {
        const d = decodeEscapes(lit, raw, false);
        out.push(d.text);
      }
      lit = '';
    };
    while (i < body.length) {
      const c = body[i];
      if (c === '{' && body[i + 1] === '{') {
        lit += '{';
        i += 2;
      } else if (c === '}' && body[i + 1] === '}') {
        lit += '}';
        i += 2;
      } else if (c === '}') {
        const p = at(i);
        throw this.error("f-string: single '}' is not allowed", {
          line: p.line,
          col: p.col,
          endLine: p.line,
          endCol: p.col + 1,
        });
      } else if (c === '{') {
        flush();
        i = this.field(body, i + 1, raw, at, out);
      } else if (c === '\\' && !raw && i + 1 < body.length) {
        lit += body.slice(i, i + 2);
        i += 2;
      } else {
        lit += c;
        i++;
      }
    }
    flush();
  }

  private field(
    body: string,
    start: number,
    raw: boolean,
    at: (k: number) => { line: number; col: number },
    out: Array<string | FormattedValue>,
  ): number {
    let depth = 0;
    let i = start;
    let quote = '';
    const endErr = () => {
      const p = at(Math.min(i, body.length));
      return this.error("f-string: expecting '}'", {
        line: p.line,
        col: p.col,
        endLine: p.line,
        endCol: p.col + 1,
      });
    };
    for (; i < body.length; i++) {
      const c = body[i];
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c) && depth > 0) depth--;
      else if (depth === 0 && (c === '}' || c === ':' || (c === '!' && body[i + 1] !== '='))) break;
      else if (depth === 0 && c === '=' && body[i + 1] !== '=' && !'=!<>'.includes(body[i - 1])) break;
    }
    if (i >= body.length) throw endErr();
    const exprText = body.slice(start, i);
    const p = at(start);
    if (exprText.trim() === '') {
      throw this.error("f-string: valid expression required before '}'", {
        line: p.line,
        col: p.col,
        endLine: p.line,
        endCol: p.col + 1,
      });
    }
    const expr = this.fieldExpression(exprText, p.line, p.col);
    const fv: FormattedValue = { expr, conversion: null, spec: null };
    if (body[i] === '=') {
      fv.debug = exprText + '=';
      i++;
      while (body[i] === ' ') {
        fv.debug += ' ';
        i++;
      }
    }
    if (body[i] === '!') {
      const conv = body[i + 1];
      if (conv !== 's' && conv !== 'r' && conv !== 'a') {
        const q = at(i + 1);
        throw this.error(`f-string: invalid conversion character '${conv}': expected 's', 'r', or 'a'`, {
          line: q.line,
          col: q.col,
          endLine: q.line,
          endCol: q.col + 1,
        });
      }
      fv.conversion = conv;
      i += 2;
    }
    if (body[i] === ':') {
      // the spec may hold nested fields: f"{x:{width}.2f}"
      let j = i + 1;
      let d = 0;
      for (; j < body.length; j++) {
        if (body[j] === '{') d++;
        else if (body[j] === '}') {
          if (d === 0) break;
          d--;
        }
      }
      if (j >= body.length) {
        i = j;
        throw endErr();
      }
      const specParts: Array<string | FormattedValue> = [];
      let lit = '';
      for (let k = i + 1; k < j; k++) {
        if (body[k] === '{') {
          if (lit) specParts.push(lit);
          lit = '';
          k = this.field(body, k + 1, raw, at, specParts) - 1;
        } else lit += body[k];
      }
      if (lit) specParts.push(lit);
      const q = at(i + 1);
      fv.spec = {
        t: 'JoinedStr',
        parts: specParts,
        line: q.line,
        col: q.col,
        endLine: q.line,
        endCol: q.col,
      };
      i = j;
    }
    if (body[i] !== '}') throw endErr();
    if (fv.debug && fv.conversion === null && fv.spec === null) fv.conversion = 'r';
    out.push(fv);
    return i + 1;
  }
}

function mergeLiterals(parts: Array<string | FormattedValue>): Array<string | FormattedValue> {
  const out: Array<string | FormattedValue> = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += p;
    else if (p !== '') out.push(p);
  }
  return out;
}
