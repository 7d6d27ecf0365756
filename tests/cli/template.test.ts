// Go text/template as docker --format uses it: parse errors, execution errors, Go's
// printing of values, control structures and docker's functions.
import { describe, expect, it } from 'vitest';
import { parseGoTemplate, TemplateError } from '../../src/cli/template';
import type { GoValue } from '../../src/cli/go-value';
import { T } from '../../src/cli/go-value';
import { imageInspectResponse } from '../../src/cli/api-types';

function run(format: string, data: GoValue | undefined, missingKey?: 'error'): string {
  const r = parseGoTemplate(format).run(data, { missingKey });
  if (r.error) throw r.error;
  return r.output;
}

function parseError(format: string): string {
  try {
    parseGoTemplate(format);
  } catch (e) {
    if (e instanceof TemplateError) return e.message;
    throw e;
  }
  return 'parsed';
}

const raw = (v: unknown): GoValue => ({ t: T.iface, v });

const image = {
  Id: 'sha256:abc',
  RepoTags: ['python:3.13', 'python:latest'],
  RepoDigests: [],
  Config: {
    Cmd: ['python3'],
    Entrypoint: null,
    Env: ['A=1', 'B=<&>'],
    Labels: { b: '2', a: '1' },
    Volumes: null,
    User: '',
  },
  Size: 1020149036,
  RootFS: { Type: 'layers', Layers: ['sha256:1', 'sha256:2'] },
  Metadata: { LastTagTime: '2026-11-27T21:18:36.6250677Z' },
};
const typed: GoValue = { t: imageInspectResponse, v: image };

describe('parse errors (docker prints them after "template parsing error: ")', () => {
  it.each([
    ['{{.ID', 'template: :1: unclosed action'],
    ['{{.ID}', "template: :1: bad character U+007D '}'"],
    ['{{if .ID}}x', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{foo .ID}}', 'template: :1: function "foo" not defined'],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{.A | "x"}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{(.A}}', 'template: :1: unclosed left paren'],
    ['line1\n{{.A', 'template: :2: unclosed action'],
    ['{{"x}}', 'template: :1: unterminated quoted string'],
  ])('%j', (format, msg) => {
    expect(parseError(format)).toBe(msg);
  });
});

describe('execution over typed values', () => {
  it('prints Go values: slices, sorted maps, nil slices as [], nil maps as map[]', () => {
    expect(
      run(
        '{{.RepoTags}} {{.Config.Labels}} {{.Config.Entrypoint}} {{.Config.Volumes}} {{.Config.StopSignal}}|',
        typed,
      ),
    ).toBe('[python:3.13 python:latest] map[a:1 b:2] [] map[] |');
  });
  it('structs print their fields in order; time.Time prints with String()', () => {
    expect(run('{{.RootFS}} {{.Metadata}}', typed)).toBe(
      '{layers [sha256:1 sha256:2]} {2026-11-27 21:18:36.6250677 +0000 UTC}',
    );
  });
  it('Go field names (ID) and numbers', () => {
    expect(run('{{.ID}} {{.Size}} {{len .RepoTags}}', typed)).toBe('sha256:abc 1020149036 2');
  });
  it('json does not escape HTML (templates.go SetEscapeHTML(false))', () => {
    expect(run('{{json .Config.Env}} {{json .Config.Entrypoint}} {{json .RootFS}}', typed)).toBe(
      '["A=1","B=<&>"] null {"Type":"layers","Layers":["sha256:1","sha256:2"]}',
    );
  });
  it('unknown fields name the Go type', () => {
    const r = parseGoTemplate('{{.Nope}}').run(typed);
    expect(r.error?.message).toBe(
      'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type image.InspectResponse',
    );
  });
});

describe('execution over raw JSON (docker inspect fallback)', () => {
  it('nil prints <no value>; inside containers <nil>; numbers as written', () => {
    expect(run('{{.Config.Entrypoint}} {{.Config}} {{.Size}}', raw(image))).toBe(
      '<no value> map[Cmd:[python3] Entrypoint:<nil> Env:[A=1 B=<&>] Labels:map[a:1 b:2] User: Volumes:<nil>] 1020149036',
    );
  });
  it('missingkey=error names the key', () => {
    const r = parseGoTemplate('{{.Config.Hostname}}').run(raw(image), { missingKey: 'error' });
    expect(r.error?.message).toBe(
      'template: :1:9: executing "" at <.Config.Hostname>: map has no entry for key "Hostname"',
    );
  });
  it('a missing key without missingkey=error is <no value>', () => {
    expect(run('{{.Nope}}', raw(image))).toBe('<no value>');
  });
});

