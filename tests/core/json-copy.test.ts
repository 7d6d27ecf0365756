import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonCopy } from '../../src/core/json-copy';

const roundTrip = (x: unknown): unknown => JSON.parse(JSON.stringify(x)) as unknown;

/** Values JSON.stringify accepts, with what it drops or turns into null mixed in. */
const loose = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(undefined, NaN, Infinity, -0, () => 1, Symbol('s'), new Date(0)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '10', 'toString')), tie('value'), {
      maxKeys: 4,
    }),
  ),
}));

describe('jsonCopy', () => {
  it('gives what a JSON round trip gives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(loose.value), fc.dictionary(fc.string(), loose.value)), (x) => {
        const c = jsonCopy(x);
        expect(JSON.stringify(c)).toBe(JSON.stringify(x));
        expect(c).toStrictEqual(roundTrip(x));
      }),
    );
  });

  it('shares nothing with its input', () => {
    const body = { HostConfig: { Binds: ['/a:/b'] }, Labels: { a: 'b' } };
    const c = jsonCopy(body);
    c.HostConfig.Binds.push('/c:/d');
    c.Labels.a = 'z';
    expect(body).toEqual({ HostConfig: { Binds: ['/a:/b'] }, Labels: { a: 'b' } });
  });

  it('keeps a key named __proto__ as data, not as the prototype', () => {
    const x = JSON.parse('{"Labels":{"__proto__":{"polluted":"yes"}}}') as { Labels: object };
    const c = jsonCopy(x);
    expect(Object.keys(c.Labels)).toEqual(['__proto__']);
    expect((c.Labels as { polluted?: string }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(c.Labels)).toBe(Object.prototype);
  });

  it('drops symbol keys and function members, as JSON does', () => {
    const x = { a: 1, f: () => 2, [Symbol('s')]: 3 };
    expect(Reflect.ownKeys(jsonCopy(x))).toEqual(['a']);
    expect(Reflect.ownKeys(jsonCopy({ a: 1, [Symbol('s')]: 3 }))).toEqual(['a']);
  });

  it('drops undefined members and nulls undefined array slots, as JSON does', () => {
    expect(jsonCopy({ a: undefined, b: [undefined, NaN, 1] })).toStrictEqual({ b: [null, null, 1] });
  });
});
