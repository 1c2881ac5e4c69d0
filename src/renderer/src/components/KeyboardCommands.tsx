import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { recordRecentApp, usePinnedAppIds, useRecentAppIds } from '../hooks/useAppLists';
import { useAppCommands } from '../hooks/useAppCommands';
import { setCommandOverlay, useCommandOverlay } from '../hooks/useCommandUi';
import { navigate } from '../hooks/useHashRoute';
import { useApps } from '../hooks/useProjects';
import { hasAppTab } from '../lib/palette-items';
import { jumpTargets } from '../lib/recent-apps';
import { appRoute, type Route } from '../lib/route';
import { commandForKey, isMacPlatform, isTextField, type AppKeyAction, type Command } from '../lib/shortcuts';
import { CommandPalette } from './CommandPalette';
import { ShortcutsHelp } from './ShortcutsHelp';

const NOTICE_MS = 6_000;

/**
 * The keyboard layer, mounted once by the frame: the global shortcuts (see lib/shortcuts.ts), the
 * command palette and the `?` overlay, the recently opened apps, and a live region that says what a
 * keyboard command did. Focus returns to where it was when an overlay closes.
 */
export function KeyboardCommands({ route }: { route: Route }) {
  const overlay = useCommandOverlay();
  const apps = useApps();
  const pinned = usePinnedAppIds();
  const recent = useRecentAppIds();
  const { run, notice, setNotice } = useAppCommands();
  const mac = useMemo(() => isMacPlatform(navigator.platform), []);
  const returnFocus = useRef<Element | null>(null);

  const currentAppId = route.page === 'app' ? route.appId : null;
  useEffect(() => {
    if (currentAppId) recordRecentApp(currentAppId);
  }, [currentAppId]);

  // Where focus was when an overlay opened (layout effect: before the overlay takes focus).
  useLayoutEffect(() => {
    if (overlay === null) {
      const element = returnFocus.current;
      returnFocus.current = null;
      if (element) setTimeout(() => restoreFocus(element), 0);
    } else {
      returnFocus.current ??= document.activeElement;
    }
  }, [overlay]);

  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, setNotice]);

  // The handler reads the latest state through a ref, so it is added to window once.
  const latest = useRef({ route, apps: apps.data, pinned, recent, run, setNotice });
  useLayoutEffect(() => {
    latest.current = { route, apps: apps.data, pinned, recent, run, setNotice };
  });

  useEffect(() => {
    const jumpKey = (slot: number) => `${mac ? '⌘' : 'Ctrl+'}${slot}`;
    const execute = (command: Command) => {
      const { route, apps, pinned, recent, run, setNotice } = latest.current;
      switch (command.kind) {
        case 'palette':
        case 'help':
          return setCommandOverlay(command.kind);
        case 'back':
          return window.history.back();
        case 'forward':
          return window.history.forward();
        case 'jump': {
          const ids = new Set((apps ?? []).map((app) => app.id));
          const id = jumpTargets(pinned, recent, ids)[command.slot - 1];
          if (id) navigate(appRoute(id));
          else setNotice({ text: `Nothing on ${jumpKey(command.slot)} yet: pin an app or open a few.`, tone: 'info' });
          return;
        }
        case 'app': {
          const app = route.page === 'app' ? apps?.find((candidate) => candidate.id === route.appId) : undefined;
          if (app) runAppKey(app, command.action, run, setNotice);
          return;
        }
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      // A modal dialog (the palette, the overlay, or a form) has the keyboard to itself.
      if (document.querySelector('dialog[open]')) return;
      const command = commandForKey(event, {
        mac,
        inTextField: isTextField(document.activeElement as HTMLElement | null),
        onAppPage: latest.current.route.page === 'app',
      });
      if (!command) return;
      event.preventDefault();
      execute(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [mac]);

  return (
    <>
      {overlay === 'palette' && <CommandPalette onClose={() => setCommandOverlay(null)} run={run} />}
      {overlay === 'help' && <ShortcutsHelp mac={mac} onClose={() => setCommandOverlay(null)} />}
      <div className="command-notice-region" aria-live="polite">
        {notice && (
          <p className={`command-notice command-notice-${notice.tone}`} data-testid="command-notice">
            <span>{notice.text}</span>
            <button type="button" className="small" onClick={() => setNotice(null)} aria-label="Dismiss">
              ×
            </button>
          </p>
        )}
      </div>
    </>
  );
}

function runAppKey(
  app: AppDto,
  action: AppKeyAction,
  run: ReturnType<typeof useAppCommands>['run'],
  setNotice: ReturnType<typeof useAppCommands>['setNotice'],
): void {
  switch (action) {
    case 'overview':
      return run(app, 'open');
    case 'general':
      return run(app, 'settings');
    case 'environment':
      return navigate(appRoute(app.id, 'environment'));
    case 'logs':
    case 'shell':
      if (hasAppTab(app, action)) return run(app, action);
      return setNotice({ text: `${app.name} has no ${action === 'logs' ? 'logs' : 'shell'} tab.`, tone: 'info' });
    default:
      return run(app, action);
  }
}

/** Focus back where it was; if that element is gone (the page changed), the page's heading. */
function restoreFocus(element: Element): void {
  if (document.querySelector('dialog[open]')) return;
  if (element.isConnected && element instanceof HTMLElement && element !== document.body) {
    element.focus();
    return;
  }
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}
