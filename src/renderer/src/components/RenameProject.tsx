import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ProjectDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { buildRenameProjectInput } from '../lib/project-form';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './TextField';

/** Rename a project (its apps keep their containers; names only label them). */
export function RenameProject({ project }: { project: ProjectDto }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(project.name);
  const result = buildRenameProjectInput(project.id, name);
  const { shown, touch, markSubmitted } = useFieldErrors(result.ok ? {} : result.errors);
  const rename = useMutation({
    mutationFn: (input: { id: string; name: string }) => api.call('projects.rename', input),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
        queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
      ]);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.reset();
    markSubmitted();
    if (result.ok && result.input.name !== project.name) rename.mutate(result.input);
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <TextField
        label="Project name"
        value={name}
        onChange={setName}
        onBlur={() => touch('name')}
        error={shown.name}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" disabled={rename.isPending || name.trim() === project.name}>
        Rename
      </button>
      <ErrorNotice error={rename.error} />
    </form>
  );
}
