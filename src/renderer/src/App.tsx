import { useState } from 'react';
import { AddServerDialog } from './components/AddServerDialog';
import { ErrorNotice } from './components/ErrorNotice';
import { KeychainBanner } from './components/KeychainBanner';
import { ServerList } from './components/ServerList';
import { ServerPage } from './components/ServerPage';
import { Welcome } from './components/Welcome';
import { useConnectionStates, useConnectionStatesStream } from './hooks/useConnectionStates';
import { useSelectedServerId } from './hooks/useHashRoute';
import { useAppInfo, useServers } from './hooks/useServers';

/** The frame: servers on the left, the chosen server (or a welcome) on the right. */
export function App() {
  useConnectionStatesStream();
  const servers = useServers();
  const states = useConnectionStates();
  const appInfo = useAppInfo();
  const [selectedId, select] = useSelectedServerId();
  const [adding, setAdding] = useState(false);

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="sidebar-header">
          <span className="brand">Mist</span>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add server
          </button>
        </div>
        <nav aria-label="Servers">
          {servers.error ? (
            <ErrorNotice error={servers.error} />
          ) : (
            <ServerList servers={servers.data ?? []} states={states} selectedId={selectedId} onSelect={select} />
          )}
        </nav>
        {appInfo.data && <p className="sidebar-footer muted">Mist {appInfo.data.version}</p>}
      </aside>
      <main className="main">
        <KeychainBanner />
        {selectedId ? (
          <ServerPage serverId={selectedId} onRemoved={() => select(null)} />
        ) : (
          <Welcome hasServers={(servers.data?.length ?? 0) > 0} onAdd={() => setAdding(true)} />
        )}
      </main>
      {adding && (
        <AddServerDialog
          onClose={() => setAdding(false)}
          onAdded={(server) => {
            setAdding(false);
            select(server.id);
          }}
        />
      )}
    </div>
  );
}
