import { createHmac } from 'node:crypto';
import type { KnownHostsStatus } from '../../../shared/dto/server';
import { keyTypeOfBlob } from './fingerprint';

/**
 * Reads OpenSSH known_hosts content: plain and hashed (`|1|salt|hash`) host patterns, `[host]:port`
 * for non-standard ports, simple wildcards, `@revoked` keys. `@cert-authority` lines are skipped
 * (we do not verify host certificates yet).
 */
export function knownHostsStatus(content: string, host: string, port: number, keyBlob: Buffer): KnownHostsStatus {
  const presentedType = keyTypeOfBlob(keyBlob);
  const presented = keyBlob.toString('base64');
  // ssh compares host names in lower case; hashed entries are HMACs of the lower-cased form.
  const bareHost = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const target = port === 22 ? bareHost : `[${bareHost}]:${port}`;
  let sawSameTypeOtherKey = false;
  let sawSameKey = false;

  for (const rawLine of content.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: string | null = null;
    if (fields[0]?.startsWith('@')) marker = fields.shift() ?? null;
    const [patterns, keyType, keyData] = fields;
    if (!patterns || !keyType || !keyData) continue;
    if (marker === '@cert-authority') continue;
    if (!hostMatches(patterns, target)) continue;
    if (marker === '@revoked') {
      if (keyData === presented) return 'mismatch'; // revoked anywhere in the file beats any match
      continue;
    }
    if (keyData === presented) sawSameKey = true;
    else if (keyType === presentedType) sawSameTypeOtherKey = true;
  }
  if (sawSameKey) return 'match';
  return sawSameTypeOtherKey ? 'mismatch' : 'unknown';
}

function hostMatches(patterns: string, target: string): boolean {
  if (patterns.startsWith('|1|')) return hashedMatches(patterns, target);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (globMatches(body.toLowerCase(), target.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function hashedMatches(entry: string, target: string): boolean {
  const [, , salt, hash] = entry.split('|');
  if (!salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(target).digest('base64');
  return digest === hash;
}

function globMatches(pattern: string, text: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === text;
  const regex = new RegExp(
    '^' +
      pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
  );
  return regex.test(text);
}
