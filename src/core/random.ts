// Injectable randomness: a seeded PRNG so IDs and names are deterministic in
// tests, permalinks and `stevedore run --seed N`.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

/** mulberry32: small, fast, good enough for IDs and names (not for crypto). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export function randomInt(r: Random, n: number): number {
  return Math.floor(r.next() * n);
}

/** 64 lowercase hex characters, as stringid.GenerateRandomID. */
export function randomHex64(r: Random): string {
  // one flat string: appending char by char would keep a 64-node rope alive per ID
  const chars = new Array<string>(64);
  for (let i = 0; i < 64; i++) chars[i] = '0123456789abcdef'[randomInt(r, 16)];
  return chars.join('');
}
