import { useCallback, useSyncExternalStore } from 'react';

/** The selected server lives in the address hash (`#/servers/ID`) so a reload keeps it. */
const PREFIX = '#/servers/';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function selectedFromHash(): string | null {
  const hash = window.location.hash;
  return hash.startsWith(PREFIX) ? decodeURIComponent(hash.slice(PREFIX.length)) || null : null;
}

export function useSelectedServerId(): [string | null, (id: string | null) => void] {
  const selected = useSyncExternalStore(subscribe, selectedFromHash);
  const select = useCallback((id: string | null) => {
    window.location.hash = id ? PREFIX + encodeURIComponent(id) : '#/';
  }, []);
  return [selected, select];
}
