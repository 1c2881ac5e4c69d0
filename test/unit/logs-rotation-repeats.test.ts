import { describe, expect, it } from 'vitest';
import { LogCursor } from '../../src/main/core/logs/log-cursor';
import { nanosOfDay, utcDay } from '../../src/main/core/logs/docker-stamp';
import { RotationRepeats } from '../../src/main/core/logs/rotation-repeats';

/** Docker's stamp for millisecond `ms` of one second (trailing zeros trimmed, as Docker writes them). */
const at = (ms: number) => `2024-05-01T10:00:07.${String(ms).padStart(3, '0')}123Z`.replace(/\.?0+Z$/, 'Z');
const stamps = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => at(from + i));

/** Lines by their stamp; a line's text is its stamp's unless given (`[stamp, text]`). */
function passed(filter: RotationRepeats, lines: Array<string | [string, string]>): Array<string | [string, string]> {
  return lines.filter((line) => {
    const [stamp, text] = typeof line === 'string' ? [line, `text of ${line}`] : line;
    return !filter.isRepeat(stamp, text);
  });
}

describe('RotationRepeats', () => {
  it('drops the block Docker repeats after a rotation and lets the new lines through', () => {
    const filter = new RotationRepeats();
    // Docker 20.10: 1..100 delivered, then after the rotation 61..100 again, then 101..120
    const arrived = [...stamps(1, 100), ...stamps(61, 100), ...stamps(101, 120)];
    expect(passed(filter, arrived)).toEqual(stamps(1, 120));
  });

  it('handles a repeat at every rotation, also after one that stopped part way', () => {
    const filter = new RotationRepeats();
    const arrived = [...stamps(1, 50), ...stamps(45, 48), ...stamps(51, 80), ...stamps(70, 80), ...stamps(81, 90)];
    expect(passed(filter, arrived)).toEqual(stamps(1, 90));
  });

  it('lets through a line that only arrives out of order (stderr stamped just before stdout)', () => {
    const filter = new RotationRepeats();
    const late = '2024-05-01T10:00:07.0505Z'; // never delivered, older than the newest
    expect(passed(filter, [...stamps(1, 60), late, ...stamps(61, 62)])).toEqual([
      ...stamps(1, 60),
      late,
      ...stamps(61, 62),
    ]);
  });

  it('compares stamps whose trimmed fractions differ in length by their time, not as strings', () => {
    const filter = new RotationRepeats();
    // as strings ".12Z" sorts after ".123Z" ("Z" > "3"), but 0.12 s is earlier
    const arrived = ['2024-05-01T10:00:07.12Z', '2024-05-01T10:00:07.123Z', '2024-05-01T10:00:07.12Z'];
    expect(passed(filter, arrived)).toEqual(arrived.slice(0, 2));
  });

  it('keeps the parts of a split line (one stamp, other texts), and drops them all when the block repeats', () => {
    const filter = new RotationRepeats();
    const part1: [string, string] = [at(5), 'x'.repeat(16384)];
    const part2: [string, string] = [at(5), 'the rest'];
    const arrived = [at(4), part1, part2, at(6), part1, part2, at(6), at(7)];
    expect(passed(filter, arrived)).toEqual([at(4), part1, part2, at(6), at(7)]);
  });

  it('drops the newest line sent again on its own (a repeat one line long)', () => {
    const filter = new RotationRepeats();
    expect(passed(filter, [...stamps(1, 10), at(10), ...stamps(11, 12)])).toEqual(stamps(1, 12));
  });

  it('drops a repeat of the whole file, far back in time and no longer remembered', () => {
    const filter = new RotationRepeats();
    // 6,000 lines, one a millisecond; the new file started at line 1,000 and comes again in full
    const line = (n: number) => new Date(Date.UTC(2024, 4, 1, 10, 0, 0, n)).toISOString().replace(/\.?0+Z$/, 'Z');
    const lines = Array.from({ length: 6000 }, (_, i) => line(i));
    const arrived = [...lines, ...lines.slice(1000), line(6000)];
    expect(passed(filter, arrived)).toEqual([...lines, line(6000)]);
  });

  it('forgets old lines: a line 40,000 lines back and only microseconds behind is no longer recognised', () => {
    const filter = new RotationRepeats();
    const many = Array.from({ length: 40_000 }, (_, i) => `2024-05-01T10:00:07.${String(100000000 + i)}Z`);
    passed(filter, many);
    expect(filter.isRepeat(many[0]!, 'a line never delivered')).toBe(false);
    expect(filter.isRepeat(many[39_998]!, 'text')).toBe(true);
  });
});

describe('RotationRepeats across midnight and with stamps it cannot read', () => {
  it('drops a repeat from before midnight and keeps a line only just out of order across it', () => {
    const filter = new RotationRepeats();
    const beforeMidnight = ['2024-05-31T23:59:59.7Z', '2024-05-31T23:59:59.99995Z'];
    const afterMidnight = ['2024-06-01T00:00:00.00001Z', '2024-06-01T00:00:00.2Z'];
    expect(passed(filter, [beforeMidnight[0]!, ...afterMidnight])).toEqual([beforeMidnight[0], ...afterMidnight]);
    // 50 µs behind the last line but 0.2 s behind the newest: far behind, a repeat
    expect(filter.isRepeat(beforeMidnight[1]!, 'never delivered')).toBe(true);
    const other = new RotationRepeats();
    expect(passed(other, [beforeMidnight[0]!, afterMidnight[0]!, beforeMidnight[1]!])).toEqual([
      beforeMidnight[0],
      afterMidnight[0],
      beforeMidnight[1],
    ]);
  });

  it("lets a stamp not in Docker's UTC form through without touching what it remembers", () => {
    const filter = new RotationRepeats();
    passed(filter, stamps(1, 10));
    expect(filter.isRepeat('2024-05-01T12:00:07.001123+02:00', 'offset')).toBe(false);
    expect(filter.isRepeat(at(10), `text of ${at(10)}`)).toBe(true);
  });
});

describe('utcDay', () => {
  it('reads the day as yyyymmdd, a number that sorts like the date', () => {
    expect(utcDay('2024-05-01T10:00:07.5Z')).toBe(20240501);
    expect(utcDay('1999-12-31T23:59:59Z')).toBeLessThan(utcDay('2000-01-01T00:00:00Z'));
  });
});

describe('nanosOfDay', () => {
  it('reads a Docker stamp to the nanosecond, trimmed fractions included, and refuses anything else', () => {
    expect(nanosOfDay('2024-05-01T10:00:07.123456789Z')).toBe(36_007_123_456_789);
    expect(nanosOfDay('2024-05-01T10:00:07.5Z')).toBe(36_007_500_000_000);
    expect(nanosOfDay('2024-05-01T23:59:59.999999999Z')).toBe(86_399_999_999_999);
    expect(nanosOfDay('2024-05-01T00:00:00Z')).toBe(0);
    expect(nanosOfDay('2024-05-01T12:00:07.5+02:00')).toBeNaN();
    expect(nanosOfDay('not a stamp')).toBeNaN();
  });
});

describe('LogCursor with a rotation repeat', () => {
  it('delivers each line once across a rotation repeat and a later resume', () => {
    const cursor = new LogCursor();
    const first = [...stamps(1, 30), ...stamps(21, 30), ...stamps(31, 40)].filter((s) =>
      cursor.accept(s, `text of ${s}`),
    );
    expect(first).toEqual(stamps(1, 40));
    cursor.resume();
    const second = [...stamps(40, 50)].filter((s) => cursor.accept(s, `text of ${s}`));
    expect(second).toEqual(stamps(41, 50));
  });
});
