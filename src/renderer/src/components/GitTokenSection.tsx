import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { gitTokenError } from '../lib/git-token';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './TextField';
import { ConfirmPanel } from './ConfirmPanel';

const HINT =
  'For private https repositories (GitHub: a fine-grained token with read access to contents). ' +
  'It stays in your OS keychain and reaches git on the server only for the clone.';

/** Stores, replaces or removes the app's git access token. The token is never shown back. */
export function GitTokenSection({ app }: { app: AppDto }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [touched, setTouched] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const mutation = useMutation({
    mutationFn: (next: string | null) => api.call('apps.setGitToken', { appId: app.id, token: next }),
    onSuccess: async () => {
      setToken('');
      setTouched(false);
      setReplacing(false);
      setConfirmingRemove(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(app.id) }),
      ]);
    },
  });
  const error = gitTokenError(token);
  const showInput = !app.hasGitToken || replacing;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.reset();
    setTouched(true);
    if (error === null) mutation.mutate(token);
  };

  return (
    <section className="panel settings-form" aria-labelledby="git-token-heading">
      <h2 id="git-token-heading">Access token</h2>
      <p className="muted">{HINT}</p>
      {showInput ? (
        <form onSubmit={submit} noValidate>
          <TextField
            label="Access token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(value) => {
              setToken(value);
              mutation.reset();
            }}
            onBlur={() => setTouched(true)}
            error={touched ? (error ?? undefined) : undefined}
          />
          <ErrorNotice error={mutation.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={mutation.isPending}>
              Save token
            </button>
            {replacing && (
              <button
                type="button"
                onClick={() => {
                  setReplacing(false);
                  setToken('');
                  setTouched(false);
                  mutation.reset();
                }}
                disabled={mutation.isPending}
              >
                Cancel
              </button>
            )}
          </div>
        </form>
      ) : (
        <>
          <p data-testid="git-token-stored">An access token is stored in your keychain.</p>
          {confirmingRemove ? (
            <ConfirmPanel
              label="Confirm removing the access token"
              confirmLabel="Yes, remove token"
              onConfirm={() => mutation.mutate(null)}
              onKeep={() => {
                setConfirmingRemove(false);
                mutation.reset();
              }}
              pending={mutation.isPending}
              error={mutation.error}
            >
              <p>Remove the access token? Deploys of a private repository will fail until you add one again.</p>
            </ConfirmPanel>
          ) : (
            <>
              <ErrorNotice error={mutation.error} />
              <div className="actions">
                <button
                  type="button"
                  onClick={() => {
                    mutation.reset();
                    setReplacing(true);
                  }}
                >
                  Replace token
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    mutation.reset();
                    setConfirmingRemove(true);
                  }}
                >
                  Remove token
                </button>
              </div>
            </>
          )}
        </>
      )}
      {mutation.isSuccess && (
        <p className="muted" role="status">
          {mutation.variables === null ? 'Token removed.' : 'Token saved.'}
        </p>
      )}
    </section>
  );
}
