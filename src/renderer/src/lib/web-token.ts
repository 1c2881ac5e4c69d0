/**
 * The web shell's access token: read once from `?token=` in the address, kept in sessionStorage so
 * reloads still work, and removed from the visible address. Pure (no DOM globals) so it is unit-tested.
 */

export const TOKEN_STORAGE_KEY = 'mist.webToken';

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface TokenResolution {
  token: string | null;
  /** The address without the token, when it had one (for history.replaceState). */
  cleanedUrl: string | null;
}

export function resolveToken(href: string, storage: TokenStorage): TokenResolution {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    const cleanedUrl = url.pathname + (url.search === '?' ? '' : url.search) + url.hash;
    if (fromUrl.length > 0) {
      storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
      return { token: fromUrl, cleanedUrl };
    }
    return { token: storage.getItem(TOKEN_STORAGE_KEY), cleanedUrl };
  }
  return { token: storage.getItem(TOKEN_STORAGE_KEY), cleanedUrl: null };
}

/** `ws://host:port/api?token=…` on the page's own origin. */
export function apiSocketUrl(pageHref: string, token: string | null): string {
  const page = new URL(pageHref);
  const url = new URL('/api', page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
