import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AppDto, ProjectDto } from '../../../shared/dto/app';
import type { CreateAppInput } from '../../../shared/schemas/app';
import { api, queryKeys } from '../api';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { buildCreateAppInput, emptyAppForm, type AppFormValues } from '../lib/app-form';
import { AppField } from './AppField';
import { AppTypeField } from './AppTypeField';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { GitHubPickButton } from './GitHubRepoPicker';
import { TemplatePicker } from './TemplatePicker';
import { useTemplates } from '../hooks/useTemplates';

interface NewAppDialogProps {
  project: ProjectDto;
  onClose: () => void;
  onCreated: (app: AppDto) => void;
}

/**
 * Create an app: web or service (a repository with a Dockerfile), database (a template and a
 * version), or compose (a repository with a compose file). Limits come later, in Resources.
 */
export function NewAppDialog({ project, onClose, onCreated }: NewAppDialogProps) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<AppFormValues>(emptyAppForm);
  const result = buildCreateAppInput(project.id, values);
  const { shown, touch, markSubmitted } = useFieldErrors(result.ok ? {} : result.errors);
  const create = useMutation({
    mutationFn: (input: CreateAppInput) => api.call('apps.create', input),
    onSuccess: async (app) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
      ]);
      onCreated(app);
    },
  });
  const update = (patch: Partial<AppFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    markSubmitted();
    if (result.ok) create.mutate(result.input);
  };
  const field = (
    name: 'name' | 'port' | 'gitUrl' | 'branch' | 'dockerfilePath' | 'rootDir' | 'composeFile' | 'publishPort',
  ) => <AppField field={name} values={values} errors={shown} onChange={update} onBlur={touch} />;
  const isDatabase = values.type === 'database';
  const templates = useTemplates();
  const databasePort = templates.data?.templates.find((template) => template.id === values.template)?.port;

  return (
    <Dialog title={`New app in ${project.name}`} onClose={onClose} busy={create.isPending}>
      <form className="server-form" onSubmit={submit} noValidate>
        <AppTypeField value={values.type} onChange={(type) => update({ type })} />
        {isDatabase ? (
          <>
            {field('name')}
            <TemplatePicker values={values} errors={shown} onChange={update} />
            <AppField
              field="publishPort"
              values={values}
              errors={shown}
              onChange={update}
              onBlur={touch}
              {...(databasePort !== undefined ? { databasePort } : {})}
            />
          </>
        ) : (
          <>
            <div className="field-row">
              {field('name')}
              {values.type !== 'compose' && field('port')}
            </div>
            {field('gitUrl')}
            <GitHubPickButton onPick={update} />
            {field('branch')}
            <div className="field-row field-row-even">
              {values.type === 'compose' ? field('composeFile') : field('dockerfilePath')}
              {field('rootDir')}
            </div>
          </>
        )}
        <ErrorNotice error={create.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            Create app
          </button>
          <button type="button" onClick={onClose} disabled={create.isPending}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
