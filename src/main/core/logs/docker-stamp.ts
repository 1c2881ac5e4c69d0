/** Docker's log timestamps (RFC 3339, up to nanoseconds, UTC), compared. Pure (logs-log-cursor.test.ts). */
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/**
 * A timestamp as a key that sorts as a string: Unix seconds (12 digits) and nanoseconds (9 digits).
 * Docker trims trailing zeros from the fraction, so the raw strings do not sort; null if unreadable.
 */
export function stampKey(stamp: string): string | null {
  const match = STAMP.exec(stamp);
  if (!match) return null;
  const whole = `${match[1]}${match[3]}`;
  // a fast log has thousands of lines per second: parse each second once
  if (whole !== lastWhole) {
    const millis = Date.parse(whole);
    lastSeconds = Number.isNaN(millis) || millis < 0 ? null : String(Math.floor(millis / 1000)).padStart(12, '0');
    lastWhole = whole;
  }
  return lastSeconds === null ? null : `${lastSeconds}.${(match[2] ?? '').padEnd(9, '0')}`;
}

let lastWhole = '';
let lastSeconds: string | null = null;

/**
 * Whether Docker timestamp `a` is earlier than `b`. Docker writes UTC with trailing zeros trimmed
 * from the fraction, so two stamps of one length compare as strings: the usual case, kept cheap
 * because a flood passes through here.
 */
export function stampBefore(a: string, b: string): boolean {
  if (a.length === b.length) return a < b;
  const keyA = stampKey(a);
  const keyB = stampKey(b);
  return keyA !== null && keyB !== null && keyA < keyB;
}
