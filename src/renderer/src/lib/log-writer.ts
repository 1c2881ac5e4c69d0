import type { ContainerLogLineDto } from '../../../shared/dto/app';

/** Container log lines as terminal text, and the queue that feeds the terminal once per frame. Pure (unit-tested in renderer-log-writer.test.ts). */

const CYAN = '\x1b[36m';
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
/** While following, at most this many lines wait for the terminal (a few MB): more are skipped. */
export const FOLLOW_CAP_LINES = 200_000;

/**
 * A batch of container log lines as one piece of terminal output: our own system lines cyan, stderr
 * red (a stderr line with colours of its own keeps them, behind a red bar), the container's own ANSI
 * colours kept, Docker's timestamp dimmed in front when asked for.
 */
export function containerLogText(lines: readonly ContainerLogLineDto[], timestamps: boolean): string {
  let text = '';
  for (const line of lines) {
    if (timestamps && line.at) text += `${DIM}${line.at}${RESET} `;
    if (line.stream === 'system') text += `${CYAN}${line.text}${RESET}\r\n`;
    else if (line.stream === 'stderr')
      text += line.text.includes('\x1b[')
        ? `${RED}▍${RESET}${line.text}${RESET}\r\n`
        : `${RED}${line.text}${RESET}\r\n`;
    else text += `${line.text}\r\n`;
  }
  return text;
}

/** One line of our own (cyan) in a log: a stream that ended, an error. */
export function systemText(text: string): string {
  return `${CYAN}${text}${RESET}\r\n`;
}

/**
 * Output waiting for the next animation frame: every frame takes all of it (a write per batch). Bounded by
 * the scrollback cap while the terminal is paused: only the newest `maxLines` are kept, since older
 * ones would have scrolled out of the terminal anyway; `dropped` counts what was skipped. While it
 * follows, a flood the terminal is behind on is kept whole (every line is written), up to a hard
 * cap of `FOLLOW_CAP_LINES`.
 */
export class FrameQueue {
  private chunks: { text: string; lines: number }[] = [];
  private lineCount = 0;
  private following = false;
  dropped = 0;

  constructor(private maxLines: number) {}

  /** Following: keep what the terminal is behind on (up to the hard cap) instead of the scrollback cap. */
  setFollowing(following: boolean): void {
    this.following = following;
    this.trim();
  }

  get lines(): number {
    return this.lineCount;
  }

  setMaxLines(maxLines: number): void {
    this.maxLines = maxLines;
    this.trim();
  }

  push(text: string, lines: number): void {
    if (text.length === 0) return;
    this.chunks.push({ text, lines });
    this.lineCount += lines;
    this.trim();
  }

  /**
   * Everything queued, in the pieces it came in (a batch each), or null when empty. Written to xterm
   * as separate writes, they let xterm parse a flood in time slices instead of one long task.
   */
  takePieces(): { pieces: string[]; lines: number } | null {
    if (this.chunks.length === 0) return null;
    const taken = { pieces: this.chunks.map((chunk) => chunk.text), lines: this.lineCount };
    this.chunks = [];
    this.lineCount = 0;
    return taken;
  }

  clear(): void {
    this.chunks = [];
    this.lineCount = 0;
  }

  private trim(): void {
    // whole chunks only (a batch is at most a few thousand lines), never the newest one
    const max = this.following ? Math.max(this.maxLines, FOLLOW_CAP_LINES) : this.maxLines;
    while (this.chunks.length > 1 && this.lineCount - this.chunks[0]!.lines >= max) {
      const oldest = this.chunks.shift()!;
      this.lineCount -= oldest.lines;
      this.dropped += oldest.lines;
    }
  }
}

/**
 * xterm parses its write queue in time slices, but one write at a time: a big write is one long task.
 * Writes are cut at line ends into pieces of about `maxChars` (8 KiB measured best: smaller pieces
 * cost throughput; the first flood's long tasks came from xterm's scrollbar instead, see
 * xterm-scrollbar-sync.ts).
 */
export function splitForWrite(text: string, maxChars = 8_192): string[] {
  if (text.length <= maxChars) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    if (text.length - start <= maxChars) {
      pieces.push(text.slice(start));
      break;
    }
    const lineEnd = text.indexOf('\n', start + maxChars);
    const end = lineEnd === -1 ? text.length : lineEnd + 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** `shop-web-2024-05-01T10-00-07.log`: what Save names the file. */
export function logFileName(base: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  const safe = base.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'log';
  return `${safe}-${date}T${time}.log`;
}

/** The count under the terminal: `1234 lines`, plus what the scrollback cap made it skip. */
export function lineCountLabel(written: number, dropped: number): string {
  if (written === 0 && dropped === 0) return 'No output yet';
  const base = `${written} ${written === 1 ? 'line' : 'lines'}`;
  return dropped > 0 ? `${base} (${dropped} skipped while paused, over the scrollback cap)` : base;
}
