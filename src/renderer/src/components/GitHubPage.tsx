import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { GitHubStatusDto } from '../../../shared/dto/github';
import { githubScopeNote } from '../../../shared/github-rules';
import type { GitHubConnectInput } from '../../../shared/schemas/github';
import { api, queryKeys } from '../api';
import { useGitHubStatus } from '../hooks/useGitHub';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './TextField';
import { ConfirmPanel } from './ConfirmPanel';

const TOKEN_HINT =
  'A personal access token (GitHub → Settings → Developer settings). For private repositories: a classic ' +
  'token with the repo scope, or a fine-grained token with read access to contents. It is checked with ' +
  'GitHub, then kept in your OS keychain only.';

/** #/github: connect a GitHub account (paste a token, or use the GitHub CLI's), see it, disconnect it. */
export function GitHubPage() {
  const status = useGitHubStatus();
  return (
    <article className="github-page" aria-labelledby="github-title">
      <header className="page-header">
        <h1 id="github-title">GitHub</h1>
      </header>
      <p className="muted">
        A connected account lists your repositories and branches when you create an app, and clones private GitHub
        repositories over https for apps without an access token of their own.
      </p>
      <ErrorNotice error={status.error} />
      {status.data && (status.data.connected ? <Connected status={status.data} /> : <ConnectForm />)}
    </article>
  );
}

function useSetStatus() {
  const queryClient = useQueryClient();
  return async (next: GitHubStatusDto) => {
    queryClient.setQueryData(queryKeys.githubStatus, next);
    await queryClient.invalidateQueries({ queryKey: queryKeys.githubRepos });
  };
}

function ConnectForm({ reconnect = false }: { reconnect?: boolean }) {
  const setStatus = useSetStatus();
  const [token, setToken] = useState('');
  const connect = useMutation({
    mutationFn: (input: GitHubConnectInput) => api.call('github.connect', input),
    onSuccess: async (next) => {
      setToken('');
      await setStatus(next);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.reset();
    if (token.trim()) connect.mutate({ token: token.trim() });
  };
  return (
    <form className="panel settings-form" onSubmit={submit} noValidate aria-labelledby="github-connect-heading">
      <h2 id="github-connect-heading">{reconnect ? 'Connect again' : 'Connect a GitHub account'}</h2>
      <TextField
        label="Personal access token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(value) => {
          setToken(value);
          connect.reset();
        }}
        hint={TOKEN_HINT}
      />
      <ErrorNotice error={connect.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={connect.isPending || !token.trim()}>
          Connect
        </button>
        <button type="button" onClick={() => connect.mutate({ fromGhCli: true })} disabled={connect.isPending}>
          Use GitHub CLI token
        </button>
        {connect.isPending && <span className="muted">Checking with GitHub…</span>}
      </div>
    </form>
  );
}

function Connected({ status }: { status: GitHubStatusDto }) {
  const setStatus = useSetStatus();
  const [confirming, setConfirming] = useState(false);
  const disconnect = useMutation({
    mutationFn: () => api.call('github.disconnect', {}),
    onSuccess: async (next) => {
      setConfirming(false);
      await setStatus(next);
    },
  });
  const note = status.problem ? null : githubScopeNote(status.scopes);
  return (
    <>
      <section className="panel" aria-labelledby="github-account-heading">
        <h2 id="github-account-heading">Account</h2>
        {status.problem ? (
          <p className="notice notice-danger" role="alert" data-testid="github-problem">
            {status.problem}
          </p>
        ) : (
          <dl className="facts">
            <dt>Login</dt>
            <dd data-testid="github-login">{status.login}</dd>
            {status.name && (
              <>
                <dt>Name</dt>
                <dd>{status.name}</dd>
              </>
            )}
            <dt>Scopes</dt>
            <dd data-testid="github-scopes">{status.scopes.length > 0 ? status.scopes.join(', ') : 'none reported'}</dd>
            <dt>Token</dt>
            <dd>{status.source === 'gh-cli' ? 'from the GitHub CLI' : 'pasted'}, in your OS keychain</dd>
          </dl>
        )}
        {note && (
          <p
            className={`notice ${note.level === 'warn' ? 'notice-warn' : ''}`}
            role="status"
            data-testid="github-scope-note"
          >
            {note.text}
          </p>
        )}
        <ErrorNotice error={disconnect.error} />
        {confirming ? (
          <ConfirmPanel
            label="Confirm disconnecting GitHub"
            confirmLabel="Yes, disconnect"
            onConfirm={() => disconnect.mutate()}
            onKeep={() => setConfirming(false)}
            pending={disconnect.isPending}
          >
            <p>
              Disconnect GitHub? The token is deleted from your keychain; private GitHub repositories of apps without a
              token of their own will no longer deploy.
            </p>
          </ConfirmPanel>
        ) : (
          <div className="actions">
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Disconnect
            </button>
          </div>
        )}
      </section>
      {status.problem && <ConnectForm reconnect />}
    </>
  );
}
