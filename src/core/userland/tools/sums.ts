// md5sum, sha1sum, sha256sum, sha512sum: real digests of the file's bytes
// (generated blobs are produced to be hashed), `-c` to check a list.
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { contentBytes, utf8Encode } from '../../fs/content';
import { getopt, isOptError } from './getopt';
import { chunks, openInput } from './input';
import { isErr, type Tool } from './tool';

const ALGOS: Record<string, (b: Uint8Array) => Uint8Array> = { md5, sha1, sha256, sha512 };

/** Text read from a stream: chars below 256 are bytes (binary), others are UTF-8 text. */
function bytesOf(s: string): Uint8Array {
  let binary = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) binary = false;
  if (!binary) return utf8Encode(s);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return /[\x80-\xff]/.test(s) ? out : utf8Encode(s);
}

export async function sum(t: Tool, args: string[], algo: string): Promise<number> {
  const hash = ALGOS[algo];
  const p = getopt(args, { short: 'bctwsz', long: { binary: 'b', check: 'c', text: 't', warn: 'w', status: 's', quiet: 'q', tag: 'tag' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-c[sw]] [FILE]...');
  const digestOf = async (f: string): Promise<string | undefined> => {
    if (f !== '-') {
      const c = t.fs.readContent(f);
      if (!isErr(c)) return bytesToHex(hash(contentBytes(c)));
    }
    const src = openInput(t, f);
    if (isErr(src)) {
      t.warn(t.gnu ? `${t.qf(f)}: ${src.message}` : `can't open '${f}': ${src.message}`);
      return undefined;
    }
    let text = '';
    for await (const c of chunks(t, src)) {
      t.charge(c.length);
      text += c;
    }
    return bytesToHex(hash(bytesOf(text)));
  };
  let status = 0;
  const files = p.operands.length ? p.operands : ['-'];
  if (p.has('c')) return check(t, p.operands.length ? p.operands : ['-'], algo, digestOf, { status: p.has('s'), quiet: p.has('q'), warn: p.has('w') });
  for (const f of files) {
    const d = await digestOf(f);
    if (d === undefined) {
      status = 1;
      continue;
    }
    t.out(p.has('tag') ? `${algo.toUpperCase()} (${f}) = ${d}\n` : `${d}  ${f}\n`);
  }
  return status;
}

/** GNU's plural agreement in the -c warnings. */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * `-c`: each "DIGEST  FILE" line checked (OK / FAILED / FAILED open or read),
 * then coreutils' warnings for malformed lines, unreadable files and
 * mismatches; exit 1 if any of them happened.
 */
async function check(
  t: Tool,
  lists: string[],
  algo: string,
  digestOf: (f: string) => Promise<string | undefined>,
  o: { status: boolean; quiet: boolean; warn: boolean },
): Promise<number> {
  const hexLen = bytesToHex(ALGOS[algo](new Uint8Array())).length;
  const lineRe = new RegExp(`^\\\\?([0-9a-fA-F]{${hexLen}}) [ *](.+)$`);
  let status = 0;
  for (const list of lists) {
    const shown = list === '-' ? t.qa('standard input') : t.qf(list);
    const src = openInput(t, list);
    if (isErr(src)) {
      t.warn(`${shown}: ${src.message}`);
      status = 1;
      continue;
    }
    let text = '';
    for await (const c of chunks(t, src)) text += c;
    let malformed = 0;
    let unreadable = 0;
    let mismatched = 0;
    let good = 0;
    for (const [i, line] of text.split('\n').entries()) {
      if (line === '' && i === text.split('\n').length - 1) continue;
      const m = lineRe.exec(line);
      if (!m) {
        malformed++;
        if (o.warn) t.warn(`${shown}: ${i + 1}: improperly formatted ${algo.toUpperCase()} checksum line`);
        continue;
      }
      good++;
      const d = await digestOf(m[2]);
      if (d === undefined) {
        unreadable++;
        if (!o.status) t.out(`${m[2]}: FAILED open or read\n`);
        continue;
      }
      const ok = d === m[1].toLowerCase();
      if (!ok) mismatched++;
      if (!o.status && (!ok || !o.quiet)) t.out(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
    }
    if (good === 0) {
      t.warn(`${shown}: no properly formatted checksum lines found`);
      status = 1;
      continue;
    }
    if (!o.status) {
      if (malformed) t.warn(`WARNING: ${plural(malformed, 'line is', 'lines are')} improperly formatted`);
      if (unreadable) t.warn(`WARNING: ${plural(unreadable, 'listed file', 'listed files')} could not be read`);
      if (mismatched) t.warn(`WARNING: ${plural(mismatched, 'computed checksum', 'computed checksums')} did NOT match`);
    }
    if (unreadable || mismatched) status = 1;
  }
  return status;
}
