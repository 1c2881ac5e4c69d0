import { stampBefore, stampKey } from './docker-stamp';

/** Stamps of the last lines delivered that a repeat is checked against. */
const REMEMBERED = 4096;
/**
 * A line stamped this much before the newest one delivered is a repeat even when no longer
 * remembered. Docker stamps stdout and stderr apart, so a line that is merely out of order is
 * behind by microseconds, not by a tenth of a second.
 */
const SURELY_REPEATED_MS = 100;

/**
 * Drops the lines Docker sends a follower twice when the log file rotates. Docker 20.10 (json-file
 * and local drivers alike) re-sends everything the new file holds, in order, the next time the
 * follower catches up: measured, a block of 56 to 408,496 lines, starting anywhere from a few
 * lines to the whole file back. Pure (unit-tested in logs-rotation-repeats.test.ts).
 *
 * A repeat starts with a line stamped before the newest one delivered that is either remembered
 * (the last few thousand lines) or far behind; from there every line up to the newest stamp is
 * dropped. A line only slightly out of order and never delivered goes through.
 */
export class RotationRepeats {
  /** A ring of the last stamps delivered; searched only for a line that arrives out of order. */
  private readonly recent: string[] = new Array<string>(REMEMBERED);
  private count = 0;
  private newest: string | null = null;
  private repeating = false;

  /** Whether this line (its Docker timestamp) repeats one already delivered. Remembers it if not. */
  isRepeat(stamp: string): boolean {
    const behind = this.newest !== null && stamp !== this.newest && stampBefore(stamp, this.newest);
    if (this.repeating) {
      if (behind || stamp === this.newest) return true;
      this.repeating = false;
    } else if (behind && (this.remembers(stamp) || farBehind(stamp, this.newest!))) {
      this.repeating = true;
      return true;
    }
    if (!behind) this.newest = stamp;
    this.recent[this.count % REMEMBERED] = stamp;
    this.count += 1;
    return false;
  }

  private remembers(stamp: string): boolean {
    return this.recent.includes(stamp);
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
