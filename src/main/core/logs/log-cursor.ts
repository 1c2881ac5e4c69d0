import { stampKey } from './docker-stamp';
import { RotationRepeats } from './rotation-repeats';

/**
 * Where a followed log stopped, so a read after a dropped connection resumes exactly there. Pure
 * (unit-tested in logs-log-cursor.test.ts).
 *
 * Every line is read with Docker's timestamp (RFC 3339, up to nanoseconds). The resumed read asks
 * for `since` = the last timestamp delivered (Docker treats it as inclusive; some API versions round
 * it down to the second), so it may repeat lines: those older than the cursor are skipped, and of the
 * lines carrying the cursor's own timestamp, as many as were already delivered. Docker also repeats
 * lines to a follower when the log file rotates: RotationRepeats drops those.
 */
export class LogCursor {
  /** The last stamp delivered, as Docker wrote it: its key is only worked out when a read resumes. */
  private lastStamp: string | null = null;
  /** Lines delivered that carry `lastStamp` (several lines can share one timestamp). */
  private atLast = 0;
  private skipKey: string | null = null;
  private skipLeft = 0;
  private readonly repeats = new RotationRepeats();

  /** Whether anything was delivered yet. */
  get isEmpty(): boolean {
    return this.lastStamp === null;
  }

  /**
   * Called for every line read, in order, with its Docker timestamp (null when it has none) and its
   * text.
   * Returns true when the line is new (deliver it), false when it was delivered before (a resume or
   * a rotation repeated it). Cheap while nothing is being skipped (a flood passes through here): the
   * stamp's digits are read once, by position, and compared as numbers (see RotationRepeats).
   */
  accept(stamp: string | null, text: string): boolean {
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
    if (this.repeats.isRepeat(stamp, text)) return false;
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
