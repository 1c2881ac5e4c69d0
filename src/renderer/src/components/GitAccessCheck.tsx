import { useMutation } from '@tanstack/react-query';
import type { AppDto } from '../../../shared/dto/app';
import { api } from '../api';
import { ErrorNotice } from './ErrorNotice';

/**
 * "Check access": the server asks the repository for the branch head, with the app's access token,
 * deploy key or forwarded agent, as a deploy would, so a missing key shows before a deploy fails.
 */
export function GitAccessCheck({ app }: { app: AppDto }) {
  const check = useMutation({ mutationFn: () => api.call('apps.checkGitAccess', { appId: app.id }) });
  if (!app.gitUrl) return null;
  return (
    <section className="panel settings-form" aria-labelledby="git-access-heading">
      <h2 id="git-access-heading">Access from the server</h2>
      <p className="muted">
        Asks the repository for the head of {app.branch} from the server, with this app&apos;s token, deploy key or your
        forwarded agent, as a deploy would. Save changes above first.
      </p>
      <ErrorNotice error={check.error} />
      <div className="actions">
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check access'}
        </button>
        {check.isSuccess && (
          <span role="status" data-testid="git-access-ok">
            The server can fetch it: {check.data.branch} is at <code>{check.data.commit.slice(0, 12)}</code>.
          </span>
        )}
      </div>
    </section>
  );
}
