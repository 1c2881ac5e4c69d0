import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import type { UpdateAppInput } from '../../../shared/schemas/app';
import { api, queryKeys } from '../api';
import { useFieldErrors } from '../hooks/useFieldErrors';
import {
  buildAppUpdate,
  formFromApp,
  hasChanges,
  sectionFields,
  type AppFormValues,
  type SettingsSection,
} from '../lib/app-form';
import { AppField } from './AppField';
import { DeleteApp } from './DeleteApp';
import { ErrorNotice } from './ErrorNotice';
import { DeployKeySection } from './DeployKeySection';
import { GitAccessCheck } from './GitAccessCheck';
import { GitTokenSection } from './GitTokenSection';
import { GitHubPickButton } from './GitHubRepoPicker';
import { useTemplates } from '../hooks/useTemplates';

const TITLES: Record<SettingsSection, { title: string; note: string }> = {
  general: { title: 'General', note: 'The name is also the container’s label; the port is where the app listens.' },
  git: { title: 'Git', note: 'Each deploy builds the head of this branch. Changes apply on the next deploy.' },
  build: { title: 'Build', note: 'The Dockerfile and the build context inside the repository.' },
  resources: {
    title: 'Resources',
    note: 'Limits, restart policy and how much log Docker keeps for the container. Applied on the next deploy.',
  },
  database: {
    title: 'Database',
    note: 'The version of the template’s image and whether its port is published. Applied on the next deploy; the data volume stays.',
  },
};

const TYPE_LABELS: Record<AppDto['type'], string> = {
  web: 'Web (port published or routed)',
  service: 'Service (internal only)',
  database: 'Database (from a template)',
  compose: 'Compose (services from a compose file)',
};

/** One settings tab (General, Git, Build or Resources): its fields and Save. */
export function AppSettingsTab({ app, section }: { app: AppDto; section: SettingsSection }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<AppFormValues>(() => formFromApp(app));
  const fields = sectionFields(section, app.type);
  const templates = useTemplates();
  const template = templates.data?.templates.find((t) => t.id === app.database?.templateId);
  const result = buildAppUpdate(app, values, fields);
  const { shown, touch, markSubmitted, reset } = useFieldErrors(result.ok ? {} : result.errors);
  const save = useMutation({
    mutationFn: (input: UpdateAppInput) => api.call('apps.update', input),
    onSuccess: async (saved) => {
      setValues(formFromApp(saved));
      reset();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(app.id) }),
      ]);
    },
  });
  const changed = result.ok && hasChanges(result.input);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    markSubmitted();
    if (result.ok && hasChanges(result.input)) save.mutate(result.input);
  };
  const { title, note } = TITLES[section];

  return (
    <>
      <form className="panel settings-form" onSubmit={submit} noValidate aria-labelledby="settings-heading">
        <h2 id="settings-heading">{title}</h2>
        <p className="muted">{note}</p>
        {section === 'general' && (
          <dl className="facts">
            <dt>Type</dt>
            <dd data-testid="app-type">{TYPE_LABELS[app.type]}</dd>
            {app.database && (
              <>
                <dt>Template</dt>
                <dd>
                  {template?.name ?? app.database.templateId} · data volume <code>{app.database.volumeName}</code>
                </dd>
              </>
            )}
          </dl>
        )}
        {fields.map((field) => (
          <AppField
            key={field}
            field={field}
            values={values}
            errors={shown}
            onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
            onBlur={touch}
            databasePort={app.port}
            {...(template ? { versions: template.tags } : {})}
          />
        ))}
        {section === 'git' && (
          <GitHubPickButton onPick={(picked) => setValues((current) => ({ ...current, ...picked }))} />
        )}
        <ErrorNotice error={save.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending || (!changed && result.ok)}>
            Save
          </button>
          {save.isSuccess && !changed && (
            <span className="muted" role="status">
              Saved.{app.redeployPending ? ' Deploy to apply.' : ''}
            </span>
          )}
        </div>
      </form>
      {section === 'git' && <GitAccessCheck key={`${app.gitUrl} ${app.branch}`} app={app} />}
      {section === 'git' && <GitTokenSection app={app} />}
      {section === 'git' && <DeployKeySection app={app} />}
      {section === 'general' && (
        <section className="panel danger-zone" aria-labelledby="delete-app-heading">
          <h2 id="delete-app-heading">Delete app</h2>
          <DeleteApp app={app} />
        </section>
      )}
    </>
  );
}
