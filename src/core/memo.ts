// A pure function of a string, kept for the keys it was last asked: tables and
// creates ask the same few again and again (an image's name, a layer's link).

/**
 * `make` remembered by key. The map is emptied when it reaches `limit` keys, so
 * it stays small whatever a session asks (a pure function loses nothing by it).
 */
export function memoByKey<V>(limit: number, make: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let v = kept.get(key);
    if (v === undefined) {
      v = make(key);
      if (kept.size >= limit) kept.clear();
      kept.set(key, v);
    }
    return v;
  };
}
