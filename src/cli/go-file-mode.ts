// fs.FileMode's String method (os.FileMode is an alias): fmt prints a FileMode through
// it: a tmpfs mount's mode 1770 (octal) shows as `-rwxrwx---` (Unix's 01000 is no FileMode bit).

// type bits from the top (bit 31 = 'd'), as Go's const str
const TYPE_LETTERS = 'dalTLDpSugct?';
const RWX = 'rwxrwxrwx';

/** FileMode.String(): type letters (or '-'), then nine permission characters. */
export function fileModeString(mode: number): string {
  const m = mode >>> 0;
  let out = '';
  for (let i = 0; i < TYPE_LETTERS.length; i++) if (m & (2 ** (31 - i))) out += TYPE_LETTERS[i];
  if (out === '') out = '-';
  for (let i = 0; i < 9; i++) out += m & (1 << (8 - i)) ? RWX[i] : '-';
  return out;
}
