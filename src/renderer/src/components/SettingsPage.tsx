import { useState, type FormEvent } from 'react';
import type { SettingsDto } from '../../../shared/dto/settings';
import { useSettings, useUpdateSettings } from '../hooks/useSettings';
import { CheckboxField } from './CheckboxField';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './SelectField';

const NOTIFICATION_OPTIONS = [
  { value: 'all', label: 'Every finished deploy' },
  { value: 'failures', label: 'Failed deploys only' },
  { value: 'none', label: 'None' },
] as const;

/** Mist Desktop's own settings: notifications and the tray. (A log terminal remembers its own toolbar choices.) */
export function SettingsPage() {
  const settings = useSettings();
  if (settings.error) return <ErrorNotice error={settings.error} />;
  if (!settings.data) return <p className="muted">Loading…</p>;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: SettingsDto }) {
  const update = useUpdateSettings();
  const [draft, setDraft] = useState<SettingsDto>(initial);
  const [saved, setSaved] = useState(false);

  const change = (patch: Partial<SettingsDto>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { notifications: draft.notifications, closeToTray: draft.closeToTray },
      { onSuccess: (next) => (setDraft(next), setSaved(true)) },
    );
  };

  return (
    <article className="page settings-page" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Notifications and tray</legend>
          <SelectField
            label="Notify me when a deploy finishes"
            value={draft.notifications}
            options={NOTIFICATION_OPTIONS}
            onChange={(notifications) => change({ notifications })}
          />
          <CheckboxField
            label="Keep running in the tray when the window is closed"
            checked={draft.closeToTray}
            onChange={(closeToTray) => change({ closeToTray })}
            hint="The desktop app only; quit from the tray menu."
          />
        </fieldset>
        {update.error && <ErrorNotice error={update.error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
          <span role="status" className="muted">
            {saved ? 'Saved.' : ''}
          </span>
        </div>
      </form>
    </article>
  );
}
