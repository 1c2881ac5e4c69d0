import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownHostsStatus } from '../../src/main/core/ssh/known-hosts';

interface Key {
  /** `ssh-ed25519 AAAA...` as it appears in known_hosts. */
  line: string;
  blob: Buffer;
}

let dir: string;
let edA: Key;
let edB: Key;
let ecdsaC: Key;

function generate(name: string, type: string): Key {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  return { line: `${keyType} ${base64}`, blob: Buffer.from(base64!, 'base64') };
}

/** Hashes a known_hosts file the way users do: `ssh-keygen -H -f file`. */
function hashed(content: string): string {
  const file = join(dir, `kh-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, content);
  execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
  return readFileSync(file, 'utf8');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mist-kh-'));
  edA = generate('a', 'ed25519');
  edB = generate('b', 'ed25519');
  ecdsaC = generate('c', 'ecdsa');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('knownHostsStatus: plain entries', () => {
  it('matches a plain host on port 22', () => {
    expect(knownHostsStatus(`example.com ${edA.line}\n`, 'example.com', 22, edA.blob)).toBe('match');
  });

  it('is unknown for a host that is not listed', () => {
    expect(knownHostsStatus(`example.com ${edA.line}\n`, 'other.com', 22, edA.blob)).toBe('unknown');
  });

  it('is unknown for an empty file', () => {
    expect(knownHostsStatus('', 'example.com', 22, edA.blob)).toBe('unknown');
  });

  it('matches host names case-insensitively, as ssh does', () => {
    expect(knownHostsStatus(`Example.COM ${edA.line}\n`, 'example.com', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(`example.com ${edA.line}\n`, 'EXAMPLE.com', 22, edA.blob)).toBe('match');
  });

  it('matches one name of a comma-separated list', () => {
    const content = `web.example.com,10.0.0.7 ${edA.line}\n`;
    expect(knownHostsStatus(content, '10.0.0.7', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(content, 'web.example.com', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(content, '10.0.0.70', 22, edA.blob)).toBe('unknown');
  });

  it('accepts an entry with a trailing comment', () => {
    expect(knownHostsStatus(`example.com ${edA.line} me@laptop\n`, 'example.com', 22, edA.blob)).toBe('match');
  });

  it('does not treat a host as a prefix or substring of another', () => {
    const content = `example.com ${edB.line}\n`;
    expect(knownHostsStatus(content, 'example.co', 22, edA.blob)).toBe('unknown');
    expect(knownHostsStatus(content, 'www.example.com', 22, edA.blob)).toBe('unknown');
  });
});

describe('knownHostsStatus: ports', () => {
  it('uses [host]:port for a non-22 port', () => {
    expect(knownHostsStatus(`[example.com]:2222 ${edA.line}\n`, 'example.com', 2222, edA.blob)).toBe('match');
  });

  it('does not apply a port-22 entry to another port, nor a port entry to port 22', () => {
    expect(knownHostsStatus(`example.com ${edB.line}\n`, 'example.com', 2222, edA.blob)).toBe('unknown');
    expect(knownHostsStatus(`[example.com]:2222 ${edB.line}\n`, 'example.com', 22, edA.blob)).toBe('unknown');
    expect(knownHostsStatus(`[example.com]:2222 ${edB.line}\n`, 'example.com', 2223, edA.blob)).toBe('unknown');
  });

  it('handles IPv6 addresses on port 22 and in [addr]:port form', () => {
    expect(knownHostsStatus(`::1 ${edA.line}\n`, '::1', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(`[::1]:2222 ${edA.line}\n`, '::1', 2222, edA.blob)).toBe('match');
    expect(knownHostsStatus(`[::1]:2222 ${edB.line}\n`, '::1', 2222, edA.blob)).toBe('mismatch');
  });
});

describe('knownHostsStatus: hashed entries (ssh-keygen -H)', () => {
  it('matches hashed entries for port 22 and [host]:port', () => {
    const content = hashed(`example.com ${edA.line}\n[example.com]:2222 ${edA.line}\n`);
    expect(content).toMatch(/^\|1\|/);
    expect(content).not.toContain('example.com');
    expect(knownHostsStatus(content, 'example.com', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(content, 'example.com', 2222, edA.blob)).toBe('match');
  });

  it('does not match a hashed entry for another host or port', () => {
    const content = hashed(`example.com ${edB.line}\n`);
    expect(knownHostsStatus(content, 'example.org', 22, edA.blob)).toBe('unknown');
    expect(knownHostsStatus(content, 'example.com', 2222, edA.blob)).toBe('unknown');
  });

  it('reports a mismatch when a hashed entry holds another key of the same type', () => {
    const content = hashed(`example.com ${edB.line}\n`);
    expect(knownHostsStatus(content, 'example.com', 22, edA.blob)).toBe('mismatch');
  });

  it('matches each name of a comma list after hashing (ssh-keygen splits it)', () => {
    const content = hashed(`web.example.com,10.0.0.7 ${edA.line}\n`);
    expect(content.trim().split('\n')).toHaveLength(2);
    expect(knownHostsStatus(content, '10.0.0.7', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(content, 'web.example.com', 22, edA.blob)).toBe('match');
  });

  it('ignores a malformed hashed entry', () => {
    expect(knownHostsStatus(`|1|onlysalt ${edA.line}\n`, 'example.com', 22, edA.blob)).toBe('unknown');
  });

  // BUG (see report): ssh lowercases the host name before looking it up (`ssh -G EXAMPLE.Com` says
  // `hostname example.com`), and plain entries are compared case-insensitively here, but hashed
  // entries are HMACed with the host exactly as typed, so "Example.com" never finds its hashed entry.
  it('finds a hashed entry when the saved host name has upper-case letters', () => {
    const content = hashed(`example.com ${edB.line}\n`);
    expect(knownHostsStatus(content, 'Example.com', 22, edA.blob)).toBe('mismatch');
  });
});

describe('knownHostsStatus: wildcards and negation', () => {
  it('matches * and ? patterns', () => {
    const content = `*.example.com ${edA.line}\nweb?.example.org ${edA.line}\n`;
    expect(knownHostsStatus(content, 'web.example.com', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(content, 'a.b.example.com', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(content, 'example.com', 22, edA.blob)).toBe('unknown');
    expect(knownHostsStatus(content, 'web1.example.org', 22, edA.blob)).toBe('match');
    expect(knownHostsStatus(content, 'web12.example.org', 22, edA.blob)).toBe('unknown');
  });

  it('treats regex metacharacters in patterns literally', () => {
    // '.' must not match any character.
    expect(knownHostsStatus(`*.example.com ${edA.line}\n`, 'webXexampleXcom', 22, edA.blob)).toBe('unknown');
    expect(knownHostsStatus(`web+1.example.com ${edA.line}\n`, 'webb1.example.com', 22, edA.blob)).toBe('unknown');
  });

  it('matches a wildcard inside [host]:port', () => {
    expect(knownHostsStatus(`[*.example.com]:2222 ${edA.line}\n`, 'web.example.com', 2222, edA.blob)).toBe('match');
    expect(knownHostsStatus(`[*.example.com]:2222 ${edA.line}\n`, 'web.example.com', 22, edA.blob)).toBe('unknown');
  });

  it('a negated pattern excludes a host that a wildcard would include', () => {
    const content = `!bad.example.com,*.example.com ${edB.line}\n`;
    expect(knownHostsStatus(content, 'bad.example.com', 22, edA.blob)).toBe('unknown');
    expect(knownHostsStatus(content, 'good.example.com', 22, edA.blob)).toBe('mismatch');
  });

  it('negation wins regardless of its position in the list', () => {
    const content = `*.example.com,!bad.example.com ${edB.line}\n`;
    expect(knownHostsStatus(content, 'bad.example.com', 22, edA.blob)).toBe('unknown');
  });

  it('a negation alone matches nothing', () => {
    expect(knownHostsStatus(`!bad.example.com ${edB.line}\n`, 'good.example.com', 22, edA.blob)).toBe('unknown');
  });
});

describe('knownHostsStatus: mismatch, key types, markers', () => {
  it('reports mismatch when the host has a different key of the same type', () => {
    expect(knownHostsStatus(`example.com ${edB.line}\n`, 'example.com', 22, edA.blob)).toBe('mismatch');
  });

  it('is unknown when the host only has keys of another type', () => {
    expect(knownHostsStatus(`example.com ${ecdsaC.line}\n`, 'example.com', 22, edA.blob)).toBe('unknown');
  });

  it('matches when one of several keys of the same type is the presented one, in any order', () => {
    expect(knownHostsStatus(`example.com ${edB.line}\nexample.com ${edA.line}\n`, 'example.com', 22, edA.blob)).toBe(
      'match',
    );
    expect(knownHostsStatus(`example.com ${edA.line}\nexample.com ${edB.line}\n`, 'example.com', 22, edA.blob)).toBe(
      'match',
    );
  });

  it('is not confused by another host holding the presented key', () => {
    expect(knownHostsStatus(`other.com ${edA.line}\nexample.com ${edB.line}\n`, 'example.com', 22, edA.blob)).toBe(
      'mismatch',
    );
  });

  it('@revoked on the presented key is a mismatch', () => {
    expect(knownHostsStatus(`@revoked example.com ${edA.line}\n`, 'example.com', 22, edA.blob)).toBe('mismatch');
    expect(knownHostsStatus(`@revoked * ${edA.line}\n`, 'anything.example', 22, edA.blob)).toBe('mismatch');
  });

  it('@revoked on the presented key wins over a later matching entry', () => {
    const content = `@revoked example.com ${edA.line}\nexample.com ${edA.line}\n`;
    expect(knownHostsStatus(content, 'example.com', 22, edA.blob)).toBe('mismatch');
  });

  // BUG (see report): OpenSSH checks revocation after looking at every entry, so the order of lines
  // does not matter; here an earlier plain entry returns 'match' before the @revoked line is read.
  it('@revoked on the presented key wins over an earlier matching entry', () => {
    const content = `example.com ${edA.line}\n@revoked example.com ${edA.line}\n`;
    expect(knownHostsStatus(content, 'example.com', 22, edA.blob)).toBe('mismatch');
  });

  it('@revoked on another key does not affect the presented key', () => {
    const content = `@revoked example.com ${edB.line}\nexample.com ${edA.line}\n`;
    expect(knownHostsStatus(content, 'example.com', 22, edA.blob)).toBe('match');
    // ...and does not count as "another key of the same type" either.
    expect(knownHostsStatus(`@revoked example.com ${edB.line}\n`, 'example.com', 22, edA.blob)).toBe('unknown');
  });

  it('ignores @cert-authority lines (neither match nor mismatch)', () => {
    expect(knownHostsStatus(`@cert-authority *.example.com ${edA.line}\n`, 'web.example.com', 22, edA.blob)).toBe(
      'unknown',
    );
    expect(knownHostsStatus(`@cert-authority *.example.com ${edB.line}\n`, 'web.example.com', 22, edA.blob)).toBe(
      'unknown',
    );
  });

  it('skips comments, blank lines, indentation, CRLF and malformed lines', () => {
    const content = [
      '# example.com ' + edB.line,
      '',
      '   ',
      'example.com ssh-ed25519',
      'example.com',
      `   example.com ${edA.line}   `,
    ].join('\r\n');
    expect(knownHostsStatus(content, 'example.com', 22, edA.blob)).toBe('match');
    // The commented-out key of the same type does not cause a mismatch.
    expect(knownHostsStatus(`# example.com ${edB.line}\n\n`, 'example.com', 22, edA.blob)).toBe('unknown');
  });
});
