/** What a redacted secret looks like in any log or message we store or show. */
export const REDACTED = '••••••';

/**
 * Replaces every occurrence of a secret value in text. Longest values first, so a secret that
 * contains another is hidden whole. Values shorter than 3 characters are not hunted for (they would
 * blank out ordinary words), so secrets that short are refused when set.
 */
export function createRedactor(secretValues: readonly string[]): (text: string) => string {
  const values = [...new Set(secretValues)].filter((value) => value.length >= 3).sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const value of values) result = result.split(value).join(REDACTED);
    return result;
  };
}
