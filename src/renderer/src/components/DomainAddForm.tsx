import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { DomainDto } from '../../../shared/dto/domain';
import { api, queryKeys } from '../api';
import { domainInputError } from '../lib/domains';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './TextField';

/** Add a domain, validated as you type by the same rule the core uses. */
export function DomainAddForm({ appId, existing }: { appId: string; existing: readonly DomainDto[] }) {
  const queryClient = useQueryClient();
  const [host, setHost] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const add = useMutation({
    mutationFn: (value: string) => api.call('domains.add', { appId, host: value }),
    onSuccess: (list) => {
      queryClient.setQueryData(queryKeys.domains(appId), list);
      setHost('');
      setSubmitted(false);
    },
  });
  const problem = domainInputError(host, existing);
  const error = problem ?? (submitted && host.trim() === '' ? 'Type a domain such as app.example.com.' : null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (host.trim() === '' || problem) return;
    add.mutate(host.trim());
  };
  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate>
      <TextField
        label="Domain"
        value={host}
        onChange={(value) => {
          setHost(value);
          add.reset();
        }}
        error={error ?? undefined}
        hint="A full host name such as shop.example.com; Apply to route it."
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="primary" disabled={add.isPending}>
        Add domain
      </button>
      <ErrorNotice error={add.error} />
    </form>
  );
}
