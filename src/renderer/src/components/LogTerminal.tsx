import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { LogLineDto } from '../../../shared/dto/app';
import { useColorScheme } from '../hooks/useColorScheme';
import { SCROLLBACK_CHOICES, useLogSettings } from '../hooks/useLogSettings';
import { useLogXterm } from '../hooks/useLogXterm';
import { terminalText } from '../lib/log-lines';
import { logFileName } from '../lib/log-writer';
import { LogSearchBar } from './LogSearchBar';

/** Where a streamed log writes: terminal text and how many lines it holds. */
export interface LogFeedSink {
  write(text: string, lines: number): void;
}
/** Starts a log (subscribes) and returns how to stop it. */
export type LogFeed = (sink: LogFeedSink) => () => void;

interface LogTerminalProps {
  label: string;
  /** What Save names the file: `{fileBase}-{date}.log`. */
  fileBase: string;
  /** A build log: the lines so far (new ones are appended; the terminal redraws if earlier ones changed). */
  lines?: readonly LogLineDto[];
  /** A streamed log (container logs): started on mount and again, on a cleared terminal, when `feedKey` changes. */
  feed?: LogFeed;
  feedKey?: string;
  /** Controls of the log's own (tail, timestamps, service), shown first in the toolbar. */
  controls?: ReactNode;
}

/**
 * The one terminal for every log (xterm): build logs given as lines, container logs fed by a stream.
 * Writes once per animation frame, keeps at most the scrollback cap, follows the bottom (scrolling up
 * or Pause stops that; the bottom or Follow resumes it); find (Ctrl/Cmd+F), copy, clear, save, wrap.
 */
export function LogTerminal({ label, fileBase, lines, feed, feedKey, controls }: LogTerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const counterRef = useRef<HTMLSpanElement>(null);
  const scheme = useColorScheme();
  const [settings, updateSettings] = useLogSettings();
  const xterm = useLogXterm(hostRef, counterRef, { scrollback: settings.scrollback, wrap: settings.wrap, scheme });
  const { write, reset, terminal } = xterm;
  const [searching, setSearching] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const writtenLines = useRef<{ count: number; lastSeq: number | null }>({ count: 0, lastSeq: null });

  // a build log: append what is new, or start again if the lines before changed
  useEffect(() => {
    if (!lines || !terminal) return;
    const state = writtenLines.current;
    const continues =
      state.count <= lines.length && (state.count === 0 || lines[state.count - 1]?.seq === state.lastSeq);
    let from = state.count;
    if (!continues) {
      reset();
      from = 0;
    }
    if (from < lines.length) {
      let chunk = '';
      for (let index = from; index < lines.length; index++) chunk += terminalText(lines[index]!);
      write(chunk, lines.length - from);
    }
    writtenLines.current = { count: lines.length, lastSeq: lines[lines.length - 1]?.seq ?? null };
  }, [lines, terminal, write, reset]);

  // a streamed log: a fresh terminal for every (re)start
  useEffect(() => {
    if (!feed || !terminal) return;
    reset();
    return feed({ write });
    // feed changes identity on every render; feedKey says when it really changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [feedKey, terminal, write, reset]);

  const flash = (message: string) => {
    setNotice(message);
    setTimeout(() => setNotice(null), 2000);
  };

  const copy = async () => {
    const selected = terminal?.hasSelection() ?? false;
    try {
      await navigator.clipboard.writeText(xterm.text(selected));
      flash(selected ? 'Copied the selection' : 'Copied');
    } catch {
      flash('Copy failed');
    }
  };

  const save = () => {
    const url = URL.createObjectURL(new Blob([xterm.text(false) + '\n'], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = logFileName(fileBase, new Date());
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const clear = () => {
    reset();
    writtenLines.current = { count: lines?.length ?? 0, lastSeq: lines?.[lines.length - 1]?.seq ?? null };
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      event.stopPropagation();
      setSearching(true);
    }
  };

  const following = xterm.mode === 'follow';
  return (
    <div className="log-terminal" role="region" aria-label={label} onKeyDownCapture={onKeyDown}>
      <div className="log-toolbar" role="toolbar" aria-label={`${label} tools`}>
        {controls}
        <button
          type="button"
          className="small"
          aria-pressed={!following}
          data-testid="log-follow"
          onClick={() => xterm.setPaused(following)}
          title={following ? 'Stop scrolling with new lines' : 'Scroll to the newest line and keep following'}
        >
          {following ? 'Pause' : 'Follow'}
        </button>
        <button type="button" className="small" onClick={() => setSearching(true)} title="Find (Ctrl/Cmd+F)">
          Find
        </button>
        <label className="log-check">
          <input
            type="checkbox"
            checked={settings.wrap}
            onChange={(event) => updateSettings({ wrap: event.target.checked })}
          />
          Wrap
        </label>
        <label className="log-select">
          Keep
          <select
            aria-label="Scrollback lines"
            value={settings.scrollback}
            onChange={(event) => updateSettings({ scrollback: Number(event.target.value) })}
          >
            {SCROLLBACK_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice.toLocaleString('en')} lines
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="small"
          onClick={() => void copy()}
          title="Copy the selection, or the whole log"
        >
          {notice ?? 'Copy'}
        </button>
        <button type="button" className="small" onClick={save} title="Save the log to a file">
          Save
        </button>
        <button type="button" className="small" onClick={clear}>
          Clear
        </button>
      </div>
      {searching && <LogSearchBar search={xterm.search} onClose={() => (setSearching(false), terminal?.focus())} />}
      <div
        className={`log-terminal-host log-terminal-${scheme}${settings.wrap ? '' : ' log-terminal-nowrap'}`}
        ref={hostRef}
        data-testid="log-terminal"
        data-follow={xterm.mode}
      />
      <p className="log-status muted">
        <span data-testid="log-line-count" ref={counterRef}>
          No output yet
        </span>
        {xterm.mode === 'scrolled' && <span> · scrolled up: following stops until you return to the bottom</span>}
        {xterm.mode === 'paused' && <span> · paused</span>}
      </p>
    </div>
  );
}
