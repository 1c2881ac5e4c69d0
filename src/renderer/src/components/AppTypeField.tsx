import type { AppType } from '../../../shared/dto/app';

const TYPES: { value: AppType; label: string; hint: string }[] = [
  {
    value: 'web',
    label: 'Web',
    hint: 'Reachable from outside: its port is published (or routed by Traefik with a domain).',
  },
  { value: 'service', label: 'Service', hint: 'Internal only: other apps on the server reach it by name.' },
  {
    value: 'database',
    label: 'Database',
    hint: 'One click from a template (PostgreSQL, MySQL, Redis…): no repository, data kept in a volume.',
  },
  {
    value: 'compose',
    label: 'Compose',
    hint: 'A docker-compose.yml from a repository: several services deployed together.',
  },
];

/** The app's type, chosen once when the app is created. */
export function AppTypeField({ value, onChange }: { value: AppType; onChange: (type: AppType) => void }) {
  const hint = TYPES.find((type) => type.value === value)?.hint;
  return (
    <fieldset className="type-field">
      <legend>Type</legend>
      <div className="radio-row" role="radiogroup" aria-label="App type">
        {TYPES.map((type) => (
          <label key={type.value} className="radio">
            <input
              type="radio"
              name="app-type"
              value={type.value}
              checked={value === type.value}
              onChange={() => onChange(type.value)}
            />
            {type.label}
          </label>
        ))}
      </div>
      <p className="field-hint">{hint}</p>
    </fieldset>
  );
}
