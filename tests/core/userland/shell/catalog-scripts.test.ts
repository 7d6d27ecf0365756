import { describe, expect, it } from 'vitest';
import { contentText } from '../../../../src/core/fs';
import { defaultCatalog } from '../../../../src/core/image/catalog';
import { buildImage } from '../../../../src/core/image/catalog/recipe';
import { ScriptBuffer } from '../../../../src/core/userland/shell/lexer';
import { NeedMore, parse, SyntaxErr } from '../../../../src/core/userland/shell/parser';

/** Every shell script the catalog's images carry, by path (first image that has it). */
function scripts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const repo of defaultCatalog()) {
    for (const recipe of new Set(repo.tags.values())) {
      for (const { layer } of buildImage(recipe).layers) {
        for (const [path, e] of layer.entries) {
          if (e.kind !== 'file' || typeof e.content !== 'string' || out.has(path)) continue;
          const first = e.content.split('\n')[0];
          if (/^#!\s*\S*\/(sh|bash|dash)\b/.test(first)) out.set(path, e.content);
        }
      }
    }
  }
  return out;
}

function parseAll(text: string): string | undefined {
  const buf = new ScriptBuffer();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const r = buf.add(line, i < lines.length - 1, i + 1);
    if (r !== 'ready') return;
    try {
      parse(buf.lex(), { ampRedirect: false, functionKeyword: false });
      buf.reset();
    } catch (e) {
      if (!(e instanceof NeedMore)) throw e;
    }
  });
  if (!buf.empty) return `unfinished at the end: ${buf.source.slice(0, 80)}`;
  return undefined;
}

describe('the shell parses every script in the catalog images', () => {
  const all = scripts();
  it('finds scripts to parse', () => {
    expect(all.size).toBeGreaterThan(3);
  });
  it.each([...all.keys()])('%s', (path) => {
    let problem: string | undefined;
    try {
      problem = parseAll(all.get(path)!);
    } catch (e) {
      problem = e instanceof SyntaxErr ? `syntax error at line ${e.line}: ${e.text}` : String(e);
    }
    expect(problem).toBeUndefined();
    expect(contentText(all.get(path)!).length).toBeGreaterThan(0);
  });
});
