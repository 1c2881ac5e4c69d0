/**
 * Docker's log timestamps (RFC 3339, up to nanoseconds, UTC), read into keys and numbers that
 * compare. Pure (logs-log-cursor.test.ts, logs-rotation-repeats.test.ts).
 */
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
 * `2024-05-01T10:00:07.123456789Z` as nanoseconds since its midnight (below 2^53, so exact); NaN
 * for a stamp not in Docker's UTC form. Read from fixed positions, for the same reason.
 */
export function nanosOfDay(stamp: string): number {
  if (!isUtcStamp(stamp)) return Number.NaN;
  const hours = digits2(stamp, 11);
  const minutes = digits2(stamp, 14);
  const seconds = digits2(stamp, 17);
  return (hours * 3600 + minutes * 60 + seconds) * 1e9 + fractionNanos(stamp);
}

/**
 * The day of a stamp in Docker's UTC form as the number yyyymmdd (it sorts like the date); call it
 * only for a stamp nanosOfDay could read. With nanosOfDay, a stamp as numbers that compare quickly.
 */
export function utcDay(stamp: string): number {
  return (digits2(stamp, 0) * 100 + digits2(stamp, 2)) * 10_000 + digits2(stamp, 5) * 100 + digits2(stamp, 8);
}

/** `YYYY-MM-DDTHH:MM:SS[.f…]Z` by its fixed characters (the digits are Docker's to get right). */
function isUtcStamp(stamp: string): boolean {
  return (
    stamp.length >= 20 &&
    stamp.charCodeAt(10) === 84 /* T */ &&
    stamp.charCodeAt(stamp.length - 1) === 90 /* Z */ &&
    (stamp.length === 20 || stamp.charCodeAt(19) === 46) /* . */
  );
}

function digits2(stamp: string, at: number): number {
  return (stamp.charCodeAt(at) - 48) * 10 + stamp.charCodeAt(at + 1) - 48;
}

/** The fraction of a UTC stamp in nanoseconds: `.5Z` is 500,000,000. */
function fractionNanos(stamp: string): number {
  const end = stamp.length - 1;
  if (end <= 20) return 0;
  let digits = 0;
  for (let at = 20; at < end; at++) digits = digits * 10 + stamp.charCodeAt(at) - 48;
  return digits * (DIGIT_SCALE[end - 20] ?? Number.NaN);
}

/** What a fraction of n digits is multiplied by to make nanoseconds (index n). */
const DIGIT_SCALE = [1, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 10, 1];
