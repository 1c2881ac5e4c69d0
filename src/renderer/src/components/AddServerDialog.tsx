import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { HostKeyProbeDto, HostKeyTrust, ServerDto, SshConfigHostDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { useServers } from '../hooks/useServers';
import {
  buildAddServerInput,
  emptyServerForm,
  formFromSshConfigHost,
  type AddServerDraft,
  type ServerFormErrors,
  type ServerFormValues,
} from '../lib/server-form';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { HostKeyPrompt } from './HostKeyPrompt';
import { ServerFormFields } from './ServerFormFields';
import { SshConfigImport } from './SshConfigImport';

interface AddServerDialogProps {
  onClose: () => void;
  onAdded: (server: ServerDto) => void;
}

type Pending = { draft: AddServerDraft; probe: HostKeyProbeDto };

/**
 * Add a server: fill the form (or import from ~/.ssh/config), see the host key the server presents,
 * then accept it once or remember it. Only that answer saves the server; Cancel saves nothing.
 */
export function AddServerDialog({ onClose, onAdded }: AddServerDialogProps) {
  const queryClient = useQueryClient();
  const servers = useServers();
  const [values, setValues] = useState<ServerFormValues>(emptyServerForm);
  const [errors, setErrors] = useState<ServerFormErrors>({});
  const [importNote, setImportNote] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const probe = useMutation({
    mutationFn: (draft: AddServerDraft) =>
      api.call('servers.probeHostKey', {
        host: draft.host,
        port: draft.port,
        proxyJumpServerId: draft.proxyJumpServerId,
      }),
  });
  const add = useMutation({
    mutationFn: ({ draft, probe: presented, trust }: Pending & { trust: HostKeyTrust }) =>
      api.call('servers.add', { ...draft, hostKey: { fingerprint: presented.fingerprint, trust } }),
    onSuccess: async (server) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.servers });
      onAdded(server);
    },
    onError: () => setPending(null),
  });
  const busy = probe.isPending || add.isPending;

  const update = (patch: Partial<ServerFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch) as (keyof ServerFormValues)[]) delete next[key];
      return next;
    });
  };

  const pickSshHost = (host: SshConfigHostDto) => {
    setValues((current) => formFromSshConfigHost(host, current));
    setErrors({});
    setImportNote(
      host.proxyJump && !host.proxyJumpServerId
        ? `${host.alias} jumps through “${host.proxyJump}”, which is not a saved server yet: add it first, then pick it under “Jump through”.`
        : null,
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.reset();
    const result = buildAddServerInput(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const draft = result.input;
    probe.mutate(draft, { onSuccess: (presented) => setPending({ draft, probe: presented }) });
  };

  return (
    <Dialog title="Add server" onClose={onClose} busy={busy}>
      {pending ? (
        <>
          <HostKeyPrompt
            probe={pending.probe}
            busy={add.isPending}
            onDecide={(trust) => add.mutate({ ...pending, trust })}
            onCancel={() => setPending(null)}
          />
          {add.isPending && (
            <p className="muted" role="status">
              Connecting to {pending.draft.host} and saving…
            </p>
          )}
        </>
      ) : (
        <form className="server-form" onSubmit={submit} noValidate>
          <SshConfigImport onPick={pickSshHost} />
          {importNote && <p className="notice">{importNote}</p>}
          <ServerFormFields values={values} errors={errors} onChange={update} jumpCandidates={servers.data ?? []} />
          <ErrorNotice error={probe.error ?? add.error} />
          {probe.isPending && (
            <p className="muted" role="status">
              Asking {values.host} for its host key…
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Continue
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
