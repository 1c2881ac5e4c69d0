import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProjectDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { navigate } from '../hooks/useHashRoute';
import { pluralize } from '../lib/format';
import { CheckboxField } from './CheckboxField';
import { ConfirmPanel } from './ConfirmPanel';

/**
 * Delete, with a confirm step. A project that holds apps needs a second, explicit choice: removing
 * its apps and their containers on the server too.
 */
export function DeleteProject({ project, appCount }: { project: ProjectDto; appCount: number }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [removeApps, setRemoveApps] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.call('projects.delete', { id: project.id, removeApps }),
    onSuccess: async () => {
      navigate({ page: 'server', serverId: project.serverId });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
      ]);
    },
  });

  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete project
      </button>
    );
  }
  const blocked = appCount > 0 && !removeApps;
  return (
    <ConfirmPanel
      label={`Confirm deleting ${project.name}`}
      confirmLabel={`Yes, delete ${project.name}`}
      onConfirm={() => remove.mutate()}
      onKeep={() => setConfirming(false)}
      pending={remove.isPending}
      error={remove.error}
      confirmBlockedReason={blocked ? 'Tick the box above to remove the apps too' : undefined}
    >
      <p>
        Delete the project <strong>{project.name}</strong>?
        {appCount === 0 ? ' It has no apps.' : ` It holds ${pluralize(appCount, 'app')}.`}
      </p>
      {appCount > 0 && (
        <CheckboxField
          label={`Also remove its ${pluralize(appCount, 'app')} and their containers on the server`}
          checked={removeApps}
          onChange={setRemoveApps}
          disabled={remove.isPending}
        />
      )}
    </ConfirmPanel>
  );
}
