import { nanosOfDay, utcDay } from './docker-stamp';

/**
 * How many of the last lines delivered a repeat is checked against: more than a flood of 300,000
 * lines a second prints in SURELY_REPEATED_MS, so between the two rules no repeat goes unseen.
 */
const REMEMBERED = 32_768;
/**
 * A line stamped this much before the newest one delivered is a repeat even when no longer
 * remembered. Docker stamps stdout and stderr apart, so a line that is merely out of order is
 * behind by microseconds, not by a tenth of a second.
 */
const SURELY_REPEATED_MS = 100;

/**
 * Drops the lines Docker sends a follower twice when the log file rotates. Docker 20.10 (json-file
 * and local drivers alike) re-sends everything the new file holds, in order, the next time the
 * follower catches up: measured, a block of 1 to 408,496 lines, starting anywhere from the newest
 * line to the whole file back. Pure (unit-tested in logs-rotation-repeats.test.ts).
 *
 * A repeat starts with the newest line delivered sent again (same stamp, same text), or with a line
 * stamped before it that is either remembered or far behind; from there every line up to the newest
 * stamp is dropped. A line only slightly out of order and never delivered goes through, and so do
 * the parts of a long line Docker split (they share a stamp, not a text).
 */
export class RotationRepeats {
  /** The last stamps delivered, as nanoseconds of their day: numbers, so no line is kept alive. */
  private readonly recent = new Float64Array(REMEMBERED).fill(-1);
  private count = 0;
  /** The newest line delivered: its stamp as two numbers (see utcDay, nanosOfDay) and its text. */
  private newestDay = Number.NEGATIVE_INFINITY;
  private newestNanos = 0;
  private newestText = '';
  private repeating = false;

  /**
   * Whether this line (its Docker timestamp and text) repeats one already delivered. Remembers it if
   * not. Every line of a flood passes through here: the stamp is read into numbers once, and the
   * comparisons are of numbers. A stamp not in Docker's UTC form cannot be compared: never a repeat.
   */
  isRepeat(stamp: string, text: string): boolean {
    const nanos = nanosOfDay(stamp);
    if (Number.isNaN(nanos)) return false;
    const day = utcDay(stamp);
    // below 0: older than the newest line delivered; 0: the same instant; above 0: newer
    const order = day === this.newestDay ? nanos - this.newestNanos : day - this.newestDay;
    if (this.repeating) {
      if (order <= 0) return true;
      this.repeating = false;
    } else if (order === 0 && text === this.newestText) {
      this.repeating = true;
      return true;
    } else if (order < 0 && (this.recent.includes(nanos) || this.farBehind(day, nanos))) {
      this.repeating = true;
      return true;
    }
    if (order >= 0) {
      this.newestDay = day;
      this.newestNanos = nanos;
      this.newestText = text;
    }
    this.recent[this.count % REMEMBERED] = nanos;
    this.count += 1;
    return false;
  }

  /** Whether a line older than the newest is older by more than SURELY_REPEATED_MS. */
  private farBehind(day: number, nanos: number): boolean {
    const days = day === this.newestDay ? 0 : dayNumber(this.newestDay) - dayNumber(day);
    return days * NANOS_PER_DAY + this.newestNanos - nanos > SURELY_REPEATED_MS * 1e6;
  }
}

const NANOS_PER_DAY = 86_400 * 1e9;

/** yyyymmdd (see utcDay) as days since 1970: two days' difference, for the rare line behind across midnight. */
function dayNumber(yyyymmdd: number): number {
  return Date.UTC(Math.floor(yyyymmdd / 10_000), (Math.floor(yyyymmdd / 100) % 100) - 1, yyyymmdd % 100) / 86_400_000;
}
