import { useQuery } from '@tanstack/react-query';
import type { AppDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { EnvImport } from './EnvImport';
import { EnvVarForm } from './EnvVarForm';
import { EnvVarRow } from './EnvVarRow';
import { ErrorNotice } from './ErrorNotice';

/** Environment variables: the list (secrets masked), add, edit, delete, and bulk .env import. */
export function EnvironmentTab({ app }: { app: AppDto }) {
  const env = useQuery({ queryKey: queryKeys.env(app.id), queryFn: () => api.call('env.list', { appId: app.id }) });
  const existing = new Set(env.data?.map((variable) => variable.key));

  return (
    <>
      <section className="panel" aria-labelledby="env-heading">
        <h2 id="env-heading">Environment variables</h2>
        <p className="muted">
          Build-scope variables are passed as build arguments, runtime-scope ones to the container. Secret values stay
          in your OS keychain and are redacted from build logs. Changes apply on the next deploy.
        </p>
        {env.error && <ErrorNotice error={env.error} />}
        {env.isPending && <p className="muted">Loading…</p>}
        {env.data && env.data.length === 0 && <p className="muted">No variables yet.</p>}
        {env.data && env.data.length > 0 && (
          <table className="env-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col">Scope</th>
                <th scope="col">Secret</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {env.data.map((variable) => (
                <EnvVarRow key={variable.key} appId={app.id} variable={variable} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="env-add-heading">
        <h2 id="env-add-heading">Add a variable</h2>
        <EnvVarForm appId={app.id} editing={null} existingKeys={existing} />
      </section>
      <section className="panel" aria-labelledby="env-import-heading">
        <h2 id="env-import-heading">Paste .env</h2>
        <EnvImport appId={app.id} />
      </section>
    </>
  );
}
