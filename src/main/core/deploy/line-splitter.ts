/**
 * Turns a byte stream into lines. A partial line waits for its end (so a secret split across two
 * chunks is still redacted whole); carriage-return progress updates collapse to their last state;
 * a line longer than `maxLine` is cut so one runaway line cannot grow memory.
 */
export class LineSplitter {
  private pending = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = 16_384,
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      this.emit(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > this.maxLine) {
      this.emit(this.pending.slice(0, this.maxLine));
      this.pending = this.pending.slice(this.maxLine);
    }
  }

  /** Emits whatever is left (the stream ended without a final newline). */
  flush(): void {
    if (this.pending.length > 0) this.emit(this.pending);
    this.pending = '';
  }

  private emit(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lastFrame = line.lastIndexOf('\r');
    this.onLine(lastFrame === -1 ? line : line.slice(lastFrame + 1));
  }
}
