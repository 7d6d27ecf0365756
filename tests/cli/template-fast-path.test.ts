// Templates of text and `{{.Field}}` only (the table formats) print rows without
// the general executor; whatever the data, they print exactly what it prints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGoTemplate } from '../../src/cli/template';
import { Executor } from '../../src/cli/template-exec';
import { dockerFuncs } from '../../src/cli/template-funcs';
import type { GoType, GoValue } from '../../src/cli/go-value';
import { T } from '../../src/cli/go-value';

const inner: GoType = { kind: 'struct', name: 'types.Inner', fields: [{ name: 'N', type: T.int }] };
const row: GoType = {
  kind: 'struct',
  name: 'formatter.rowContext',
  fields: [
    { name: 'S', type: T.string },
    { name: 'I', type: T.int64 },
    { name: 'B', type: T.bool },
    { name: 'L', type: T.slice(T.string) },
    { name: 'M', type: T.map(T.string) },
    { name: 'P', type: T.ptr(inner) },
    { name: 'X', type: T.iface },
    { name: 'Inner', type: inner, embedded: true },
  ],
};
const FIELDS = ['S', 'I', 'B', 'L', 'M', 'P', 'X', 'N', 'Nope'];

const rowValue = fc.record(
  {
    S: fc.oneof(fc.string(), fc.constant(null), fc.integer()),
    I: fc.integer(),
    B: fc.boolean(),
    L: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: null }),
    M: fc.option(fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 3 }), {
      nil: null,
    }),
    P: fc.option(fc.record({ N: fc.integer() }), { nil: null }),
    X: fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(fc.integer(), { maxLength: 2 })),
    N: fc.integer(),
  },
  { requiredKeys: [] },
);

const data = fc.oneof(
  rowValue.map((v): GoValue => ({ t: T.ptr(row), v })),
  rowValue.map((v): GoValue => ({ t: row, v })),
  fc.constant<GoValue>({ t: T.ptr(row), v: null }),
  fc.constant<GoValue>({ t: T.map(T.string), v: { S: 'map' } }),
  fc.constant(undefined),
);

const format = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FIELDS).map((f) => `{{.${f}}}`),
      fc.constantFrom('\t', ' ', 'x', '\\n'),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

describe('field-only templates', () => {
  it('print what the executor prints, errors included', () => {
    fc.assert(
      fc.property(format, data, (f, d) => {
        const t = parseGoTemplate(f);
        const viaExecutor = new Executor(t.parsed, dockerFuncs, {}).run(d);
        const r = t.run(d);
        expect(r.output).toBe(viaExecutor.output);
        expect(r.error?.message).toBe(viaExecutor.error?.message);
      }),
      { numRuns: 2000 },
    );
  });

  it('a table row reads its fields once each', () => {
    const reads: string[] = [];
    const v = new Proxy({ A: 'a', B: 'b' } as Record<string, unknown>, {
      get: (o, k) => (reads.push(String(k)), o[k as string]),
    });
    const t: GoType = {
      kind: 'struct',
      name: 'ctx',
      fields: [
        { name: 'A', type: T.string },
        { name: 'B', type: T.string },
      ],
    };
    expect(parseGoTemplate('{{.A}}\t{{.B}}').run({ t: T.ptr(t), v }).output).toBe('a\tb');
    expect(reads).toEqual(['A', 'B']);
  });
});
