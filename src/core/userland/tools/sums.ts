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
  if (p.has('c')) {
    let bad = 0;
    for (const list of files) {
      const src = openInput(t, list);
      if (isErr(src)) {
        t.warn(`${t.qf(list)}: ${src.message}`);
        status = 1;
        continue;
      }
      let text = '';
      for await (const c of chunks(t, src)) text += c;
      for (const line of text.split('\n').filter(Boolean)) {
        const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
        if (!m) continue;
        const d = await digestOf(m[2]);
        const ok = d === m[1].toLowerCase();
        if (!ok) bad++;
        if (!p.has('s') && (!ok || !p.has('q'))) t.out(`${m[2]}: ${d === undefined ? 'FAILED open or read' : ok ? 'OK' : 'FAILED'}\n`);
      }
    }
    if (bad && !p.has('s')) t.warn(`WARNING: ${bad} computed checksum${bad > 1 ? 's' : ''} did NOT match`);
    return bad || status ? 1 : 0;
  }
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
