import { useQuery } from '@tanstack/react-query';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { preparePaletteItems, rankPaletteItems, type RankedPaletteItem } from '../../../shared/fuzzy-match';
import { api, queryKeys } from '../api';
import { useRecentAppIds } from '../hooks/useAppLists';
import { useApps, useProjects } from '../hooks/useProjects';
import { useServers } from '../hooks/useServers';
import {
  PALETTE_LIMIT,
  appPaletteItems,
  paletteActions,
  type AppPaletteItem,
  type PaletteAction,
  type PaletteActionKind,
} from '../lib/palette-items';

interface CommandPaletteProps {
  onClose: () => void;
  run: (app: AppDto, kind: PaletteActionKind, host?: string) => void;
}

/**
 * The command palette (ARIA combobox with a listbox): fuzzy-finds apps across every server and
 * project, most recently opened first when the query is empty; Tab or → shows the chosen app's
 * actions (deploy, restart, stop, logs, shell, open a domain, go to server, settings). Items are
 * prepared once per change of the app list and ranked on each keystroke.
 */
export function CommandPalette({ onClose, run }: CommandPaletteProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const apps = useApps();
  const projects = useProjects();
  const servers = useServers();
  const recentIds = useRecentAppIds();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  /** The app whose actions are shown, and the query to restore when going back to the apps. */
  const [target, setTarget] = useState<{ item: AppPaletteItem; appQuery: string } | null>(null);

  const prepared = useMemo(
    () => preparePaletteItems(appPaletteItems(apps.data ?? [], projects.data ?? [], servers.data ?? [])),
    [apps.data, projects.data, servers.data],
  );
  const domains = useQuery({
    queryKey: queryKeys.domains(target?.item.id ?? ''),
    queryFn: () => api.call('domains.list', { appId: target!.item.id }),
    enabled: target?.item.app.type === 'web',
  });
  const preparedActions = useMemo(
    () =>
      target ? preparePaletteItems(paletteActions(target.item.app, target.item.serverName, domains.data ?? [])) : null,
    [target, domains.data],
  );
  const rankedApps = useMemo(
    () => (preparedActions ? [] : rankPaletteItems(prepared, query, { recentIds, limit: PALETTE_LIMIT })),
    [prepared, preparedActions, query, recentIds],
  );
  const rankedActions = useMemo(
    () => (preparedActions ? rankPaletteItems(preparedActions, query, { limit: PALETTE_LIMIT }) : []),
    [preparedActions, query],
  );
  const rows: RankedPaletteItem<AppPaletteItem | PaletteAction>[] = preparedActions ? rankedActions : rankedApps;
  const activeIndex = rows.length === 0 ? -1 : Math.min(active, rows.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  // a layout effect: its cleanup closes the dialog while it is still in the page, so the browser
  // gives focus back to where it was (removed first, an open dialog leaves focus on <body>)
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => dialog?.close();
  }, []);

  // Keep the active row in view when the arrows move it (not on every keystroke: that would force
  // a layout per key; a new query starts at the top instead).
  const scrolled = useRef(false);
  useEffect(() => {
    if (activeIndex <= 0 && !scrolled.current) return;
    scrolled.current = activeIndex > 0;
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId derives from listId only
  }, [activeIndex]);

  const changeQuery = (next: string) => {
    setQuery(next);
    setActive(0);
    if (scrolled.current && listRef.current) listRef.current.scrollTop = 0;
    scrolled.current = false;
  };
  const showActions = (item: AppPaletteItem) => {
    setTarget({ item, appQuery: query });
    changeQuery('');
  };
  const backToApps = () => {
    if (!target) return;
    const appQuery = target.appQuery;
    setTarget(null);
    setQuery(appQuery);
    setActive(0);
  };
  const choose = (index: number) => {
    const row = rows[index];
    if (!row) return;
    if (target) {
      const action = row.item as PaletteAction;
      onClose();
      run(target.item.app, action.kind, action.host);
    } else {
      onClose();
      run((row.item as AppPaletteItem).app, 'open');
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const mod = event.ctrlKey || event.metaKey;
    let handled = true;
    if (event.key === 'ArrowDown') setActive(rows.length === 0 ? 0 : (activeIndex + 1) % rows.length);
    else if (event.key === 'ArrowUp') setActive(rows.length === 0 ? 0 : (activeIndex - 1 + rows.length) % rows.length);
    else if (event.key === 'PageDown') setActive(Math.min(rows.length - 1, activeIndex + 10));
    else if (event.key === 'PageUp') setActive(Math.max(0, activeIndex - 10));
    else if (event.key === 'Enter') choose(activeIndex);
    else if (event.key === 'Escape') {
      if (target) backToApps();
      else onClose();
    } else if (mod && event.key.toLowerCase() === 'k') onClose();
    else if (event.key === 'Tab' && !event.shiftKey && !target) {
      const row = rows[activeIndex];
      if (row) showActions(row.item as AppPaletteItem);
    } else if (event.key === 'Tab') {
      // Shift+Tab goes back to the apps; focus stays in the input either way.
      if (event.shiftKey) backToApps();
    } else if (event.key === 'ArrowRight' && !target && atEnd && !event.shiftKey && !mod && !event.altKey) {
      const row = rows[activeIndex];
      if (row) showActions(row.item as AppPaletteItem);
      else handled = false;
    } else if (event.key === 'ArrowLeft' && target && atStart && !event.shiftKey && !mod && !event.altKey) backToApps();
    else if (event.key === 'Backspace' && target && input.value === '') backToApps();
    else handled = false;
    if (handled) event.preventDefault();
  };

  const countText =
    rows.length === 0
      ? target
        ? 'No action matches.'
        : prepared.length === 0
          ? 'No apps yet.'
          : 'No app matches.'
      : rows.length === PALETTE_LIMIT
        ? `The first ${PALETTE_LIMIT} matches.`
        : `${rows.length} ${target ? (rows.length === 1 ? 'action' : 'actions') : rows.length === 1 ? 'app' : 'apps'}.`;

  return (
    <dialog
      ref={dialogRef}
      className="palette"
      aria-label="Command palette"
      onCancel={(event) => {
        event.preventDefault();
        if (target) backToApps();
        else onClose();
      }}
      onClose={onClose}
    >
      {target && (
        <p className="palette-context">
          Actions for <strong>{target.item.label}</strong>
          <span className="muted"> · {target.item.detail}</span>
        </p>
      )}
      <input
        ref={inputRef}
        className="palette-input"
        type="text"
        role="combobox"
        aria-label={target ? `Actions for ${target.item.label}` : 'Find an app'}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        placeholder={target ? 'Deploy, restart, logs…' : 'Find an app by project/app, server or type…'}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => changeQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul ref={listRef} id={listId} className="palette-list" role="listbox" aria-label={target ? 'Actions' : 'Apps'}>
        {rows.map((row, index) => (
          <li
            key={row.item.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className="palette-option"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(index)}
          >
            <span className="palette-label">{highlight(row.item.label, row.positions)}</span>
            {row.item.detail && <span className="palette-detail muted">{row.item.detail}</span>}
          </li>
        ))}
      </ul>
      <p className="palette-footer muted">
        <span role="status" data-testid="palette-count">
          {countText}
        </span>{' '}
        <span aria-hidden="true">
          {target ? '↑↓ choose · Enter run · Esc back' : '↑↓ choose · Enter open · Tab or → actions · Esc close'}
        </span>
      </p>
    </dialog>
  );
}

/** The label with the matched characters marked. */
function highlight(text: string, positions: readonly number[]): ReactNode {
  if (positions.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  let i = 0;
  while (i < positions.length) {
    const start = positions[i]!;
    let end = start + 1;
    while (i + 1 < positions.length && positions[i + 1] === end) {
      i++;
      end++;
    }
    i++;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
