import { describe, expect, it } from 'vitest';
import { stampKey } from '../../src/main/core/logs/docker-stamp';
import { gapText, LogCursor } from '../../src/main/core/logs/log-cursor';

const at = (fraction: string) => `2024-05-01T10:00:07${fraction}Z`;

/** Feeds stamps through the cursor; returns the ones it lets through. */
let lineNumber = 0;
function deliver(cursor: LogCursor, stamps: string[]): string[] {
  // every line its own text (a line sent again, as after a rotation, would repeat its text too)
  return stamps.filter((stamp) => cursor.accept(stamp, `line ${lineNumber++}`));
}

describe('stampKey', () => {
  it('sorts Docker timestamps whose fractions Docker trimmed of trailing zeros', () => {
    const keys = [at('.1'), at('.05'), at('.123456789'), at(''), '2024-05-01T10:00:06.999999999Z'].map(stampKey);
    expect(keys).toEqual([
      '001714557607.100000000',
      '001714557607.050000000',
      '001714557607.123456789',
      '001714557607.000000000',
      '001714557606.999999999',
    ]);
    expect([...keys].sort()).toEqual([keys[4], keys[3], keys[1], keys[0], keys[2]]);
  });

  it('reads offsets and refuses what is not a timestamp', () => {
    expect(stampKey('2024-05-01T12:00:07.5+02:00')).toBe('001714557607.500000000');
    expect(stampKey('not a time')).toBeNull();
  });
});

describe('LogCursor', () => {
  it('lets every line through until a resume', () => {
    const cursor = new LogCursor();
    expect(cursor.isEmpty).toBe(true);
    expect(deliver(cursor, [at('.1'), at('.2'), at('.2')])).toHaveLength(3);
    expect(cursor.isEmpty).toBe(false);
  });

  it('resumes from the last timestamp (nanosecond `since`) and skips what was delivered', () => {
    const cursor = new LogCursor();
    deliver(cursor, [at('.1'), at('.2'), at('.3')]);
    expect(cursor.resume()).toBe('1714557607.300000000');
    // Docker's since is inclusive: the line at .3 comes again, then the new ones
    expect(deliver(cursor, [at('.3'), at('.4'), at('.5')])).toEqual([at('.4'), at('.5')]);
  });

  it('with a second-granular `since`, skips the older lines of that second too', () => {
    const cursor = new LogCursor();
    deliver(cursor, [at('.1'), at('.2')]);
    cursor.resume();
    expect(deliver(cursor, [at('.0'), at('.1'), at('.2'), at('.25')])).toEqual([at('.25')]);
  });

  it('of lines sharing the cursor timestamp, skips exactly as many as were delivered', () => {
    const cursor = new LogCursor();
    deliver(cursor, [at('.1'), at('.2'), at('.2')]);
    cursor.resume();
    // three lines share .2: two were delivered before the drop, the third is new
    expect(deliver(cursor, [at('.2'), at('.2'), at('.2'), at('.3')])).toEqual([at('.2'), at('.3')]);
    // and a second resume counts the third one too
    cursor.resume();
    expect(deliver(cursor, [at('.2'), at('.2'), at('.2'), at('.3'), at('.4')])).toEqual([at('.4')]);
  });

  it('says nothing to resume from when nothing was delivered, and passes lines without a stamp', () => {
    const cursor = new LogCursor();
    expect(cursor.resume()).toBeNull();
    expect(cursor.accept(null, 'a line without a stamp')).toBe(true);
    expect(cursor.isEmpty).toBe(true);
  });

  it('marks the gap with the local time it broke', () => {
    expect(gapText(new Date(2024, 4, 1, 9, 5, 7))).toBe(
      '— connection lost at 09:05:07, resumed; lines in between were fetched —',
    );
  });
});
