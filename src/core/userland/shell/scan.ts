// Finding where `$(…)`, `$((…))`, `${…}` and backquotes end inside text the
// tokenizer has already accepted, and re-reading the quoting of an operand
// such as the "a b" of ${x:-"a b"}.
import type { WordPart } from '../shell-words';

/** Offset just past the closing quote of '…' or "…" starting at i. */
function skipQuote(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (q === '"' && s[j] === '\\') j++;
    else if (q === '"' && s[j] === '$' && (s[j + 1] === '(' || s[j + 1] === '{')) j = findClose(s, j) - 1;
    else if (q === '"' && s[j] === '`') j = findClose(s, j) - 1;
    else if (s[j] === q) return j + 1;
  }
  return s.length;
}

/**
 * End (exclusive) of the substitution starting at i: `$(`, `$((`, `${` or a
 * backquote. Unbalanced text ends at the end of the string.
 */
export function findClose(s: string, i: number): number {
  if (s[i] === '`') {
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '`') return j + 1;
    }
    return s.length;
  }
  const open = s[i + 1];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === "'" && open === '(') j = skipQuote(s, j) - 1;
    else if (c === '"') j = skipQuote(s, j) - 1;
    else if (c === '`') j = findClose(s, j) - 1;
    else if (c === '$' && (s[j + 1] === '(' || s[j + 1] === '{')) j = findClose(s, j) - 1;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return s.length;
}

/** `$((` that really is arithmetic: the body closes with `))`. */
export function arithEnd(s: string, i: number): number | undefined {
  let depth = 0;
  for (let j = i + 3; j < s.length; j++) {
    const c = s[j];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return s[j + 1] === ')' ? j + 2 : undefined;
      depth--;
    } else if (c === '$' && (s[j + 1] === '(' || s[j + 1] === '{')) j = findClose(s, j) - 1;
  }
  return undefined;
}

/** The quoting parts of one word written as `text` (no splitting at blanks). */
export function wordParts(text: string): WordPart[] {
  const parts: WordPart[] = [];
  let run = '';
  const flush = () => {
    if (run) parts.push({ text: run, quoting: 'none' });
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      flush();
      const end = skipQuote(text, i);
      parts.push({ text: text.slice(i + 1, end - 1), quoting: 'single' });
      i = end - 1;
    } else if (c === '"') {
      flush();
      const end = skipQuote(text, i);
      parts.push(...doubleParts(text.slice(i + 1, end - 1)));
      i = end - 1;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i++; // line continuation
    } else if (c === '\\' && i + 1 < text.length) {
      flush();
      parts.push({ text: text[++i], quoting: 'escape' });
    } else if ((c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) || c === '`') {
      const end = findClose(text, i);
      run += text.slice(i, end);
      i = end - 1;
    } else run += c;
  }
  flush();
  return parts;
}

/** The body of "…": backslash escapes only $ ` " \ (newline vanishes). */
export function doubleParts(body: string): WordPart[] {
  const parts: WordPart[] = [];
  let run = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length && '$`"\\\n'.includes(body[i + 1])) {
      if (run) parts.push({ text: run, quoting: 'double' });
      run = '';
      if (body[i + 1] !== '\n') parts.push({ text: body[i + 1], quoting: 'escape' });
      i++;
    } else if ((c === '$' && (body[i + 1] === '(' || body[i + 1] === '{')) || c === '`') {
      const end = findClose(body, i);
      run += body.slice(i, end);
      i = end - 1;
    } else run += c;
  }
  if (run) parts.push({ text: run, quoting: 'double' });
  return parts;
}

/** Backquoted command text: inside `…`, backslash escapes only $ ` \. */
export function unescapeBackquote(body: string): string {
  return body.replace(/\\([$`\\])/g, '$1');
}
