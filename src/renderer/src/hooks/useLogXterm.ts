import { SearchAddon } from '@xterm/addon-search';
import { Terminal, type ITheme } from '@xterm/xterm';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { FrameQueue, lineCountLabel, splitForWrite } from '../lib/log-writer';
import { syncScrollbarOncePerFrame } from '../lib/xterm-scrollbar-sync';

const FONT_FAMILY = "ui-monospace, 'SF Mono', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, monospace";
const FONT_SIZE = 12.5;
const HIDE_CURSOR = '\x1b[?25l';
/** How long after the user's own input (wheel, key, pointer) a scroll away from the bottom counts as theirs. */
const USER_SCROLL_MS = 1_000;
const USER_SCROLL_EVENTS = ['keydown', 'pointerdown', 'touchmove'] as const;
/**
 * The shortest time between two terminal writes: a line that comes after a quiet moment is shown at
 * the next frame, but a flood is written (and repainted) about 30 times a second instead of 60. (60 ms,
 * about 16 a second, measured worse: fewer lines per second and main-thread tasks over 100 ms.)
 */
const FLOOD_WRITE_INTERVAL_MS = 30;
/** Without line wrap the terminal is this wide and scrolls sideways. */
const NO_WRAP_COLS = 400;

export const TERMINAL_THEMES: Record<'light' | 'dark', ITheme> = {
  light: {
    background: '#fbfbfc',
    foreground: '#1c1f24',
    cursor: '#fbfbfc',
    selectionBackground: '#bcd0f5',
    black: '#1c1f24',
    red: '#c62828',
    green: '#1f7a45',
    yellow: '#8a5a00',
    blue: '#2f63d6',
    magenta: '#8e3fb0',
    cyan: '#0b6e7d',
    white: '#5c6470',
    brightBlack: '#5c6470',
  },
  dark: {
    background: '#111317',
    foreground: '#d8dde3',
    cursor: '#111317',
    selectionBackground: '#33486e',
    red: '#ff6b6b',
    green: '#4cc27e',
    yellow: '#e0a341',
    blue: '#7aa2ff',
    cyan: '#5fc4d4',
    brightBlack: '#8a929e',
  },
};

/** follow: new output scrolls into view; scrolled: the user scrolled up; paused: the Pause button. */
export type FollowMode = 'follow' | 'scrolled' | 'paused';

export interface LogXterm {
  terminal: Terminal | null;
  search: SearchAddon | null;
  mode: FollowMode;
  /** Queues output for the next animation frame (one terminal write per frame). */
  write(text: string, lines: number): void;
  /** Empties the terminal and the queue; the line count starts again. */
  reset(): void;
  setPaused(paused: boolean): void;
  /** The scrollback as plain text (wrapped rows joined), or the selection. */
  text(selectionOnly: boolean): string;
}

