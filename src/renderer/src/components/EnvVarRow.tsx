import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { EnvVarDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { useEnvChanged } from '../hooks/useEnvChanged';
import { displayEnvValue, scopeLabel } from '../lib/env-form';
import { EnvVarForm } from './EnvVarForm';
import { ErrorNotice } from './ErrorNotice';

/** One variable: key, value (a secret masked until revealed), scope, secret flag, and its actions. */
export function EnvVarRow({ appId, variable }: { appId: string; variable: EnvVarDto }) {
  const keyId = useId();
  const queryClient = useQueryClient();
  const changed = useEnvChanged(appId);
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [revealed, setRevealed] = useState<string | undefined>(undefined);
  const reveal = useMutation({
    mutationFn: () => api.call('env.reveal', { appId, key: variable.key }),
    onSuccess: async ({ value }) => {
      setRevealed(value);
      await queryClient.invalidateQueries({ queryKey: queryKeys.audit(appId) }); // reveals are audited
    },
  });
  const remove = useMutation({
    mutationFn: () => api.call('env.delete', { appId, key: variable.key }),
    onSuccess: changed,
  });
  const shown = displayEnvValue(variable, revealed);

  if (mode === 'edit') {
    return (
      <tr className="env-row env-row-editing">
        <td colSpan={5}>
          <EnvVarForm appId={appId} editing={variable} onDone={() => setMode('view')} />
        </td>
      </tr>
    );
  }
  return (
    <tr className="env-row" data-key={variable.key}>
      <th scope="row" id={keyId} className="mono env-key">
        {variable.key}
      </th>
      <td className={`mono env-value${shown.masked ? ' masked' : ''}`} data-testid="env-value">
        <span className="env-value-text">{shown.text}</span>
        {variable.secret && (
          <button
            type="button"
            className="small"
            aria-describedby={keyId}
            disabled={reveal.isPending}
            onClick={() => (revealed === undefined ? reveal.mutate() : setRevealed(undefined))}
          >
            {revealed === undefined ? 'Reveal' : 'Hide'}
          </button>
        )}
        <ErrorNotice error={reveal.error} />
      </td>
      <td>{scopeLabel(variable.scope)}</td>
      <td>{variable.secret ? <span className="badge badge-secret">secret</span> : <span className="muted">—</span>}</td>
      <td className="row-actions">
        {mode === 'confirm-delete' ? (
          <span role="group" aria-label={`Confirm deleting ${variable.key}`}>
            <button type="button" className="small danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Delete {variable.key}
            </button>{' '}
            <button type="button" className="small" onClick={() => setMode('view')} autoFocus>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="small" aria-describedby={keyId} onClick={() => setMode('edit')}>
              Edit
            </button>{' '}
            <button
              type="button"
              className="small danger"
              aria-describedby={keyId}
              onClick={() => setMode('confirm-delete')}
            >
              Delete
            </button>
          </>
        )}
        <ErrorNotice error={remove.error} />
      </td>
    </tr>
  );
}
