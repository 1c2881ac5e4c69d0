import { describe, expect, it } from 'vitest';
import {
  containerLogText,
  FrameQueue,
  lineCountLabel,
  logFileName,
  splitForWrite,
} from '../../src/renderer/src/lib/log-writer';

describe('containerLogText', () => {
  it('keeps ANSI colours, paints stderr red and system lines cyan, dims timestamps when shown', () => {
    const text = containerLogText(
      [
        { stream: 'stdout', text: '\x1b[32mok\x1b[0m', at: '2024-05-01T10:00:00.1Z' },
        { stream: 'stderr', text: 'boom' },
        { stream: 'stderr', text: '\x1b[33mwarn\x1b[0m' },
        { stream: 'system', text: '— gap —' },
      ],
      true,
    );
    expect(text).toBe(
      '\x1b[2m2024-05-01T10:00:00.1Z\x1b[0m \x1b[32mok\x1b[0m\r\n' +
        '\x1b[31mboom\x1b[0m\r\n' +
        '\x1b[31m▍\x1b[0m\x1b[33mwarn\x1b[0m\x1b[0m\r\n' +
        '\x1b[36m— gap —\x1b[0m\r\n',
    );
    expect(containerLogText([{ stream: 'stdout', text: 'a', at: 'T' }], false)).toBe('a\r\n');
  });
});

describe('FrameQueue', () => {
  it('hands everything queued over, batch by batch (one terminal write each)', () => {
    const queue = new FrameQueue(100);
    queue.push('a\r\n', 1);
    queue.push('b\r\nc\r\n', 2);
    expect(queue.takePieces()).toEqual({ pieces: ['a\r\n', 'b\r\nc\r\n'], lines: 3 });
    expect(queue.takePieces()).toBeNull();
  });

  it('keeps at most the scrollback cap (whole batches, never the newest) and counts what it skipped', () => {
    const queue = new FrameQueue(4);
    for (let i = 0; i < 5; i++) queue.push(`${i}a\r\n${i}b\r\n`, 2);
    expect(queue.lines).toBe(4);
    expect(queue.dropped).toBe(6);
    expect(queue.takePieces()?.pieces.join('')).toBe('3a\r\n3b\r\n4a\r\n4b\r\n');
    queue.push('x'.repeat(10), 10);
    expect(queue.lines).toBe(10); // one batch bigger than the cap stays whole
    queue.setMaxLines(2);
    expect(queue.lines).toBe(10);
  });
});

describe('logFileName and lineCountLabel', () => {
  it('names the saved file after the app and the local time', () => {
    expect(logFileName('shop/web', new Date(2024, 4, 1, 9, 5, 7))).toBe('shop-web-2024-05-01T09-05-07.log');
    expect(logFileName('', new Date(2024, 0, 2, 3, 4, 5))).toBe('log-2024-01-02T03-04-05.log');
  });

  it('counts lines, and says what the cap made it skip', () => {
    expect(lineCountLabel(0, 0)).toBe('No output yet');
    expect(lineCountLabel(1, 0)).toBe('1 line');
    expect(lineCountLabel(12, 3)).toBe('12 lines (3 skipped while paused, over the scrollback cap)');
  });
});

describe('splitForWrite', () => {
  it('cuts a big write at line ends into pieces of about the limit, losing nothing', () => {
    const text = Array.from({ length: 1_000 }, (_, i) => `line ${i}\r\n`).join('');
    const pieces = splitForWrite(text, 500);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.endsWith('\n')).toBe(true);
      expect(piece.length).toBeLessThan(500 + 20);
    }
    expect(splitForWrite('short\r\n', 500)).toEqual(['short\r\n']);
  });
});
