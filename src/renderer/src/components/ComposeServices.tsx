import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AppDto, ComposeServiceStatusDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

/**
 * A compose app's services (state, image, ports) and the one service made public through Traefik:
 * Mist Desktop adds its labels and network in a generated override file, never in the user's file.
 */
export function ComposeServices({ app, services }: { app: AppDto; services: ComposeServiceStatusDto[] }) {
  const queryClient = useQueryClient();
  const current = app.compose;
  const [service, setService] = useState(current?.publicService ?? '');
  const [port, setPort] = useState(current?.publicPort ? String(current.publicPort) : '');
  const save = useMutation({
    mutationFn: () =>
      api.call('apps.update', {
        id: app.id,
        publicService: service === '' ? null : service,
        publicPort: service === '' || port.trim() === '' ? null : Number(port),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
  });
  const names = [
    ...new Set([...services.map((s) => s.service), ...(current?.publicService ? [current.publicService] : [])]),
  ];
  const portProblem =
    service !== '' && !/^\d{1,5}$/.test(port.trim())
      ? 'The port the service listens on inside its container.'
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!portProblem) save.mutate();
  };

  return (
    <section className="panel" aria-labelledby="services-heading">
      <h2 id="services-heading">Services</h2>
      {services.length === 0 ? (
        <p className="muted">No service containers on the server yet. Deploy runs docker compose up.</p>
      ) : (
        <table className="table" data-testid="compose-services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">State</th>
              <th scope="col">Image</th>
              <th scope="col">Ports</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.service} data-service={s.service}>
                <td>{s.service}</td>
                <td>{s.state}</td>
                <td>
                  <code>{s.image}</code>
                </td>
                <td>{s.ports.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="settings-form" onSubmit={submit} noValidate aria-label="Public service">
        <h3>Public service</h3>
        <p className="muted">
          The service Traefik routes the app’s domains to (set them in Domains). Applied on the next deploy.
        </p>
        <div className="field-row">
          <SelectField
            label="Service"
            value={service}
            options={[
              { value: '', label: 'None (nothing public)' },
              ...names.map((name) => ({ value: name, label: name })),
            ]}
            onChange={setService}
          />
          {service !== '' && (
            <TextField
              label="Port"
              inputMode="numeric"
              value={port}
              onChange={setPort}
              error={portProblem}
              className="input-port"
            />
          )}
        </div>
        <ErrorNotice error={save.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save
          </button>
          {save.isSuccess && (
            <span className="muted" role="status">
              Saved. Deploy to apply.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
