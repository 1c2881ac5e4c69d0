import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AppDto, AppStatus } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { useRecordAppStatus } from '../hooks/useAppStatuses';
import { controlAvailability } from '../lib/app-status';
import { ErrorNotice } from './ErrorNotice';

type Action = 'start' | 'stop' | 'restart';
const LABELS: Record<Action, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/** Start, Stop and Restart the app's container (`apps.control`). */
export function AppControls({ app, status }: { app: AppDto; status: AppStatus | undefined }) {
  const queryClient = useQueryClient();
  const record = useRecordAppStatus();
  const control = useMutation({
    mutationFn: (action: Action) => api.call('apps.control', { appId: app.id, action }),
    onSuccess: async (next) => {
      record(next);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['apps.status', app.id] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(app.id) }),
      ]);
    },
  });
  const available = controlAvailability(status);
  return (
    <div className="app-controls">
      <div className="actions" role="group" aria-label="Container controls">
        {(['start', 'stop', 'restart'] as const).map((action) => (
          <button
            key={action}
            type="button"
            onClick={() => control.mutate(action)}
            disabled={control.isPending || !available[action]}
            aria-busy={control.isPending && control.variables === action ? true : undefined}
          >
            {LABELS[action]}
          </button>
        ))}
      </div>
      {control.isPending && (
        <p className="muted" role="status">
          {control.variables === 'start' ? 'Starting' : control.variables === 'stop' ? 'Stopping' : 'Restarting'}…
        </p>
      )}
      <ErrorNotice error={control.error} />
    </div>
  );
}