describe('control structures and functions', () => {
  const data = raw({ a: [1, 2, 3], m: { z: 'last', a: 'first' }, s: 'Hello World', e: [], t: true, n: null });
  it('range over slices and maps (sorted keys), with variables and else', () => {
    expect(run('{{range $i, $v := .a}}{{$i}}={{$v}} {{end}}', data)).toBe('0=1 1=2 2=3 ');
    expect(run('{{range $k, $v := .m}}{{$k}}:{{$v}};{{end}}', data)).toBe('a:first;z:last;');
    expect(run('{{range .e}}x{{else}}empty{{end}}', data)).toBe('empty');
    // raw numbers are json.Number, a string kind: eq compares them with strings, not ints
    expect(run('{{range .a}}{{if eq . "2"}}{{break}}{{end}}{{.}}{{end}}', data)).toBe('1');
    expect(run('{{range .a}}{{if eq . "2"}}{{continue}}{{end}}{{.}}{{end}}', data)).toBe('13');
    expect(parseGoTemplate('{{range .a}}{{eq . 2}}{{end}}').run(data).error?.message).toBe(
      'template: :1:14: executing "" at <eq . 2>: error calling eq: incompatible types for comparison: json.Number and int',
    );
  });
  it('if / else if / with / and / or / not', () => {
    expect(run('{{if .n}}a{{else if .t}}b{{else}}c{{end}}', data)).toBe('b');
    expect(run('{{with .s}}{{.}}{{end}}{{with .n}}x{{else}}none{{end}}', data)).toBe('Hello Worldnone');
    expect(run('{{and .t .s}} {{or .n .e "fallback"}} {{not .t}}', data)).toBe('Hello World fallback false');
  });
  it('docker functions: upper, lower, title, split, join, pad, truncate, println', () => {
    expect(run('{{upper .s}} {{lower .s}} {{title "hello wide world"}}', data)).toBe(
      'HELLO WORLD hello world Hello Wide World',
    );
    expect(run('{{join (split .s " ") ","}} [{{pad .s 1 2}}] {{truncate .s 5}}', data)).toBe(
      'Hello,World [ Hello World  ] Hello',
    );
    expect(run('{{println .s}}', data)).toBe('Hello World\n');
  });
  it('printf, index, len, comparisons, pipelines, trim markers and comments', () => {
    expect(run('{{printf "%s=%d %q %5.2f %v" "x" 42 "q" 3.14159 .a}}', data)).toBe('x=42 "q"  3.14 [1 2 3]');
    expect(run('{{index .m "z"}} {{index .a 1}} {{len .m}}', data)).toBe('last 2 2');
    expect(run('{{lt 1 2}} {{ge 2 2}} {{ne "a" "b"}}', data)).toBe('true true true');
    expect(run('{{.s | upper | printf "<%s>"}}', data)).toBe('<HELLO WORLD>');
    expect(run('a  {{- /* comment */ -}}  b {{- " c" }}', data)).toBe('ab c');
  });
  it("printf takes a slice or map apart: the verb and width apply to each element, as fmt's printValue does", () => {
    const cmd: GoValue = { t: T.slice(T.string, 'strslice.StrSlice'), v: ['sleep', '300'] };
    expect(run('{{printf "%q" .}}', cmd)).toBe('["sleep" "300"]');
    expect(run('{{printf "%4s|%x" . .}}', cmd)).toBe('[sleep  300]|[736c656570 333030]');
    expect(run('{{printf "%d" .}}', cmd)).toBe('[%!d(string=sleep) %!d(string=300)]');
    // raw numbers are json.Number, a string type: %d refuses them, %q quotes them
    expect(run('{{printf "%q" .m}} {{printf "%d|%q" .a .a}} {{printf "%s" .n}}', data)).toBe(
      'map["a":"first" "z":"last"] [%!d(json.Number=1) %!d(json.Number=2) %!d(json.Number=3)]|["1" "2" "3"] %!s(<nil>)',
    );
  });
  it('len of a json.Number (raw decoding with UseNumber) counts its digits: the type is a string', () => {
    expect(run('{{len (index .a 0)}}', raw({ a: [12345] }))).toBe('5');
  });
  it('function errors: "error calling …"', () => {
    const r = parseGoTemplate('{{index .a 5}}').run(data);
    expect(r.error?.message).toBe(
      'template: :1:2: executing "" at <index .a 5>: error calling index: index out of range: 5',
    );
    const w = parseGoTemplate('{{join .a ","}}').run(data);
    expect(w.error?.message).toBe(
      'template: :1:7: executing "" at <.a>: wrong type for value; expected []string; got []interface {}',
    );
  });
});
