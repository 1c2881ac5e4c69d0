import { describe, expect, it } from 'vitest';
import { frameDemuxer } from '../../src/main/core/logs/container-logs';

/** One frame of Docker's multiplexed stream: stream type, 3 zero bytes, big-endian size, payload. */
function frame(kind: 0 | 1 | 2, payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function demuxed(chunks: Buffer[]): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const demux = frameDemuxer({ push: (text) => out.push(text) }, { push: (text) => err.push(text) });
  for (const chunk of chunks) demux(chunk);
  return { out, err };
}

describe('frameDemuxer', () => {
  const stream = Buffer.concat([
    frame(1, 'first line\n'),
    frame(2, 'an error: ünïcödé ✓\n'),
    frame(0, 'stdin, never shown\n'),
    frame(1, ''),
    frame(1, 'x'.repeat(70_000)),
    frame(1, 'last line\n'),
  ]);
  const expected = { out: ['first line\n', '', 'x'.repeat(70_000), 'last line\n'], err: ['an error: ünïcödé ✓\n'] };

  it('separates stdout from stderr, drops stdin, and keeps empty and long frames', () => {
    expect(demuxed([stream])).toEqual(expected);
  });

  it('gives the same frames however the stream is cut into chunks (headers and characters split too)', () => {
    for (const size of [1, 3, 7, 8, 9, 13, 4096]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < stream.length; at += size) chunks.push(stream.subarray(at, at + size));
      expect(demuxed(chunks), `chunks of ${size} bytes`).toEqual(expected);
    }
  });

  it('waits for a frame cut off at the end and hands out nothing partial', () => {
    const whole = frame(1, 'complete\n');
    expect(demuxed([whole.subarray(0, whole.length - 1)])).toEqual({ out: [], err: [] });
  });
});
