import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseRoute, routeHash, type Route } from '../lib/route';

/** The current page lives in the address hash (see lib/route.ts) so a reload keeps it. */

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const route = useMemo(() => parseRoute(hash), [hash]);
  return [route, navigate];
}

export function useSelectedServerId(): [string | null, (id: string | null) => void] {
  const [route] = useRoute();
  const select = useCallback(
    (id: string | null) => navigate(id ? { page: 'server', serverId: id } : { page: 'home' }),
    [],
  );
  return [route.page === 'server' ? route.serverId : null, select];
}
