import type { AuthKind, ServerFormErrors, ServerFormValues } from '../lib/server-form';
import { TextField } from './TextField';

interface AuthFieldsProps {
  values: ServerFormValues;
  errors: ServerFormErrors;
  onChange: (patch: Partial<ServerFormValues>) => void;
  /** Editing: empty secrets keep the stored ones. */
  storedSecret?: { passphrase: boolean; password: boolean };
}

const METHODS: { kind: AuthKind; label: string }[] = [
  { kind: 'key', label: 'Private key' },
  { kind: 'agent', label: 'SSH agent' },
  { kind: 'password', label: 'Password' },
];

/** The three ways to authenticate; secrets go to the OS keychain, never to the local database. */
export function AuthFields({ values, errors, onChange, storedSecret }: AuthFieldsProps) {
  return (
    <fieldset className="auth-fields">
      <legend>Authentication</legend>
      <div className="radio-row" role="radiogroup" aria-label="Authentication method">
        {METHODS.map((method) => (
          <label key={method.kind} className="radio">
            <input
              type="radio"
              name="auth-kind"
              value={method.kind}
              checked={values.authKind === method.kind}
              onChange={() => onChange({ authKind: method.kind })}
            />
            {method.label}
          </label>
        ))}
      </div>
      {values.authKind === 'key' && (
        <>
          <TextField
            label="Private key path"
            value={values.keyPath}
            onChange={(keyPath) => onChange({ keyPath })}
            error={errors.keyPath}
            placeholder="~/.ssh/id_ed25519"
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            label="Passphrase"
            type="password"
            value={values.passphrase}
            onChange={(passphrase) => onChange({ passphrase })}
            error={errors.passphrase}
            hint={
              storedSecret?.passphrase
                ? 'Leave empty to keep the stored passphrase.'
                : 'Optional. Stored in your OS keychain.'
            }
            autoComplete="off"
          />
        </>
      )}
      {values.authKind === 'agent' && (
        <p className="field-hint">Uses the keys loaded in your SSH agent (SSH_AUTH_SOCK).</p>
      )}
      {values.authKind === 'password' && (
        <TextField
          label="Password"
          type="password"
          value={values.password}
          onChange={(password) => onChange({ password })}
          error={errors.password}
          hint={storedSecret?.password ? 'Leave empty to keep the stored password.' : 'Stored in your OS keychain.'}
          autoComplete="off"
        />
      )}
      {errors.authKind && <p className="field-error">{errors.authKind}</p>}
    </fieldset>
  );
}
