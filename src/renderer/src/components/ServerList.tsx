import type { ServerDto } from '../../../shared/dto/server';
import { serverAddress } from '../lib/format';
import type { ConnectionStates } from '../lib/connection-states';
import { StatusDot } from './StatusDot';

interface ServerListProps {
  servers: ServerDto[];
  states: ConnectionStates;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The sidebar's servers: name, user@host and the live connection dot. */
export function ServerList({ servers, states, selectedId, onSelect }: ServerListProps) {
  if (servers.length === 0) return <p className="muted sidebar-empty">No servers yet.</p>;
  return (
    <ul className="server-list">
      {servers.map((server) => (
        <li key={server.id}>
          <button
            type="button"
            className="server-item"
            aria-current={server.id === selectedId ? 'page' : undefined}
            onClick={() => onSelect(server.id)}
          >
            <span className="server-item-text">
              <span className="server-item-name">{server.name}</span>
              <span className="server-item-address">{serverAddress(server)}</span>
            </span>
            {/* After the text so the button's name starts with the server's; CSS shows it first. */}
            <StatusDot status={states[server.id]?.status ?? 'idle'} />
          </button>
        </li>
      ))}
    </ul>
  );
}
