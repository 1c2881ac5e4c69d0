import type { TemplateDto } from '../../../shared/dto/template';
import { useTemplates } from '../hooks/useTemplates';
import type { AppFormErrors, AppFormValues } from '../lib/app-form';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './SelectField';

interface TemplatePickerProps {
  values: AppFormValues;
  errors: AppFormErrors;
  onChange: (patch: Partial<AppFormValues>) => void;
}

/**
 * Pick a database template and one of its versions; shows what it will run and the resources it
 * recommends (the defaults unless set). Invalid custom template files are listed, never hidden.
 */
export function TemplatePicker({ values, errors, onChange }: TemplatePickerProps) {
  const catalog = useTemplates();
  const templates = catalog.data?.templates ?? [];
  const chosen = templates.find((template) => template.id === values.template);
  const choose = (template: TemplateDto) => onChange({ template: template.id, version: template.defaultTag });

  return (
    <fieldset className="template-picker">
      <legend>Template</legend>
      {catalog.error && <ErrorNotice error={catalog.error} />}
      {catalog.isPending && <p className="muted">Loading templates…</p>}
      <div className="template-grid" role="radiogroup" aria-label="Database template">
        {templates.map((template) => (
          <label key={template.id} className={`template-card${template.id === values.template ? ' selected' : ''}`}>
            <input
              type="radio"
              name="template"
              value={template.id}
              checked={template.id === values.template}
              onChange={() => choose(template)}
            />
            <span className="template-name">{template.name}</span>
            <span className="muted template-image">
              {template.image}
              {template.source === 'custom' ? ' · custom' : ''}
            </span>
          </label>
        ))}
      </div>
      {errors.template && (
        <p className="field-error" role="alert">
          {errors.template}
        </p>
      )}
      {chosen && (
        <>
          <p className="field-hint">{chosen.description}</p>
          <SelectField
            label="Version"
            value={values.version}
            options={chosen.tags.map((tag) => ({
              value: tag,
              label: tag === chosen.defaultTag ? `${tag} (default)` : tag,
            }))}
            onChange={(version) => onChange({ version })}
            error={errors.version}
          />
          <p className="muted" data-testid="template-defaults">
            Runs {chosen.image}:{values.version || chosen.defaultTag} on port {chosen.port}; recommended{' '}
            {chosen.recommended.cpu} CPU and {chosen.recommended.memoryMb} MB (the limits unless you set others).
            {chosen.secrets.length > 0 ? ' Passwords are generated and kept in your keychain.' : ''}
          </p>
        </>
      )}
      {(catalog.data?.invalid ?? []).map((file) => (
        <div key={file.file} className="notice notice-warn" role="status">
          <p>
            The template file <code>{file.file}</code> is invalid and was not loaded:
          </p>
          <ul>
            {file.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}
