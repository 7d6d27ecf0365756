// bash's brace expansion, done before every other expansion: a{b,c}d and
// {1..5}, {a..e}, {01..10..2}, nested. Quoted braces and ${…} are left
// alone; dash and busybox ash do not have it.
import type { WordPart } from '../shell-words';
import { findClose } from './scan';

/** A piece of a word: one unquoted character, or an opaque run (quoted text, ${…}, $(…)). */
type Unit = { ch: string } | { part: WordPart };

function units(parts: readonly WordPart[]): Unit[] {
  const out: Unit[] = [];
  for (const p of parts) {
    if (p.quoting !== 'none') {
      out.push({ part: p });
      continue;
    }
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text[i];
      if ((c === '$' && (p.text[i + 1] === '{' || p.text[i + 1] === '(')) || c === '`') {
        const end = findClose(p.text, i);
        out.push({ part: { text: p.text.slice(i, end), quoting: 'none' } });
        i = end - 1;
      } else out.push({ ch: c });
    }
  }
  return out;
}

function toParts(us: readonly Unit[]): WordPart[] {
  const parts: WordPart[] = [];
  for (const u of us) {
    const p: WordPart = 'ch' in u ? { text: u.ch, quoting: 'none' } : u.part;
    const last = parts[parts.length - 1];
    if (last && last.quoting === 'none' && p.quoting === 'none') parts[parts.length - 1] = { text: last.text + p.text, quoting: 'none' };
    else parts.push(p);
  }
  return parts;
}

const isCh = (u: Unit | undefined, c: string) => u !== undefined && 'ch' in u && u.ch === c;

/** {a..b[..step]} over integers (keeping zero padding) or single letters. */
function sequence(inner: readonly Unit[]): Unit[][] | undefined {
  if (inner.some((u) => !('ch' in u))) return undefined;
  const text = inner.map((u) => (u as { ch: string }).ch).join('');
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  if (!m) return undefined;
  const [, a, b, stepText] = m;
  const step = Math.abs(Number(stepText ?? '1')) || 1;
  const numeric = /\d/.test(a);
  if (numeric !== /\d/.test(b)) return undefined;
  const from = numeric ? Number(a) : a.charCodeAt(0);
  const to = numeric ? Number(b) : b.charCodeAt(0);
  const width = numeric && (/^-?0\d/.test(a) || /^-?0\d/.test(b)) ? Math.max(a.replace('-', '').length, b.replace('-', '').length) : 0;
  const out: Unit[][] = [];
  const dir = from <= to ? 1 : -1;
  for (let v = from; dir > 0 ? v <= to : v >= to; v += dir * step) {
    const s = numeric ? (v < 0 ? '-' : '') + String(Math.abs(v)).padStart(width, '0') : String.fromCharCode(v);
    out.push([...s].map((ch) => ({ ch })));
    if (out.length > 100_000) break;
  }
  return out;
}

function expandUnits(us: Unit[]): Unit[][] {
  for (let i = 0; i < us.length; i++) {
    if (!isCh(us[i], '{') || isCh(us[i - 1], '$')) continue;
    // the matching close brace, and the top-level commas on the way
    let depth = 0;
    const commas: number[] = [];
    let j = i;
    for (; j < us.length; j++) {
      if (isCh(us[j], '{')) depth++;
      else if (isCh(us[j], '}') && --depth === 0) break;
      else if (isCh(us[j], ',') && depth === 1) commas.push(j);
    }
    if (j >= us.length) return [us];
    const prefix = us.slice(0, i);
    const suffix = us.slice(j + 1);
    let alts: Unit[][] | undefined;
    if (commas.length > 0) {
      alts = [];
      let from = i + 1;
      for (const c of [...commas, j]) {
        alts.push(us.slice(from, c));
        from = c + 1;
      }
    } else alts = sequence(us.slice(i + 1, j));
    if (!alts) continue;
    return alts.flatMap((alt) => expandUnits([...prefix, ...alt, ...suffix]));
  }
  return [us];
}

/** The words a word becomes by brace expansion (itself when it has none). */
export function braceExpand(parts: readonly WordPart[]): WordPart[][] {
  if (!parts.some((p) => p.quoting === 'none' && p.text.includes('{'))) return [[...parts]];
  return expandUnits(units(parts)).map(toParts);
}
