import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { navigate } from '../hooks/useHashRoute';
import { CheckboxField } from './CheckboxField';
import { ErrorNotice } from './ErrorNotice';

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
    <div className="confirm" role="group" aria-label={`Confirm deleting ${app.name}`}>
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
      <ErrorNotice error={remove.error} />
      <div className="actions">
        <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
          Yes, delete {app.name}
        </button>
        <button type="button" onClick={() => setConfirming(false)} disabled={remove.isPending} autoFocus>
          Keep it
        </button>
      </div>
    </div>
  );
}
