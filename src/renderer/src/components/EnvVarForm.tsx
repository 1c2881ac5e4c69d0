import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { EnvVarDto } from '../../../shared/dto/app';
import { api } from '../api';
import { useEnvChanged } from '../hooks/useEnvChanged';
import { useFieldErrors } from '../hooks/useFieldErrors';
import {
  ENV_SCOPES,
  buildEnvVarInput,
  emptyEnvForm,
  formFromEnvVar,
  type EnvFormValues,
  type EnvVarInput,
} from '../lib/env-form';
import { CheckboxField } from './CheckboxField';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

interface EnvVarFormProps {
  appId: string;
  /** The variable being edited, or null to add one. */
  editing: EnvVarDto | null;
  existingKeys?: ReadonlySet<string>;
  onDone?: () => void;
}

/** Add a variable, or edit one (its key stays; a secret left empty keeps its stored value). */
export function EnvVarForm({ appId, editing, existingKeys, onDone }: EnvVarFormProps) {
  const changed = useEnvChanged(appId);
  const [values, setValues] = useState<EnvFormValues>(() => (editing ? formFromEnvVar(editing) : emptyEnvForm()));
  const result = buildEnvVarInput(values, editing);
  const { shown, touch, markSubmitted, reset } = useFieldErrors(result.ok ? {} : result.errors);
  const replacing = !editing && existingKeys?.has(values.key.trim());
  const save = useMutation({
    mutationFn: async ({ variable, keepValue }: { variable: EnvVarInput; keepValue: boolean }) => {
      const value = keepValue ? (await api.call('env.reveal', { appId, key: variable.key })).value : variable.value;
      return api.call('env.set', { appId, vars: [{ ...variable, value }] });
    },
    onSuccess: async () => {
      if (!editing) {
        setValues(emptyEnvForm());
        reset();
      }
      await changed();
      onDone?.();
    },
  });
  const update = (patch: Partial<EnvFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    markSubmitted();
    if (result.ok) save.mutate(result.input);
  };

  return (
    <form className="env-form" onSubmit={submit} noValidate>
      <div className="field-row field-row-even">
        <TextField
          label="Key"
          value={values.key}
          onChange={(key) => update({ key })}
          onBlur={() => touch('key')}
          error={shown.key}
          hint={replacing ? 'This key exists: adding replaces its value.' : undefined}
          disabled={editing !== null}
          autoComplete="off"
          spellCheck={false}
          className="mono"
        />
        <TextField
          label="Value"
          type={values.secret ? 'password' : 'text'}
          value={values.value}
          onChange={(value) => update({ value })}
          onBlur={() => touch('value')}
          error={shown.value}
          placeholder={editing?.secret ? 'Leave empty to keep the stored value' : undefined}
          autoComplete="off"
          spellCheck={false}
          className="mono"
        />
      </div>
      <div className="field-row field-row-even">
        <SelectField label="Scope" value={values.scope} options={ENV_SCOPES} onChange={(scope) => update({ scope })} />
        <CheckboxField
          label="Secret"
          checked={values.secret}
          onChange={(secret) => update({ secret })}
          hint="Kept in the OS keychain, masked here, redacted from logs."
        />
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {editing ? 'Save' : 'Add variable'}
        </button>
        {editing && (
          <button type="button" onClick={onDone} disabled={save.isPending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
