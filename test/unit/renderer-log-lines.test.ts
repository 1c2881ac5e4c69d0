import { describe, expect, it } from 'vitest';
import type { LogLineDto } from '../../src/shared/dto/app';
import { mergeLogLines, terminalText } from '../../src/renderer/src/lib/log-lines';

const line = (seq: number, text = `line ${seq}`, stream: LogLineDto['stream'] = 'stdout'): LogLineDto => ({
  seq,
  stream,
  text,
  at: '2025-03-01T10:00:00Z',
});

describe('renderer log lines', () => {
  it('appends new lines in order', () => {
    const current = [line(1), line(2)];
    expect(mergeLogLines(current, [line(3), line(4)]).map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(mergeLogLines([], [line(1)]).map((l) => l.seq)).toEqual([1]);
  });

  it('returns the same array when nothing is new (no re-render, no rewrite)', () => {
    const current = [line(1), line(2)];
    expect(mergeLogLines(current, [])).toBe(current);
    expect(mergeLogLines(current, [line(2), line(1)])).toBe(current);
  });

  it('drops replayed lines and sorts lines that arrive out of order', () => {
    // the stream replays stored lines, then the stored log (fetched in parallel) lands
    const streamed = [line(1), line(2), line(3), line(4)];
    expect(mergeLogLines(streamed, [line(1), line(2), line(3)])).toBe(streamed);
    const early = [line(5), line(6)];
    expect(mergeLogLines(early, [line(1), line(2), line(3), line(4), line(5)]).map((l) => l.seq)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it('writes lines for a terminal: CRLF, system lines coloured, errors red', () => {
    expect(terminalText(line(1, 'Step 1/4 : FROM busybox'))).toBe('Step 1/4 : FROM busybox\r\n');
    expect(terminalText(line(1, 'a\nb'))).toBe('a\r\nb\r\n');
    expect(terminalText(line(1, 'Resolving main', 'system'))).toBe('\x1b[36mResolving main\x1b[0m\r\n');
    expect(terminalText(line(1, 'ERROR: failed to solve', 'stderr'))).toBe('\x1b[31mERROR: failed to solve\x1b[0m\r\n');
    // build progress on stderr is not an error, and lines with their own colours keep them
    expect(terminalText(line(1, '#5 [2/4] RUN mkdir', 'stderr'))).toBe('#5 [2/4] RUN mkdir\r\n');
    expect(terminalText(line(1, '\x1b[33merror\x1b[0m', 'stderr'))).toBe('\x1b[33merror\x1b[0m\r\n');
  });
});
