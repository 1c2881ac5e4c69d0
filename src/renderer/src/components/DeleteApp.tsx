import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { navigate } from '../hooks/useHashRoute';
import { CheckboxField } from './CheckboxField';
import { ConfirmPanel } from './ConfirmPanel';

/** Delete the app and its container on the server, after a confirm step. */
export function DeleteApp({ app }: { app: AppDto }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [removeVolume, setRemoveVolume] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.call('apps.delete', { appId: app.id, removeVolume }),
    onSuccess: async () => {
      navigate({ page: 'project', projectId: app.projectId });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
      ]);
    },
  });
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete app
      </button>
    );
  }
  return (
    <ConfirmPanel
      label={`Confirm deleting ${app.name}`}
      confirmLabel={`Yes, delete ${app.name}`}
      onConfirm={() => remove.mutate()}
      onKeep={() => setConfirming(false)}
      pending={remove.isPending}
      error={remove.error}
    >
      <p>
        Delete <strong>{app.name}</strong>? Its container is removed from the server, and its settings, variables and
        deployment history from Mist.
      </p>
      {app.database && (
        <CheckboxField
          label={`Also delete its data volume ${app.database.volumeName}`}
          checked={removeVolume}
          onChange={setRemoveVolume}
          hint="Off (the default): the data stays on the server, and a new database app of the same template can re-attach it."
        />
      )}
    </ConfirmPanel>
  );
}
