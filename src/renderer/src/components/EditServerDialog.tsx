import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { HostKeyProbeDto, HostKeyTrust, ServerDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { useServers } from '../hooks/useServers';
import {
  buildUpdateServerInput,
  formFromServer,
  type ServerFormErrors,
  type ServerFormValues,
  type UpdateDraft,
} from '../lib/server-form';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { HostKeyPrompt } from './HostKeyPrompt';
import { ServerFormFields } from './ServerFormFields';

interface EditServerDialogProps {
  server: ServerDto;
  onClose: () => void;
}

/** Edit a server. A new host or port presents its own key, so that goes through the prompt again. */
export function EditServerDialog({ server, onClose }: EditServerDialogProps) {
  const queryClient = useQueryClient();
  const servers = useServers();
  const [values, setValues] = useState<ServerFormValues>(() => formFromServer(server));
  const [errors, setErrors] = useState<ServerFormErrors>({});
  const [pending, setPending] = useState<{ draft: UpdateDraft; probe: HostKeyProbeDto } | null>(null);

  const probe = useMutation({
    mutationFn: (draft: UpdateDraft) =>
      api.call('servers.probeHostKey', {
        host: draft.input.host ?? server.host,
        port: draft.input.port ?? server.port,
        proxyJumpServerId:
          draft.input.proxyJumpServerId === undefined ? server.proxyJumpServerId : draft.input.proxyJumpServerId,
      }),
  });
  const save = useMutation({
    mutationFn: ({ draft, hostKey }: { draft: UpdateDraft; hostKey?: { fingerprint: string; trust: HostKeyTrust } }) =>
      api.call('servers.update', hostKey ? { ...draft.input, hostKey } : draft.input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.servers });
      onClose();
    },
    onError: () => setPending(null),
  });
  const busy = probe.isPending || save.isPending;

  const update = (patch: Partial<ServerFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    const result = buildUpdateServerInput(server, values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const draft = result.input;
    if (draft.needsHostKey) probe.mutate(draft, { onSuccess: (presented) => setPending({ draft, probe: presented }) });
    else save.mutate({ draft });
  };

  return (
    <Dialog title={`Edit ${server.name}`} onClose={onClose} busy={busy}>
      {pending ? (
        <HostKeyPrompt
          probe={pending.probe}
          busy={save.isPending}
          onDecide={(trust) =>
            save.mutate({ draft: pending.draft, hostKey: { fingerprint: pending.probe.fingerprint, trust } })
          }
          onCancel={() => setPending(null)}
        />
      ) : (
        <form className="server-form" onSubmit={submit} noValidate>
          <ServerFormFields
            values={values}
            errors={errors}
            onChange={update}
            jumpCandidates={(servers.data ?? []).filter((candidate) => candidate.id !== server.id)}
            editing={server}
          />
          <ErrorNotice error={probe.error ?? save.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Save changes
            </button>
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
