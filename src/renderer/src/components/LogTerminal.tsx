import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { LogLineDto } from '../../../shared/dto/app';
import { useColorScheme } from '../hooks/useColorScheme';
import { terminalText } from '../lib/log-lines';

const FONT_FAMILY = "ui-monospace, 'SF Mono', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, monospace";
const FONT_SIZE = 12.5;
const HIDE_CURSOR = '\x1b[?25l';

const THEMES: Record<'light' | 'dark', ITheme> = {
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
 * A read-only terminal that shows log lines as they come: give it the lines so far and it appends
 * the new ones (it redraws only if earlier lines changed). Follows the OS light/dark theme.
 */
export function LogTerminal({ lines, label }: { lines: readonly LogLineDto[]; label: string }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal | null>(null);
  const [ready, setReady] = useState(false);
  const written = useRef<{ count: number; lastSeq: number | null }>({ count: 0, lastSeq: null });
  const scheme = useColorScheme();
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      disableStdin: true,
      convertEol: true,
      scrollback: 50_000,
      fontFamily: FONT_FAMILY,
      fontSize: FONT_SIZE,
      cursorInactiveStyle: 'none',
      cursorStyle: 'bar',
      allowProposedApi: false,
    });
    term.open(host);
    term.write(HIDE_CURSOR);
    const cell = measureCell(host);
    const fit = () => {
      const cols = Math.max(20, Math.floor((host.clientWidth - 8) / cell.width));
      const rows = Math.max(5, Math.floor((host.clientHeight - 8) / cell.height));
      if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(host);
    written.current = { count: 0, lastSeq: null };
    terminalRef.current = term;
    // The terminal exists only once mounted: the effects below run again when it does.
    setReady(true);
    return () => {
      observer.disconnect();
      terminalRef.current = null;
      term.dispose();
      setReady(false);
    };
  }, []);

  useEffect(() => {
    if (ready && terminalRef.current) terminalRef.current.options.theme = THEMES[scheme];
  }, [ready, scheme]);

  useEffect(() => {
    const terminal = terminalRef.current;
    if (!ready || !terminal) return;
    const state = written.current;
    const continues =
      state.count <= lines.length && (state.count === 0 || lines[state.count - 1]?.seq === state.lastSeq);
    let from = state.count;
    if (!continues) {
      terminal.reset();
      terminal.write(HIDE_CURSOR);
      from = 0;
    }
    if (from < lines.length) {
      let chunk = '';
      for (let index = from; index < lines.length; index++) chunk += terminalText(lines[index]!);
      terminal.write(chunk);
    }
    written.current = { count: lines.length, lastSeq: lines[lines.length - 1]?.seq ?? null };
  }, [ready, lines]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(lines.map((line) => line.text).join('\n'));
      setCopied('Copied');
    } catch {
      setCopied('Copy failed');
    }
    setTimeout(() => setCopied(null), 2000);
  };

  return (
    <div className="log-terminal" role="region" aria-label={label}>
      <div className="log-toolbar">
        <span className="muted" data-testid="log-line-count">
          {lines.length === 0 ? 'No output yet' : `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`}
        </span>
        <button type="button" className="small" onClick={() => void copy()} disabled={lines.length === 0}>
          {copied ?? 'Copy log'}
        </button>
      </div>
      <div className={`log-terminal-host log-terminal-${scheme}`} ref={hostRef} data-testid="log-terminal" />
    </div>
  );
}
