import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { isSshGitUrl } from '../../../shared/app-rules';
import { api, queryKeys } from '../api';
import { ConfirmPanel } from './ConfirmPanel';
import { CopyableCode } from './CopyableCode';
import { ErrorNotice } from './ErrorNotice';

const HINT =
  'For private repositories over ssh (git@host:owner/repo.git). Add the public key to the ' +
  "repository's deploy keys (read access is enough). The private key stays in your OS keychain: " +
  'git on the server uses it through Mist Desktop, for the clone only, and it is never written there.';

/** Makes, shows, replaces or removes the app's deploy key. Replacing or removing asks first. */
export function DeployKeySection({ app }: { app: AppDto }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<'replace' | 'remove' | null>(null);
  const mutation = useMutation({
    mutationFn: (action: 'generate' | 'remove') =>
      action === 'generate'
        ? api.call('apps.generateDeployKey', { appId: app.id })
        : api.call('apps.removeDeployKey', { appId: app.id }),
    onSuccess: async () => {
      setConfirming(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(app.id) }),
      ]);
    },
  });
  const key = app.deployKey;
  const overSsh = isSshGitUrl(app.gitUrl);

  return (
    <section className="panel settings-form" aria-labelledby="deploy-key-heading">
      <h2 id="deploy-key-heading">Deploy key</h2>
      <p className="muted">{HINT}</p>
      {key && !overSsh && (
        <p className="notice notice-warn" role="note">
          The repository URL is not an ssh URL, so deploys do not use this key.
        </p>
      )}
      {key ? (
        <>
          <p>
            Public key{' '}
            <span className="mono" data-testid="deploy-key-fingerprint">
              {key.fingerprint}
            </span>
            :
          </p>
          <CopyableCode text={key.publicKey} label="Copy public key" />
        </>
      ) : (
        <p className="muted">This app has no deploy key.</p>
      )}
      {confirming ? (
        <ConfirmPanel
          label={`Confirm ${confirming === 'replace' ? 'replacing' : 'removing'} the deploy key`}
          confirmLabel={confirming === 'replace' ? 'Yes, make a new key' : 'Yes, remove key'}
          onConfirm={() => mutation.mutate(confirming === 'replace' ? 'generate' : 'remove')}
          onKeep={() => {
            setConfirming(null);
            mutation.reset();
          }}
          pending={mutation.isPending}
          error={mutation.error}
        >
          <p>
            {confirming === 'replace'
              ? 'Make a new key? The current one stops working: add the new one to the repository before the next deploy.'
              : 'Remove the deploy key? Deploys of a private ssh repository fail until you add a key again.'}
          </p>
        </ConfirmPanel>
      ) : (
        <>
          <ErrorNotice error={mutation.error} />
          <div className="actions">
            {key ? (
              <>
                <button type="button" onClick={() => (mutation.reset(), setConfirming('replace'))}>
                  Make a new key
                </button>
                <button type="button" className="danger" onClick={() => (mutation.reset(), setConfirming('remove'))}>
                  Remove key
                </button>
              </>
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => mutation.mutate('generate')}
                disabled={mutation.isPending}
              >
                Make a deploy key
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
