// Real sha256 for content addressing (layer diff IDs, image IDs, digests).
// Synchronous and pure so the core runs the same in Node and the browser.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(nobleSha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

/** `sha256:<hex>` as Docker and OCI write digests. */
export function digestOf(data: string | Uint8Array): string {
  return `sha256:${sha256Hex(data)}`;
}
