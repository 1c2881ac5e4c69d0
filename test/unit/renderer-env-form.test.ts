import { describe, expect, it } from 'vitest';
import type { EnvVarDto } from '../../src/shared/dto/app';
import {
  SECRET_MASK,
  buildEnvVarInput,
  displayEnvValue,
  emptyEnvForm,
  formFromEnvVar,
  scopeLabel,
} from '../../src/renderer/src/lib/env-form';

const plain: EnvVarDto = { key: 'PORT', value: '3000', secret: false, scope: 'runtime', updatedAt: '' };
const secret: EnvVarDto = { key: 'API_KEY', value: null, secret: true, scope: 'both', updatedAt: '' };

describe('renderer env form', () => {
  it('masks secrets until revealed', () => {
    expect(displayEnvValue(plain, undefined)).toEqual({ text: '3000', masked: false });
    expect(displayEnvValue(secret, undefined)).toEqual({ text: SECRET_MASK, masked: true });
    expect(SECRET_MASK).toBe('••••');
    expect(displayEnvValue(secret, 's3cr3t')).toEqual({ text: 's3cr3t', masked: false });
    expect(displayEnvValue(secret, '')).toEqual({ text: '', masked: false });
  });

  it('never puts a secret value into the edit form', () => {
    expect(formFromEnvVar(plain)).toEqual({ key: 'PORT', value: '3000', scope: 'runtime', secret: false });
    expect(formFromEnvVar({ ...secret, value: 'revealed' })).toEqual({
      key: 'API_KEY',
      value: '',
      scope: 'both',
      secret: true,
    });
  });

  it('builds an env.set entry checked by the shared schema', () => {
    expect(buildEnvVarInput({ ...emptyEnvForm(), key: ' DATABASE_URL ', value: 'postgres://x' }, null)).toEqual({
      ok: true,
      input: {
        variable: { key: 'DATABASE_URL', value: 'postgres://x', secret: false, scope: 'both' },
        keepValue: false,
      },
    });
    // an empty value is a legal value for a new variable
    expect(buildEnvVarInput({ ...emptyEnvForm(), key: 'EMPTY' }, null).ok).toBe(true);
  });

  it('rejects bad keys and values with messages', () => {
    const missing = buildEnvVarInput(emptyEnvForm(), null);
    expect(missing.ok ? {} : missing.errors).toEqual({ key: 'Enter the variable name.' });
    const bad = buildEnvVarInput({ ...emptyEnvForm(), key: '1ABC' }, null);
    expect(bad.ok ? {} : bad.errors.key).toMatch(/^A variable name is letters, digits and underscores/);
    const injected = buildEnvVarInput({ ...emptyEnvForm(), key: 'A;rm -rf /' }, null);
    expect(injected.ok).toBe(false);
    const nul = buildEnvVarInput({ ...emptyEnvForm(), key: 'A', value: 'x\0y' }, null);
    expect(nul.ok ? {} : nul.errors.value).toMatch(/NUL/);
  });

  it('keeps a stored secret when its edit leaves the value empty', () => {
    const kept = buildEnvVarInput({ ...formFromEnvVar(secret), scope: 'runtime' }, secret);
    expect(kept).toEqual({
      ok: true,
      input: { variable: { key: 'API_KEY', value: '', secret: true, scope: 'runtime' }, keepValue: true },
    });
    const replaced = buildEnvVarInput({ ...formFromEnvVar(secret), value: 'new' }, secret);
    expect(replaced.ok && replaced.input.keepValue).toBe(false);
  });

  it('names scopes', () => {
    expect(scopeLabel('both')).toBe('Build and runtime');
    expect(scopeLabel('build')).toBe('Build only');
    expect(scopeLabel('runtime')).toBe('Runtime only');
  });
});
