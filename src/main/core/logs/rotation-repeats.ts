import { nanosOfDay, stampBefore, stampKey } from './docker-stamp';

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
  private newest: string | null = null;
  private newestText = '';
  private repeating = false;

  /** Whether this line (its Docker timestamp and text) repeats one already delivered. Remembers it if not. */
  isRepeat(stamp: string, text: string): boolean {
    const newest = this.newest;
    const behind = newest !== null && stamp !== newest && stampBefore(stamp, newest);
    if (this.repeating) {
      if (behind || stamp === newest) return true;
      this.repeating = false;
    } else if (stamp === newest && text === this.newestText) {
      this.repeating = true;
      return true;
    } else if (behind && (this.remembers(stamp) || farBehind(stamp, newest))) {
      this.repeating = true;
      return true;
    }
    if (!behind) {
      this.newest = stamp;
      this.newestText = text;
    }
    this.recent[this.count % REMEMBERED] = nanosOfDay(stamp);
    this.count += 1;
    return false;
  }

  private remembers(stamp: string): boolean {
    const key = nanosOfDay(stamp);
    return !Number.isNaN(key) && this.recent.includes(key);
  }
}

function farBehind(stamp: string, newest: string): boolean {
  const millis = (key: string | null) => {
    if (key === null) return NaN;
    const [seconds, nanos] = key.split('.') as [string, string];
    return Number(seconds) * 1000 + Number(nanos) / 1e6;
  };
  return millis(stampKey(newest)) - millis(stampKey(stamp)) > SURELY_REPEATED_MS;
}
