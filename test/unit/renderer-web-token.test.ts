import { describe, expect, it } from 'vitest';
import { apiSocketUrl, resolveToken, TOKEN_STORAGE_KEY, type TokenStorage } from '../../src/renderer/src/lib/web-token';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('renderer web-shell token', () => {
  it('takes the token from the address, stores it and strips it from the visible URL', () => {
    const storage = memoryStorage();
    const result = resolveToken('http://127.0.0.1:4000/?token=abc123#/servers/x', storage);
    expect(result).toEqual({ token: 'abc123', cleanedUrl: '/#/servers/x' });
    expect(storage.data[TOKEN_STORAGE_KEY]).toBe('abc123');
  });

  it('keeps other query parameters', () => {
    const result = resolveToken('http://127.0.0.1:4000/?a=1&token=t&b=2', memoryStorage());
    expect(result.cleanedUrl).toBe('/?a=1&b=2');
  });

  it('falls back to the stored token after a reload', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'stored' });
    expect(resolveToken('http://127.0.0.1:4000/', storage)).toEqual({ token: 'stored', cleanedUrl: null });
  });

  it('has no token when neither the address nor the storage has one', () => {
    expect(resolveToken('http://127.0.0.1:4000/', memoryStorage())).toEqual({ token: null, cleanedUrl: null });
  });

  it('builds the socket URL on the same origin', () => {
    expect(apiSocketUrl('http://127.0.0.1:4000/#/x', 'a b')).toBe('ws://127.0.0.1:4000/api?token=a+b');
    expect(apiSocketUrl('https://localhost:8443/', null)).toBe('wss://localhost:8443/api');
  });
});
