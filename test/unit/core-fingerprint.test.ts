import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyTypeOfBlob, sha256Fingerprint } from '../../src/main/core/ssh/fingerprint';
import { FINGERPRINT_PATTERN } from '../../src/shared/name-rules';

interface GeneratedKey {
  type: string;
  blob: Buffer;
  sshKeygenFingerprint: string;
}

let dir: string;
const keys = new Map<string, GeneratedKey>();

function generate(name: string, args: string[]): GeneratedKey {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', ...args, '-N', '', '-C', `mist-test-${name}`, '-f', file]);
  const [type, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  // `ssh-keygen -lf` prints: <bits> SHA256:<hash> <comment> (<TYPE>)
  const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`])
    .toString()
    .trim()
    .split(/\s+/);
  return { type: type!, blob: Buffer.from(base64!, 'base64'), sshKeygenFingerprint: printed[1]! };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mist-fp-'));
  keys.set('ed25519', generate('ed25519', ['-t', 'ed25519']));
  keys.set('ecdsa', generate('ecdsa', ['-t', 'ecdsa', '-b', '256']));
  keys.set('rsa', generate('rsa', ['-t', 'rsa', '-b', '2048']));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sha256Fingerprint', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'])('equals what ssh-keygen -lf prints for a %s key', (name) => {
    const key = keys.get(name)!;
    expect(key.sshKeygenFingerprint).toMatch(/^SHA256:/);
    expect(sha256Fingerprint(key.blob)).toBe(key.sshKeygenFingerprint);
  });

  it('has no base64 padding and matches the shared fingerprint pattern', () => {
    const fp = sha256Fingerprint(keys.get('ed25519')!.blob);
    expect(fp).not.toContain('=');
    expect(fp).toMatch(FINGERPRINT_PATTERN);
    expect(fp.length).toBe('SHA256:'.length + 43);
  });

  it('differs between different keys', () => {
    expect(sha256Fingerprint(keys.get('ed25519')!.blob)).not.toBe(sha256Fingerprint(keys.get('rsa')!.blob));
  });

  it('hashes the raw blob (the well-known SHA256 of empty input)', () => {
    expect(sha256Fingerprint(Buffer.alloc(0))).toBe('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU');
  });
});

describe('keyTypeOfBlob', () => {
  it('reads the type string at the start of real key blobs', () => {
    expect(keyTypeOfBlob(keys.get('ed25519')!.blob)).toBe('ssh-ed25519');
    expect(keyTypeOfBlob(keys.get('ecdsa')!.blob)).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOfBlob(keys.get('rsa')!.blob)).toBe('ssh-rsa');
  });

  it('agrees with the type in the .pub line', () => {
    for (const key of keys.values()) expect(keyTypeOfBlob(key.blob)).toBe(key.type);
  });

  it('reads only the length-prefixed type, not what follows', () => {
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('abcXYZ')]);
    expect(keyTypeOfBlob(blob)).toBe('abc');
  });

  it('says unknown for blobs too short to hold a length', () => {
    expect(keyTypeOfBlob(Buffer.alloc(0))).toBe('unknown');
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0]))).toBe('unknown');
  });

  it('says unknown for a zero length, an implausible length, or a truncated type', () => {
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 0, 0x61]))).toBe('unknown');
    expect(keyTypeOfBlob(Buffer.concat([Buffer.from([0, 0, 0, 65]), Buffer.alloc(65, 0x61)]))).toBe('unknown');
    expect(keyTypeOfBlob(Buffer.concat([Buffer.from([0, 0, 0, 64]), Buffer.alloc(64, 0x61)]))).toBe('a'.repeat(64));
    expect(keyTypeOfBlob(Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed')]))).toBe('unknown');
    expect(keyTypeOfBlob(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x61]))).toBe('unknown');
  });
});
