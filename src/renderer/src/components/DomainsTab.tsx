import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { appStatusLabel } from '../lib/app-status';
import { DomainAddForm } from './DomainAddForm';
import { DomainCertCheck } from './DomainCertCheck';
import { DomainDnsCheck } from './DomainDnsCheck';
import { DomainRow } from './DomainRow';
import { ErrorNotice } from './ErrorNotice';

/** Domains of a web app: the list, add/remove, Apply (no rebuild), DNS and certificate checks. */
export function DomainsTab({ app }: { app: AppDto }) {
  if (app.type !== 'web') {
    return (
      <section className="panel" aria-labelledby="domains-heading">
        <h2 id="domains-heading">Domains</h2>
        <p className="muted">Only web apps have domains: a service is reached by other apps at its internal address.</p>
      </section>
    );
  }
  return <WebAppDomains app={app} />;
}

function WebAppDomains({ app }: { app: AppDto }) {
  const queryClient = useQueryClient();
  const domains = useQuery({
    queryKey: queryKeys.domains(app.id),
    queryFn: () => api.call('domains.list', { appId: app.id }),
  });
  const apply = useMutation({
    mutationFn: () => api.call('domains.apply', { appId: app.id }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.appStatuses }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(app.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
      ]);
    },
  });

  return (
    <>
      <section className="panel" aria-labelledby="domains-heading">
        <div className="panel-header">
          <h2 id="domains-heading">Domains</h2>
          <button type="button" className="primary" onClick={() => apply.mutate()} disabled={apply.isPending}>
            Apply domains
          </button>
        </div>
        <p className="muted">
          Traefik on the server routes these host names to the app and gets Let&apos;s Encrypt certificates for them.
          Apply recreates the container with the new labels from the same image — no rebuild.
        </p>
        {apply.isPending && (
          <p className="muted" role="status">
            Recreating the container with the new labels…
          </p>
        )}
        {apply.data && !apply.isPending && (
          <p className="notice notice-ok" role="status" data-testid="apply-result">
            Applied: the container was recreated from the same image without a rebuild (
            {appStatusLabel(apply.data.status).toLowerCase()}).
          </p>
        )}
        <ErrorNotice error={apply.error} />
        {domains.error && <ErrorNotice error={domains.error} />}
        {domains.isPending && <p className="muted">Loading…</p>}
        {domains.data && domains.data.length === 0 && <p className="muted">No domains yet.</p>}
        {domains.data && domains.data.length > 0 && (
          <table className="env-table domains-table">
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {domains.data.map((domain) => (
                <DomainRow key={domain.host} domain={domain} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="domain-add-heading">
        <h2 id="domain-add-heading">Add a domain</h2>
        <DomainAddForm appId={app.id} existing={domains.data ?? []} />
      </section>
      <DomainDnsCheck appId={app.id} />
      <DomainCertCheck appId={app.id} />
    </>
  );
}
