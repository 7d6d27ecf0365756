// A deep copy of plain data with JSON's semantics (what JSON.parse(JSON.stringify(x))
// gives) without the text in between: request bodies are copied on every create,
// and the round trip through a string took 2-3 times as long.

/** JSON.parse(JSON.stringify(x)) for data JSON can represent; undefined stays undefined. */
export function jsonCopy<T>(x: T): T {
  return copy(x) as T;
}

function copy(x: unknown): unknown {
  if (typeof x !== 'object' || x === null) {
    // JSON writes -0 as 0 and the non-finite numbers as null
    if (typeof x === 'number') return Number.isFinite(x) ? x + 0 : null;
    return typeof x === 'function' || typeof x === 'symbol' ? undefined : x;
  }
  const withToJSON = x as { toJSON?: unknown };
  if (typeof withToJSON.toJSON === 'function') return copy((withToJSON.toJSON as () => unknown).call(x));
  if (Array.isArray(x)) {
    const out = new Array<unknown>(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = copy(x[i]);
      out[i] = v === undefined ? null : v;
    }
    return out;
  }
  return copyObject(x as Record<string, unknown>);
}

function copyObject(x: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(x);
  if (plain(x, keys)) {
    // a spread keeps the source's shape: adding eighty members one by one by name (a
    // HostConfig) would turn the copy into a slow dictionary three times the size
    const out = { ...x };
    for (const k of keys) {
      const v = out[k];
      if (typeof v === 'object' || typeof v === 'number') out[k] = copy(v);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = copy(x[k]);
    if (v === undefined) continue;
    // an own "__proto__" key (a label can be named so) must stay data, as JSON.parse keeps it
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/** No member JSON would drop, no "__proto__" key, no symbol keys: a spread copies it as JSON would. */
function plain(x: Record<string, unknown>, keys: string[]): boolean {
  for (const k of keys) {
    const v = x[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || k === '__proto__') return false;
  }
  return Object.getOwnPropertySymbols(x).length === 0;
}
