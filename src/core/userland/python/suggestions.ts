// "Did you mean: 'print'?" — traceback.py's _compute_suggestion_error: the
// closest candidate by a Levenshtein distance where case changes cost less.

const MAX_CANDIDATES = 750;
const MAX_STRING = 40;
const MOVE = 2;
const CASE = 1;

function subst(a: string, b: string): number {
  if (a === b) return 0;
  return a.toLowerCase() === b.toLowerCase() ? CASE : MOVE;
}

export function levenshtein(a0: string, b0: string, maxCost: number): number {
  if (a0 === b0) return 0;
  let pre = 0;
  while (pre < a0.length && pre < b0.length && a0[pre] === b0[pre]) pre++;
  let a = a0.slice(pre);
  let b = b0.slice(pre);
  let post = 0;
  while (post < a.length && post < b.length && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  a = a.slice(0, a.length - post);
  b = b.slice(0, b.length - post);
  if (!a || !b) return MOVE * (a.length + b.length);
  if (a.length > MAX_STRING || b.length > MAX_STRING) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE > maxCost) return maxCost + 1;
  const row: number[] = [];
  for (let i = 1; i <= a.length; i++) row.push(i * MOVE);
  let result = 0;
  for (let bi = 0; bi < b.length; bi++) {
    let distance = (result = bi * MOVE);
    let minimum = Infinity;
    for (let i = 0; i < a.length; i++) {
      const substitute = distance + subst(b[bi], a[i]);
      distance = row[i];
      const insertDelete = Math.min(result, distance) + MOVE;
      result = Math.min(insertDelete, substitute);
      row[i] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

export function suggest(candidates: string[], wrong: string): string | undefined {
  if (candidates.length > MAX_CANDIDATES || wrong.length > MAX_STRING) return undefined;
  let best = wrong.length;
  let suggestion: string | undefined;
  for (const name of candidates) {
    if (name === wrong) continue;
    let max = Math.floor(((name.length + wrong.length + 3) * MOVE) / 6);
    max = Math.min(max, best - 1);
    const d = levenshtein(wrong, name, max);
    if (d > max) continue;
    if (!suggestion || d < best) {
      suggestion = name;
      best = d;
    }
  }
  return suggestion;
}

/** sys.stdlib_module_names (the part a NameError hint can name). */
export const STDLIB_MODULE_NAMES = new Set(
  `abc argparse array ast asyncio base64 bisect builtins calendar cmath collections contextlib copy csv ctypes dataclasses datetime
decimal difflib dis email enum errno fnmatch fractions functools gc getpass glob gzip hashlib heapq hmac html http importlib
inspect io ipaddress itertools json keyword locale logging math mimetypes multiprocessing numbers operator os pathlib pickle
platform pprint queue random re secrets select shlex shutil signal site socket sqlite3 ssl stat statistics string struct
subprocess sys tempfile textwrap threading time timeit tkinter token tokenize traceback types typing unicodedata unittest
urllib uuid venv warnings weakref xml zipfile zlib zoneinfo`.split(/\s+/),
);
