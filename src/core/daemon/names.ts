// Container names and IDs as the daemon makes them (reference §2):
// moby pkg/namesgenerator (adjective_surname, a digit on retries, never
// boring_wozniak) and stringid.GenerateRandomID (64 hex, first 12 not all digits).
import words from './names-words.json';
import { randomHex64, randomInt, type Random } from '../random';

const LEFT: readonly string[] = words.left;
const RIGHT: readonly string[] = words.right;

export function getRandomName(random: Random, retry: number): string {
  for (;;) {
    const name = `${LEFT[randomInt(random, LEFT.length)]}_${RIGHT[randomInt(random, RIGHT.length)]}`;
    if (name === 'boring_wozniak') continue; // Steve Wozniak is not boring
    return retry > 0 ? `${name}${randomInt(random, 10)}` : name;
  }
}

/** daemon/names.go generateAndReserveName: 6 tries, then the short ID. */
export function generateName(random: Random, taken: (name: string) => boolean, id: string): string {
  for (let i = 0; i < 6; i++) {
    const n = getRandomName(random, i);
    if (!taken(n)) return n;
  }
  return id.slice(0, 12);
}

export function generateId(random: Random): string {
  for (;;) {
    const id = randomHex64(random);
    if (!/^\d{12}$/.test(id.slice(0, 12))) return id;
  }
}

const VALID_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** The daemon's check of a user-supplied name; the error text is Docker's. */
export function validateName(name: string): string | undefined {
  const n = name.startsWith('/') ? name.slice(1) : name;
  return VALID_NAME.test(n) ? undefined : `Invalid container name (${n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`;
}
