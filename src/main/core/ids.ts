import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Short, lowercase, DNS- and container-name-safe ids (they end up in names like `app-{id}`). */
export function newId(length = 12): string {
  const bytes = randomBytes(length);
  let id = '';
  // 256 % 36 bias is negligible for identifiers; they only need to be unique, not secret.
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
