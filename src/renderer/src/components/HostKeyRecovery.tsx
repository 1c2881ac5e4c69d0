import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HostKeyTrust, ServerDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { HostKeyPrompt } from './HostKeyPrompt';

interface HostKeyRecoveryProps {
  server: ServerDto;
  /** The fingerprint the failed connection saw (`details.presented`), when known. */
  presented: string | null;
  onDone: (accepted: boolean) => void;
}

/**
 * A saved server whose key is not trusted (it was accepted only once, or never): ask the server for
 * its key again, show the same prompt as when adding, and record the answer with `acceptHostKey`.
 */
export function HostKeyRecovery({ server, presented, onDone }: HostKeyRecoveryProps) {
  const queryClient = useQueryClient();
  const probe = useQuery({
    queryKey: ['servers.probeHostKey', server.id, server.host, server.port],
    queryFn: () =>
      api.call('servers.probeHostKey', {
        host: server.host,
        port: server.port,
        proxyJumpServerId: server.proxyJumpServerId,
      }),
    gcTime: 0,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: ({ fingerprint, trust }: { fingerprint: string; trust: HostKeyTrust }) =>
      api.call('servers.acceptHostKey', { id: server.id, hostKey: { fingerprint, trust } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.servers });
      onDone(true);
    },
  });
  const changedSinceFailure = probe.data && presented && probe.data.fingerprint !== presented;

  return (
    <Dialog title={`Host key of ${server.name}`} onClose={() => onDone(false)} busy={accept.isPending}>
      {probe.isPending && <p className="muted">Asking {server.host} for its host key…</p>}
      {probe.error && (
        <>
          <ErrorNotice error={probe.error} />
          <div className="actions">
            <button type="button" onClick={() => onDone(false)}>
              Cancel
            </button>
          </div>
        </>
      )}
      {changedSinceFailure && (
        <div className="notice notice-danger" role="alert">
          The key changed between the failed connection ({presented}) and now ({probe.data.fingerprint}). Be careful.
        </div>
      )}
      {probe.data && (
        <HostKeyPrompt
          probe={probe.data}
          busy={accept.isPending}
          onDecide={(trust) => accept.mutate({ fingerprint: probe.data.fingerprint, trust })}
          onCancel={() => onDone(false)}
        />
      )}
      <ErrorNotice error={accept.error} />
    </Dialog>
  );
}
