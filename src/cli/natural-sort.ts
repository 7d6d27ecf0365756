// fvbommel/sortorder NaturalLess: how docker sorts volume and network names
// ("data2" before "data10"): runs of digits compare as numbers, digits first.

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

export function naturalLess(a: string, b: string): boolean {
  // UTF-8 bytes compare like code points, which is what Go's byte loop does
  const s1 = new TextEncoder().encode(a);
  const s2 = new TextEncoder().encode(b);
  let i = 0;
  let j = 0;
  while (i < s1.length && j < s2.length) {
    const d1 = isDigit(s1[i]);
    const d2 = isDigit(s2[j]);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (s1[i] !== s2[j]) return s1[i] < s2[j];
      i++;
      j++;
      continue;
    }
    while (i < s1.length && s1[i] === 0x30) i++;
    while (j < s2.length && s2[j] === 0x30) j++;
    const nz1 = i;
    const nz2 = j;
    while (i < s1.length && isDigit(s1[i])) i++;
    while (j < s2.length && isDigit(s2[j])) j++;
    if (i - nz1 !== j - nz2) return i - nz1 < j - nz2;
    for (let k = 0; k < i - nz1; k++) if (s1[nz1 + k] !== s2[nz2 + k]) return s1[nz1 + k] < s2[nz2 + k];
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return s1.length < s2.length;
}

/** A stable sort with naturalLess (sort.Slice is not stable, but names are unique). */
export function naturalSort<T>(items: readonly T[], key: (t: T) => string): T[] {
  return [...items].sort((x, y) => (naturalLess(key(x), key(y)) ? -1 : naturalLess(key(y), key(x)) ? 1 : 0));
}