/** The size of one character cell in the terminal's font, measured once. */
function measureCell(host: HTMLElement): { width: number; height: number } {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font-family:${FONT_FAMILY};font-size:${FONT_SIZE}px;line-height:normal`;
  probe.textContent = 'W'.repeat(40);
  host.appendChild(probe);
  const rect = probe.getBoundingClientRect();
  probe.remove();
  return { width: rect.width / 40 || 7.5, height: rect.height || 15 };
}

/**
 * A read-only xterm for logs in `host`: output is queued and written once per animation frame (the
 * queue bounded by the scrollback cap), follows the bottom until the user scrolls up or pauses,
 * resumes at the bottom. `counter` shows how many lines went into the terminal, updated per frame.
 */
export function useLogXterm(
  hostRef: RefObject<HTMLDivElement | null>,
  counterRef: RefObject<HTMLElement | null>,
  options: { scrollback: number; wrap: boolean; scheme: 'light' | 'dark' },
): LogXterm {
  const [terminal, setTerminal] = useState<Terminal | null>(null);
  const [search, setSearch] = useState<SearchAddon | null>(null);
  const [mode, setModeState] = useState<FollowMode>('follow');
  const modeRef = useRef<FollowMode>('follow');
  const [initialQueue] = useState(() => {
    const made = new FrameQueue(options.scrollback);
    made.setFollowing(true);
    return made;
  });
  const queue = useRef(initialQueue);
  const written = useRef(0);
  const frame = useRef<number | null>(null);
  const floodTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const writing = useRef(false);
  const lastWriteAt = useRef(-Infinity);
  const wrapRef = useRef(options.wrap);
  const fitRef = useRef<() => void>(() => {});

  const setMode = useCallback((next: FollowMode) => {
    modeRef.current = next;
    queue.current.setFollowing(next === 'follow');
    setModeState(next);
  }, []);

  const showCount = useCallback(() => {
    if (counterRef.current) counterRef.current.textContent = lineCountLabel(written.current, queue.current.dropped);
  }, [counterRef]);

  // one write per frame, and none while the previous one is still being parsed
  const scheduleRef = useRef<() => void>(() => {});
  const schedule = useCallback(() => {
    if (frame.current !== null || floodTimer.current !== null || !terminal) return;
    frame.current = requestAnimationFrame((now) => {
      frame.current = null;
      if (modeRef.current !== 'follow') return void showCount();
      // the write being parsed schedules the next one when it is done
      if (writing.current) return;
      // under a flood, a write (and so a repaint) at most every FLOOD_WRITE_INTERVAL_MS: the repaints
      // cost as much as the lines. Waited out with a timer, not a frame per vsync (each frame would
      // repaint the line counter for nothing)
      const wait = FLOOD_WRITE_INTERVAL_MS - (now - lastWriteAt.current);
      if (wait > 0) {
        floodTimer.current = setTimeout(() => {
          floodTimer.current = null;
          scheduleRef.current();
        }, wait);
        return;
      }
      const next = queue.current.takePieces();
      if (next) {
        lastWriteAt.current = now;
        writing.current = true;
        written.current += next.lines;
        // one write per batch: xterm parses between writes in time slices, so a backlog never
        // becomes one long main-thread task
        const pieces = next.pieces.flatMap((piece) => splitForWrite(piece));
        const last = pieces.length - 1;
        pieces.forEach((piece, index) =>
          terminal.write(
            piece,
            index === last
              ? () => {
                  writing.current = false;
                  if (queue.current.lines > 0) scheduleRef.current();
                }
              : undefined,
          ),
        );
      }
      showCount();
    });
  }, [terminal, showCount]);
  useEffect(() => {
    scheduleRef.current = schedule;
  }, [schedule]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      disableStdin: true,
      convertEol: true,
      scrollback: options.scrollback,
      fontFamily: FONT_FAMILY,
      fontSize: FONT_SIZE,
      cursorInactiveStyle: 'none',
      cursorStyle: 'bar',
      allowProposedApi: true,
      theme: TERMINAL_THEMES[options.scheme],
    });
    const searchAddon = new SearchAddon();
    term.loadAddon(searchAddon);
    term.open(host);
    const stopScrollbarSync = syncScrollbarOncePerFrame(term);
    // a log is read, not typed into: Tab moves the focus on (xterm would otherwise keep it)
    term.attachCustomKeyEventHandler((event) => event.key !== 'Tab');
    term.write(HIDE_CURSOR);
    const cell = measureCell(host);
    const fit = () => {
      const fitting = Math.max(20, Math.floor((host.clientWidth - 8) / cell.width));
      const cols = wrapRef.current ? fitting : Math.max(fitting, NO_WRAP_COLS);
      const rows = Math.max(5, Math.floor((host.clientHeight - 8) / cell.height));
      if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
    };
    fitRef.current = fit;
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(host);
    // scrolling up stops following; coming back to the bottom resumes it (not after Pause). Only the
    // user scrolls up: under a flood xterm's viewport can report a stale scroll position (its DOM
    // scroll event lands after more lines came in), which must not stop following
    let userInputAt = -Infinity;
    const sync = () => {
      const buffer = term.buffer.active;
      const atBottom = buffer.viewportY >= buffer.baseY;
      if (!atBottom && modeRef.current === 'follow') {
        if (performance.now() - userInputAt < USER_SCROLL_MS) setMode('scrolled');
        else term.scrollToBottom();
      } else if (atBottom && modeRef.current === 'scrolled') setMode('follow');
    };
    const onScroll = term.onScroll(sync);
    const onInput = () => {
      userInputAt = performance.now();
    };
    const onWheel = () => (onInput(), requestAnimationFrame(sync));
    host.addEventListener('wheel', onWheel, { passive: true });
    for (const type of USER_SCROLL_EVENTS) host.addEventListener(type, onInput, { passive: true, capture: true });
    setTerminal(term);
    setSearch(searchAddon);
    return () => {
      observer.disconnect();
      onScroll.dispose();
      host.removeEventListener('wheel', onWheel);
      for (const type of USER_SCROLL_EVENTS) host.removeEventListener(type, onInput, { capture: true });
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
      if (floodTimer.current !== null) clearTimeout(floodTimer.current);
      floodTimer.current = null;
      writing.current = false;
      setTerminal(null);
      setSearch(null);
      stopScrollbarSync?.();
      term.dispose();
    };
    // the terminal is made once; options are applied by the effects below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hostRef, setMode]);

  useEffect(() => {
    if (terminal) Object.assign(terminal.options, { theme: TERMINAL_THEMES[options.scheme] });
  }, [terminal, options.scheme]);

  useEffect(() => {
    queue.current.setMaxLines(options.scrollback);
    if (terminal) Object.assign(terminal.options, { scrollback: options.scrollback });
  }, [terminal, options.scrollback]);

  useEffect(() => {
    wrapRef.current = options.wrap;
    fitRef.current();
  }, [terminal, options.wrap]);

  // the mode changed back to follow: write what waited, and show the bottom
  useEffect(() => {
    if (mode !== 'follow' || !terminal) return;
    terminal.scrollToBottom();
    schedule();
  }, [mode, terminal, schedule]);

  const write = useCallback(
    (text: string, lines: number) => {
      queue.current.push(text, lines);
      schedule();
    },
    [schedule],
  );

  const reset = useCallback(() => {
    queue.current.clear();
    queue.current.dropped = 0;
    written.current = 0;
    if (terminal) {
      terminal.reset();
      terminal.write(HIDE_CURSOR);
    }
    showCount();
  }, [terminal, showCount]);

  const setPaused = useCallback(
    (paused: boolean) => {
      setMode(paused ? 'paused' : 'follow');
    },
    [setMode],
  );

  const text = useCallback(
    (selectionOnly: boolean) => {
      if (!terminal) return '';
      if (selectionOnly) return terminal.getSelection();
      const buffer = terminal.buffer.active;
      const rows: string[] = [];
      for (let index = 0; index < buffer.length; index++) {
        const line = buffer.getLine(index);
        if (!line) continue;
        const content = line.translateToString(true);
        if (line.isWrapped && rows.length > 0) rows[rows.length - 1] += content;
        else rows.push(content);
      }
      while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
      return rows.join('\n');
    },
    [terminal],
  );

  return { terminal, search, mode, write, reset, setPaused, text };
}
