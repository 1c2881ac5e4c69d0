/**
 * Where a followed log stopped, so a read after a dropped connection resumes exactly there. Pure
 * (unit-tested in logs-log-cursor.test.ts).
 *
 * Every line is read with Docker's timestamp (RFC 3339, up to nanoseconds). The resumed read asks
 * for `since` = the last timestamp delivered (Docker treats it as inclusive; some API versions round
 * it down to the second), so it may repeat lines: those older than the cursor are skipped, and of the
 * lines carrying the cursor's own timestamp, as many as were already delivered.
 */
export class LogCursor {
  /** The last stamp delivered, as Docker wrote it: its key is only worked out when a read resumes. */
  private lastStamp: string | null = null;
  /** Lines delivered that carry `lastStamp` (several lines can share one timestamp). */
  private atLast = 0;
  private skipKey: string | null = null;
  private skipLeft = 0;

  /** Whether anything was delivered yet. */
  get isEmpty(): boolean {
    return this.lastStamp === null;
  }

  /**
   * Called for every line read, in order, with its Docker timestamp (null when it has none).
   * Returns true when the line is new (deliver it), false when it was delivered before the resume.
   * Cheap while nothing is being skipped (a flood passes through here): no parsing, one comparison.
   */
  accept(stamp: string | null): boolean {
    if (stamp === null) return true;
    if (this.skipKey !== null) {
      const key = stampKey(stamp);
      if (key === null) return true;
      if (key < this.skipKey) return false;
      if (key === this.skipKey && this.skipLeft > 0) {
        this.skipLeft -= 1;
        return false;
      }
      this.skipKey = null;
    }
    // Docker writes one instant always the same way (UTC, trailing zeros trimmed)
    if (stamp === this.lastStamp) this.atLast += 1;
    else {
      this.lastStamp = stamp;
      this.atLast = 1;
    }
    return true;
  }

  /**
   * Starts a resumed read: returns Docker's `since` parameter (`seconds.nanoseconds`), or null when
   * nothing was delivered yet. Lines up to the cursor read after this are skipped by `accept`.
   */
  resume(): string | null {
    // an unreadable stamp (never one of Docker's) cannot be resumed from: the read starts over
    const key = this.lastStamp === null ? null : stampKey(this.lastStamp);
    if (key === null) return null;
    this.skipKey = key;
    this.skipLeft = this.atLast;
    return keyToSince(key);
  }
}

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

function keyToSince(key: string): string {
  const [seconds, nanos] = key.split('.') as [string, string];
  return `${Number(seconds)}.${nanos}`;
}

/** `— connection lost at 14:03:07, resumed; lines in between were fetched —` (local time of `at`). */
export function gapText(at: Date): string {
  return `— connection lost at ${clockTime(at)}, resumed; lines in between were fetched —`;
}

/** `10:00:07`, local time: when something happened, in the log's own lines. */
export function clockTime(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
