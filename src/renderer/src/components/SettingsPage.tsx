import { useState, type FormEvent } from 'react';
import type { SettingsDto } from '../../../shared/dto/settings';
import { useSettings, useUpdateSettings } from '../hooks/useSettings';
import { CheckboxField } from './CheckboxField';
import { ErrorNotice } from './ErrorNotice';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

const NOTIFICATION_OPTIONS = [
  { value: 'all', label: 'Every finished deploy' },
  { value: 'failures', label: 'Failed deploys only' },
  { value: 'none', label: 'None' },
] as const;

type Draft = Omit<SettingsDto, 'logTail' | 'scrollback'> & { logTail: string; scrollback: string };

function toDraft(settings: SettingsDto): Draft {
  return { ...settings, logTail: String(settings.logTail), scrollback: String(settings.scrollback) };
}

function numberIn(text: string, min: number, max: number): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** Mist Desktop's own settings: notifications, the tray, and the log terminal's defaults. */
export function SettingsPage() {
  const settings = useSettings();
  if (settings.error) return <ErrorNotice error={settings.error} />;
  if (!settings.data) return <p className="muted">Loading…</p>;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: SettingsDto }) {
  const update = useUpdateSettings();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [saved, setSaved] = useState(false);

  const logTail = numberIn(draft.logTail, 0, 10_000);
  const scrollback = numberIn(draft.scrollback, 1_000, 1_000_000);
  const change = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (logTail === null || scrollback === null) return;
    update.mutate(
      { notifications: draft.notifications, closeToTray: draft.closeToTray, logTail, scrollback },
      { onSuccess: (next) => (setDraft(toDraft(next)), setSaved(true)) },
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
        <fieldset>
          <legend>Log terminal</legend>
          <TextField
            label="Earlier lines to show (container logs)"
            inputMode="numeric"
            value={draft.logTail}
            onChange={(value) => change({ logTail: value })}
            error={logTail === null ? 'a whole number from 0 to 10,000' : undefined}
          />
          <TextField
            label="Scrollback (lines kept)"
            inputMode="numeric"
            value={draft.scrollback}
            onChange={(value) => change({ scrollback: value })}
            error={scrollback === null ? 'a whole number from 1,000 to 1,000,000' : undefined}
          />
        </fieldset>
        {update.error && <ErrorNotice error={update.error} />}
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={update.isPending || logTail === null || scrollback === null}
          >
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
