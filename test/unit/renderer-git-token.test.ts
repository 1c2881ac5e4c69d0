import { describe, expect, it } from 'vitest';
import { setGitTokenInputSchema } from '../../src/shared/schemas/app';
import { gitTokenError } from '../../src/renderer/src/lib/git-token';

describe('renderer git access token validation', () => {
  it('asks for a token when empty', () => {
    expect(gitTokenError('')).toMatch(/enter/i);
  });

  it('rejects spaces and line breaks', () => {
    expect(gitTokenError('abc def')).toMatch(/spaces/);
    expect(gitTokenError('abc\n')).toMatch(/spaces/);
    expect(gitTokenError(' abc')).toMatch(/spaces/);
  });

  it('rejects an over-long token', () => {
    expect(gitTokenError('x'.repeat(4097))).not.toBeNull();
  });

  it('accepts a typical token and agrees with the API schema', () => {
    const samples = ['github_pat_11ABCDEFG0123456789_abcdef', 'ghp_abc123', '', 'a b', 'x'.repeat(4096)];
    for (const token of samples) {
      const valid = setGitTokenInputSchema.safeParse({ appId: 'app_1', token }).success;
      expect(gitTokenError(token) === null).toBe(valid);
    }
  });
});
