import { togglePinnedApp, usePinnedAppIds } from '../hooks/useAppLists';
import { jumpTargets } from '../lib/recent-apps';

/** Pins the app to Ctrl/Cmd+1..9 (pinned apps take the first numbers, in the order they were pinned). */
export function PinButton({ appId }: { appId: string }) {
  const pinned = usePinnedAppIds();
  const isPinned = pinned.includes(appId);
  const slot = isPinned ? jumpTargets(pinned, [], new Set(pinned)).indexOf(appId) + 1 : 0;
  return (
    <button
      type="button"
      className="pin-button"
      aria-pressed={isPinned}
      onClick={() => togglePinnedApp(appId)}
      title={isPinned && slot > 0 ? `Pinned: Ctrl/Cmd+${slot} opens it` : 'Pin: Ctrl/Cmd+1…9 open pinned apps first'}
    >
      <span aria-hidden="true">{isPinned ? '★' : '☆'}</span> Pin
    </button>
  );
}
