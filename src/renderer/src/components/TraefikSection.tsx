import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ServerDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { prepareFormErrors, prepareInput, prepareSummary } from '../lib/domains';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './TextField';

/** Traefik on the server: ACME email, wildcard domain, Prepare server (idempotent) and the dashboard. */
export function TraefikSection({ server }: { server: ServerDto }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(server.acmeEmail ?? '');
  const [wildcard, setWildcard] = useState(server.wildcardDomain ?? '');
  const [submitted, setSubmitted] = useState(false);
  const errors = prepareFormErrors(email, wildcard, submitted);

  const prepare = useMutation({
    mutationFn: () => api.call('servers.prepare', prepareInput(server.id, email, wildcard)),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.servers }),
        queryClient.invalidateQueries({ queryKey: queryKeys.check(server.id) }),
      ]);
    },
  });
  const dashboard = useMutation({
    mutationFn: () => api.call('servers.openTraefikDashboard', { id: server.id }),
    onSuccess: ({ url }) => {
      window.open(url, '_blank', 'noreferrer');
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const now = prepareFormErrors(email, wildcard, true);
    if (now.email || now.wildcard) return;
    prepare.mutate();
  };

  return (
    <section className="panel" aria-labelledby="traefik-heading">
      <div className="panel-header">
        <h2 id="traefik-heading">Traefik</h2>
        <button type="button" onClick={() => dashboard.mutate()} disabled={dashboard.isPending}>
          Open Traefik dashboard
        </button>
      </div>
      <p className="muted">
        Traefik routes web apps by domain on ports 80 and 443 and gets Let&apos;s Encrypt certificates. Prepare server
        creates the traefik-net network and the Traefik container; run it again to upgrade. Nothing changes when ports
        80/443 are taken.
      </p>
      <dl className="facts">
        <dt>ACME email</dt>
        <dd data-testid="acme-email">{server.acmeEmail ?? 'not set'}</dd>
        <dt>Wildcard domain</dt>
        <dd className={server.wildcardDomain ? 'mono' : undefined} data-testid="wildcard-domain">
          {server.wildcardDomain ?? 'not set (no automatic domains)'}
        </dd>
      </dl>
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <div className="field-row field-row-even">
          <TextField
            label="ACME email"
            type="email"
            value={email}
            onChange={setEmail}
            error={errors.email}
            hint="Let's Encrypt writes here about expiring certificates."
            autoComplete="email"
          />
          <TextField
            label="Wildcard domain"
            value={wildcard}
            onChange={setWildcard}
            error={errors.wildcard}
            hint="Optional, e.g. apps.example.com: new web apps get project-app.apps.example.com."
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={prepare.isPending}>
            Prepare server
          </button>
        </div>
      </form>
      {prepare.isPending && (
        <p className="muted" role="status">
          Preparing {server.name}: network, Traefik image and container…
        </p>
      )}
      {prepare.error && !prepare.isPending && <ErrorNotice error={prepare.error} />}
      {prepare.data && !prepare.isPending && (
        <div className="notice notice-ok" role="status" data-testid="prepare-result">
          {prepareSummary(prepare.data).map((line) => (
            <p key={line}>{line}</p>
          ))}
          {prepare.data.messages.map((line, index) => (
            <p key={`m${index}`} className="muted">
              {line}
            </p>
          ))}
        </div>
      )}
      <ErrorNotice error={dashboard.error} />
      {dashboard.data && (
        <p className="muted">
          Dashboard (through the SSH connection):{' '}
          <a href={dashboard.data.url} target="_blank" rel="noreferrer">
            {dashboard.data.url}
          </a>
        </p>
      )}
    </section>
  );
}
