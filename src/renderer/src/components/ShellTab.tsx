import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import type { ShellEventDto } from '../../../shared/dto/shell';
import { api } from '../api';
import { useAppStatus } from '../hooks/useAppStatuses';
import { useColorScheme } from '../hooks/useColorScheme';
import { TERMINAL_THEMES } from '../hooks/useLogXterm';
import { leavesTerminal, splitInput } from '../lib/shell-input';
import { SelectField } from './SelectField';

const FONT_FAMILY = "ui-monospace, 'SF Mono', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, monospace";
const FONT_SIZE = 13;

type ShellState =
  | { kind: 'connecting' }
  | { kind: 'open'; container: string }
  | { kind: 'ended'; code: number | null; message: string | null };

/** The size of one character cell in the terminal's font, measured once. */
function measureCell(host: HTMLElement): { width: number; height: number } {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font-family:${FONT_FAMILY};font-size:${FONT_SIZE}px;line-height:normal`;
  probe.textContent = 'W'.repeat(40);
  host.appendChild(probe);
  const rect = probe.getBoundingClientRect();
  probe.remove();
  return { width: rect.width / 40 || 7.8, height: rect.height || 16 };
}

function endedText(state: Extract<ShellState, { kind: 'ended' }>): string {
  if (state.message) return state.message;
  return state.code === null ? 'The shell ended.' : `The shell exited with code ${state.code}.`;
}

/**
 * An interactive shell in the app's running container (compose apps: the chosen service's), over
 * the server's SSH connection. Keys go to the container as typed; the terminal follows the pane's
 * size; when the shell ends, Reconnect opens a new one.
 */
export function ShellTab({ app }: { app: AppDto }) {
  const { status } = useAppStatus(app.id);
  const services = app.type === 'compose' ? (status?.services ?? []).map((s) => s.service) : [];
  const [service, setService] = useState<string | null>(null);
  const chosen = app.type === 'compose' ? (service ?? services[0] ?? null) : null;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ShellState>({ kind: 'connecting' });
  const hostRef = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  const terminalRef = useRef<Terminal | null>(null);
  const waitingForService = app.type === 'compose' && chosen === null;

  useEffect(() => {
    const host = hostRef.current;
    if (!host || waitingForService) return;
    const term = new Terminal({ fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, scrollback: 5_000, cursorBlink: true });
    terminalRef.current = term;
    term.open(host);
    // The shell keeps Tab (completion) but lets the app have a way out for the keyboard:
    // Shift+Tab moves the focus back, and Ctrl/Cmd+K opens the command palette.
    term.attachCustomKeyEventHandler((event) => !leavesTerminal(event));
    const cell = measureCell(host);
    const size = () => ({
      cols: Math.max(20, Math.min(1000, Math.floor((host.clientWidth - 8) / cell.width))),
      rows: Math.max(5, Math.min(500, Math.floor((host.clientHeight - 8) / cell.height))),
    });
    const fit = () => {
      const { cols, rows } = size();
      if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
    };
    fit();
    setState({ kind: 'connecting' });

    let sessionId: string | null = null;
    let ended = false;
    const fail = (error: unknown) => term.write(`\r\n\x1b[31m${(error as Error).message}\x1b[0m\r\n`);
    const unsubscribe = api.watch(
      'apps.shell',
      { appId: app.id, ...(chosen ? { service: chosen } : {}), cols: term.cols, rows: term.rows },
      (events: ShellEventDto[]) => {
        for (const event of events) {
          if (event.kind === 'started') {
            sessionId = event.sessionId;
            setState({ kind: 'open', container: event.container });
            term.focus();
          } else if (event.kind === 'output') {
            term.write(event.data);
          } else {
            ended = true;
            sessionId = null;
            setState({ kind: 'ended', code: event.code, message: event.message });
            unsubscribe();
          }
        }
      },
      (error) => {
        if (ended) return;
        ended = true;
        sessionId = null;
        setState({ kind: 'ended', code: null, message: error?.message ?? 'The connection to the shell closed.' });
      },
    );
    const typing = term.onData((data) => {
      if (!sessionId) return;
      for (const part of splitInput(data)) {
        api.call('shell.input', { sessionId, data: part }).catch(fail);
      }
    });
    const resizing = term.onResize(({ cols, rows }) => {
      if (sessionId) api.call('shell.resize', { sessionId, cols, rows }).catch(() => {});
    });
    const observer = new ResizeObserver(fit);
    observer.observe(host);
    return () => {
      ended = true;
      observer.disconnect();
      typing.dispose();
      resizing.dispose();
      unsubscribe();
      terminalRef.current = null;
      term.dispose();
    };
  }, [app.id, chosen, attempt, waitingForService]);

  useEffect(() => {
    const term = terminalRef.current;
    if (!term) return;
    const theme = TERMINAL_THEMES[scheme];
    term.options.theme = { ...theme, cursor: theme.foreground ?? '#888888' };
  }, [scheme, attempt, chosen, waitingForService]);

  return (
    <div className="shell-tab">
      <div className="shell-toolbar">
        {app.type === 'compose' && services.length > 0 && (
          <SelectField
            label="Service"
            value={chosen ?? ''}
            options={services.map((name) => ({ value: name, label: name }))}
            onChange={(next) => setService(next)}
          />
        )}
        <p className="muted shell-status" role="status" data-testid="shell-status">
          {state.kind === 'connecting' &&
            (waitingForService ? 'No running services to open a shell in.' : 'Opening a shell…')}
          {state.kind === 'open' && `Shell in ${state.container}`}
          {state.kind === 'ended' && endedText(state)}
        </p>
        {state.kind === 'ended' && (
          <button type="button" className="primary small" onClick={() => setAttempt((n) => n + 1)}>
            Reconnect
          </button>
        )}
      </div>
      <div
        className={`shell-terminal-host log-terminal-${scheme}`}
        ref={hostRef}
        role="region"
        aria-label={`Shell in ${app.name}`}
        data-testid="shell-terminal"
      />
    </div>
  );
}
