import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { EnvScope } from '../../../shared/dto/app';
import { parseDotenv } from '../../../shared/dotenv';
import { api } from '../api';
import { useEnvChanged } from '../hooks/useEnvChanged';
import { ENV_SCOPES } from '../lib/env-form';
import { pluralize } from '../lib/format';
import { CheckboxField } from './CheckboxField';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './SelectField';

/** Bulk import in .env form; bad lines are listed by number (as you type, and as the core saw them). */
export function EnvImport({ appId }: { appId: string }) {
  const textId = useId();
  const changed = useEnvChanged(appId);
  const [text, setText] = useState('');
  const [secret, setSecret] = useState(false);
  const [scope, setScope] = useState<EnvScope>('both');
  const preview = parseDotenv(text);
  const importEnv = useMutation({
    mutationFn: () => api.call('env.import', { appId, dotenv: text, secret, scope }),
    onSuccess: async (result) => {
      if (result.errors.length === 0) setText('');
      await changed();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    importEnv.reset();
    importEnv.mutate();
  };
  const errors = importEnv.data?.errors ?? preview.errors;

  return (
    <form className="env-import" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={textId}>.env text</label>
        <textarea
          id={textId}
          className="mono"
          rows={6}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            importEnv.reset();
          }}
          placeholder={
            '# comments, quotes and export are fine\nDATABASE_URL=postgres://db:5432/app\nexport API_KEY="abc"'
          }
          spellCheck={false}
          aria-describedby={errors.length > 0 ? `${textId}-errors` : undefined}
        />
      </div>
      <div className="field-row field-row-even">
        <SelectField label="Scope of imported variables" value={scope} options={ENV_SCOPES} onChange={setScope} />
        <CheckboxField label="Import as secrets" checked={secret} onChange={setSecret} />
      </div>
      {errors.length > 0 && (
        <ul id={`${textId}-errors`} className="line-errors" aria-label="Lines with problems">
          {errors.map((error) => (
            <li key={error.line} className="field-error">
              Line {error.line}: {error.message}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={importEnv.error} />
      {importEnv.data && (
        <p className="notice notice-ok" role="status">
          Imported {pluralize(importEnv.data.imported, 'variable')}
          {importEnv.data.errors.length > 0 ? `; ${pluralize(importEnv.data.errors.length, 'line')} skipped` : ''}.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={importEnv.isPending || preview.entries.length === 0}>
          Import
        </button>
        {!importEnv.data && preview.entries.length > 0 && (
          <span className="muted">{pluralize(preview.entries.length, 'variable')} found</span>
        )}
      </div>
    </form>
  );
}
