import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ServerDto } from '../../../shared/dto/server';
import { isMistError } from '../../../shared/errors';
import { api, queryKeys } from '../api';
import { authLabel, serverAddress } from '../lib/format';
import { useConnectionState, useRecordConnectionState } from '../hooks/useConnectionStates';
import { useServer, useServers } from '../hooks/useServers';
import { CheckResults } from './CheckResults';
import { ConnectionPanel } from './ConnectionPanel';
import { DockerSpaceSection } from './DockerSpaceSection';
import { EditServerDialog } from './EditServerDialog';
import { ErrorNotice } from './ErrorNotice';
import { HostKeyRecovery } from './HostKeyRecovery';
import { RemoveServer } from './RemoveServer';
import { TraefikSection } from './TraefikSection';

/** Returns the presented fingerprint when the error asks the user to verify a host key. */
function hostKeyQuestion(error: unknown): { presented: string | null } | null {
  if (!isMistError(error) || error.code !== 'host-key-unknown') return null;
  const presented = error.details?.presented;
  return { presented: typeof presented === 'string' ? presented : null };
}

export function ServerPage({ serverId, onRemoved }: { serverId: string; onRemoved: () => void }) {
  const { server, isPending } = useServer(serverId);
  if (isPending) return <p className="muted">Loading…</p>;
  if (!server) return <p className="muted">This server is not in your list any more.</p>;
  return <ServerDetails key={server.id} server={server} onRemoved={onRemoved} />;
}

function ServerDetails({ server, onRemoved }: { server: ServerDto; onRemoved: () => void }) {
  const state = useConnectionState(server.id);
  const recordState = useRecordConnectionState();
  const { data: servers } = useServers();
  const [editing, setEditing] = useState(false);
  const [hostKeyPrompt, setHostKeyPrompt] = useState<{ presented: string | null } | null>(null);

  const connect = useMutation({
    mutationFn: () => api.call('servers.connect', { id: server.id }),
    onSuccess: recordState,
    onError: (error) => {
      const question = hostKeyQuestion(error);
      if (question) setHostKeyPrompt(question);
    },
  });
  const check = useQuery({
    queryKey: queryKeys.check(server.id),
    queryFn: () => api.call('servers.check', { id: server.id }),
    enabled: false,
    retry: false,
    staleTime: Infinity,
  });
  const runCheck = async () => {
    const result = await check.refetch();
    const question = hostKeyQuestion(result.error);
    if (question) setHostKeyPrompt(question);
  };

  // Opening a server's page connects to it (the pool closes idle connections by itself).
  const { mutate: connectNow } = connect;
  const statusOnOpen = useRef(state?.status ?? 'idle');
  useEffect(() => {
    if (statusOnOpen.current === 'idle') connectNow();
  }, [connectNow]);

  const jump = server.proxyJumpServerId ? servers?.find((s) => s.id === server.proxyJumpServerId) : undefined;

  return (
    <article className="server-page" aria-labelledby="server-title">
      <header className="page-header">
        <div>
          <h1 id="server-title">{server.name}</h1>
          <p className="muted mono">{serverAddress(server)}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <RemoveServer server={server} onRemoved={onRemoved} />
        </div>
      </header>

      <ConnectionPanel
        state={state}
        connecting={connect.isPending}
        onConnect={() => connect.mutate()}
        onVerifyHostKey={() => setHostKeyPrompt({ presented: null })}
      />
      {connect.error && !hostKeyQuestion(connect.error) && <ErrorNotice error={connect.error} />}

      <section className="panel" aria-label="Settings">
        <dl className="facts">
          <dt>Address</dt>
          <dd className="mono">
            {server.host}:{server.port}
          </dd>
          <dt>User</dt>
          <dd className="mono">{server.user}</dd>
          <dt>Authentication</dt>
          <dd data-testid="auth-kind">{authLabel(server.auth)}</dd>
          <dt>Jump through</dt>
          <dd>{jump ? jump.name : server.proxyJumpServerId ? 'a removed server' : 'direct connection'}</dd>
          <dt>Public address</dt>
          <dd className="mono" data-testid="public-address">
            {server.publicAddress ?? `${server.host} (the address above)`}
          </dd>
          <dt>Docker socket</dt>
          <dd className="mono">{server.dockerSocketPath}</dd>
          <dt>SSH agent for git</dt>
          <dd data-testid="forward-agent">{server.forwardAgent ? 'forwarded to deploys' : 'not forwarded'}</dd>
          <dt>Host key</dt>
          <dd className="mono">{server.hostKeyFingerprint ?? 'not remembered (accepted for this session only)'}</dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="check-heading">
        <div className="panel-header">
          <h2 id="check-heading">Server check</h2>
          <button type="button" className="primary" onClick={() => void runCheck()} disabled={check.isFetching}>
            Check server
          </button>
        </div>
        {check.isFetching && (
          <p className="muted" role="status">
            Checking Docker, compose, git, disk and Traefik on {server.name}…
          </p>
        )}
        {check.error && !check.isFetching && <ErrorNotice error={check.error} />}
        {check.data && <CheckResults check={check.data} />}
        {!check.data && !check.error && !check.isFetching && (
          <p className="muted">Run a check to see whether this server is ready for deployments.</p>
        )}
      </section>

      <TraefikSection server={server} />

      <DockerSpaceSection server={server} connected={state?.status === 'connected'} />

      {editing && <EditServerDialog server={server} onClose={() => setEditing(false)} />}
      {hostKeyPrompt && (
        <HostKeyRecovery
          server={server}
          presented={hostKeyPrompt.presented}
          onDone={(accepted) => {
            setHostKeyPrompt(null);
            if (accepted) connect.mutate();
          }}
        />
      )}
    </article>
  );
}
