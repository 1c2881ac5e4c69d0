import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ProjectDto } from '../../../shared/dto/app';
import type { ServerDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { buildCreateProjectInput } from '../lib/project-form';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

interface NewProjectDialogProps {
  servers: ServerDto[];
  defaultServerId: string | null;
  onClose: () => void;
  onCreated: (project: ProjectDto) => void;
}

/** A project lives on one server, so its apps reach each other there by container name. */
export function NewProjectDialog({ servers, defaultServerId, onClose, onCreated }: NewProjectDialogProps) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [serverId, setServerId] = useState(defaultServerId ?? servers[0]?.id ?? '');
  const result = buildCreateProjectInput({ name, serverId });
  const { shown, touch, markSubmitted } = useFieldErrors(result.ok ? {} : result.errors);
  const create = useMutation({
    mutationFn: (input: { name: string; serverId: string }) => api.call('projects.create', input),
    onSuccess: async (project) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.projects });
      onCreated(project);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    markSubmitted();
    if (result.ok) create.mutate(result.input);
  };

  return (
    <Dialog title="New project" onClose={onClose} busy={create.isPending}>
      <form className="server-form" onSubmit={submit} noValidate>
        <TextField
          label="Project name"
          value={name}
          onChange={setName}
          onBlur={() => touch('name')}
          error={shown.name}
          hint="Lowercase letters, digits and hyphens. Apps in one project reach each other by name."
          autoComplete="off"
          spellCheck={false}
          autoFocus
          required
        />
        <SelectField
          label="Server"
          value={serverId}
          options={servers.map((server) => ({ value: server.id, label: server.name }))}
          onChange={setServerId}
          error={shown.serverId}
        />
        <ErrorNotice error={create.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            Create project
          </button>
          <button type="button" onClick={onClose} disabled={create.isPending}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
