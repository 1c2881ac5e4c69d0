import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ServerDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { ConfirmPanel } from './ConfirmPanel';

/** Remove, with a confirm step that names what goes away. */
export function RemoveServer({ server, onRemoved }: { server: ServerDto; onRemoved: () => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.call('servers.remove', { id: server.id }),
    onSuccess: async () => {
      onRemoved();
      queryClient.removeQueries({ queryKey: queryKeys.check(server.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.servers });
    },
  });

  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Remove
      </button>
    );
  }
  return (
    <ConfirmPanel
      label={`Confirm removing ${server.name}`}
      confirmLabel={`Yes, remove ${server.name}`}
      onConfirm={() => remove.mutate()}
      onKeep={() => setConfirming(false)}
      pending={remove.isPending}
      error={remove.error}
    >
      <p>
        Remove <strong>{server.name}</strong> from Mist? Its settings and stored secrets are deleted; nothing on the
        server is touched.
      </p>
    </ConfirmPanel>
  );
}
