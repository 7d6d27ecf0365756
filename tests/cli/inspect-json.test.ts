// The inspector's JSON: json.Indent with 4 spaces inside [ … ], the daemon's escaping.
import { describe, expect, it } from 'vitest';
import { compactJson, indentedJson, renderInspect } from '../../src/cli/inspect-json';
import { goJsonString } from '../../src/cli/go-json';
import { goIndent } from './go-indent';

describe('inspect JSON', () => {
  it('nothing found prints []', () => {
    expect(indentedJson([])).toBe('[]\n');
  });
  it('keeps key order, empty arrays and objects, null, and does not escape HTML', () => {
    const out = indentedJson([
      { Id: 'x', RepoTags: [], Labels: {}, Env: null, Title: 'a <b> & "c"', N: 7, T: true },
    ]);
    expect(out).toBe(
      '[\n    {\n        "Id": "x",\n        "RepoTags": [],\n        "Labels": {},\n        "Env": null,\n        "Title": "a <b> & \\"c\\"",\n        "N": 7,\n        "T": true\n    }\n]\n',
    );
    expect(compactJson([{ a: [1, { b: [] }] }])).toBe('[{"a":[1,{"b":[]}]}]\n');
  });
  it("Go's string escaping", () => {
    expect(goJsonString('\u2028\t\x01é', false)).toBe('"\\u2028\\t\\u0001é"');
    expect(goJsonString('<>&', true)).toBe('"\\u003c\\u003e\\u0026"');
  });
  it('json.Indent leaves strings with brackets alone', () => {
    expect(goIndent('{"a":"[x,{y}]","b":[]}', '  ')).toBe('{\n  "a": "[x,{y}]",\n  "b": []\n}');
  });
  it('templates: one line per element, errors after, a lone newline when nothing printed', () => {
    expect(
      renderInspect([{ raw: { Os: 'linux' } }, { error: 'Error: No such object: x' }], '{{.Os}}'),
    ).toEqual({
      stdout: 'linux\n',
      errors: ['Error: No such object: x'],
    });
    expect(renderInspect([{ error: 'Error: No such object: x' }], '{{.Os}}')).toEqual({
      stdout: '\n',
      errors: ['Error: No such object: x'],
    });
  });
});
