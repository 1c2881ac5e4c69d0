import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SshConfigHostDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { ErrorNotice } from './ErrorNotice';

/** The hosts of ~/.ssh/config, loaded when the list is opened; picking one pre-fills the form. */
export function SshConfigImport({ onPick }: { onPick: (host: SshConfigHostDto) => void }) {
  const [open, setOpen] = useState(false);
  const hosts = useQuery({
    queryKey: queryKeys.sshConfigHosts,
    queryFn: () => api.call('servers.sshConfigHosts', {}),
    enabled: open,
  });

  return (
    <details className="ssh-import" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Import from ~/.ssh/config</summary>
      {hosts.isPending && open && <p className="muted">Reading ~/.ssh/config…</p>}
      {hosts.error && <ErrorNotice error={hosts.error} />}
      {hosts.data && hosts.data.length === 0 && <p className="muted">No hosts found in ~/.ssh/config.</p>}
      {hosts.data && hosts.data.length > 0 && (
        <ul className="ssh-hosts" aria-label="Hosts in ~/.ssh/config">
          {hosts.data.map((host) => (
            <li key={host.alias}>
              <button type="button" className="link-button" onClick={() => onPick(host)}>
                <span className="ssh-alias">{host.alias}</span>{' '}
                <span className="muted">
                  {host.user ? `${host.user}@` : ''}
                  {host.host}
                  {host.port !== 22 ? `:${host.port}` : ''}
                  {host.proxyJump ? ` via ${host.proxyJump}` : ''}
                </span>
                {host.alreadySaved && <span className="badge">saved</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
