import { randomInt } from 'node:crypto';
import type { TemplateSecret } from '../../../shared/dto/template';

const ALPHABETS = {
  // Letters and digits only: safe unquoted in argv, URLs, env files and every database's password rules.
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
} as const;

/** A uniformly random value from the OS CSPRNG (32 alnum characters ≈ 190 bits). */
export function generateSecret(secret: Pick<TemplateSecret, 'length' | 'alphabet'>): string {
  const alphabet = ALPHABETS[secret.alphabet];
  let out = '';
  for (let i = 0; i < secret.length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
