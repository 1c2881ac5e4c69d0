import { useId } from 'react';
import type { ServerDto } from '../../../shared/dto/server';
import type { ServerFormErrors, ServerFormValues } from '../lib/server-form';
import { AuthFields } from './AuthFields';
import { CheckboxField } from './CheckboxField';
import { TextField } from './TextField';

interface ServerFormFieldsProps {
  values: ServerFormValues;
  errors: ServerFormErrors;
  onChange: (patch: Partial<ServerFormValues>) => void;
  /** Servers this one may jump through (never itself). */
  jumpCandidates: ServerDto[];
  /** Set when editing an existing server. */
  editing?: ServerDto;
}

/** The fields shared by the Add and Edit dialogs. */
export function ServerFormFields({ values, errors, onChange, jumpCandidates, editing }: ServerFormFieldsProps) {
  const jumpId = useId();
  return (
    <>
      <TextField
        label="Name"
        value={values.name}
        onChange={(name) => onChange({ name })}
        error={errors.name}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <div className="field-row">
        <TextField
          label="Host"
          value={values.host}
          onChange={(host) => onChange({ host })}
          error={errors.host}
          placeholder="server.example.com"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="Port"
          type="number"
          min={1}
          max={65535}
          className="input-port"
          value={values.port}
          onChange={(port) => onChange({ port })}
          error={errors.port}
          required
        />
      </div>
      <TextField
        label="User"
        value={values.user}
        onChange={(user) => onChange({ user })}
        error={errors.user}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <AuthFields
        values={values}
        errors={errors}
        onChange={onChange}
        storedSecret={
          editing
            ? {
                passphrase: editing.auth.kind === 'key' && editing.auth.hasPassphrase,
                password: editing.auth.kind === 'password',
              }
            : undefined
        }
      />
      <div className="field">
        <label htmlFor={jumpId}>Jump through</label>
        <select
          id={jumpId}
          value={values.proxyJumpServerId}
          onChange={(event) => onChange({ proxyJumpServerId: event.target.value })}
        >
          <option value="">No jump host (connect directly)</option>
          {jumpCandidates.map((server) => (
            <option key={server.id} value={server.id}>
              {server.name} ({server.user}@{server.host})
            </option>
          ))}
        </select>
        {errors.proxyJumpServerId && <p className="field-error">{errors.proxyJumpServerId}</p>}
      </div>
      <details className="advanced" open={Boolean(errors.dockerSocketPath || errors.publicAddress) || undefined}>
        <summary>Advanced</summary>
        <TextField
          label="Docker socket path"
          value={values.dockerSocketPath}
          onChange={(dockerSocketPath) => onChange({ dockerSocketPath })}
          error={errors.dockerSocketPath}
          spellCheck={false}
        />
        <CheckboxField
          label="Forward my SSH agent to git"
          checked={values.forwardAgent}
          onChange={(forwardAgent) => onChange({ forwardAgent })}
          hint="For private repositories over ssh: only git commands of deploys get your agent, never your keys."
        />
        <TextField
          label="Public address"
          value={values.publicAddress}
          onChange={(publicAddress) => onChange({ publicAddress })}
          error={errors.publicAddress}
          spellCheck={false}
          hint="Where visitors reach this server, if not at the host above (a jump host, a private address). Domains are checked against it."
        />
      </details>
    </>
  );
}
