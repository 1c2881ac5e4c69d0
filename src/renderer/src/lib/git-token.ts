/**
 * Checks a git access token typed into the Git settings tab, mirroring `setGitTokenInputSchema`.
 * Returns the error to show, or null when the token can be saved. The token itself is never echoed.
 */
export function gitTokenError(token: string): string | null {
  if (token.length === 0) return 'Enter the access token.';
  if (/\s/.test(token)) return 'A token has no spaces or line breaks.';
  if (token.length > 4096) return 'That is too long for an access token.';
  return null;
}
