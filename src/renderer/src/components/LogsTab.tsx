import { lazy, Suspense, useState } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { api } from '../api';
import { useAppStatus } from '../hooks/useAppStatuses';
import { TAIL_CHOICES, useLogSettings } from '../hooks/useLogSettings';
import { containerLogText, systemText } from '../lib/log-writer';
import type { LogFeed } from './LogTerminal';

const LogTerminal = lazy(() => import('./LogTerminal').then((module) => ({ default: module.LogTerminal })));

/**
 * The app's container log, followed live (`apps.logs`): the last N lines, then new ones as they come;
 * timestamps on or off; a compose app's services combined or one of them.
 */
export function LogsTab({ app }: { app: AppDto }) {
  const [settings, updateSettings] = useLogSettings();
  const [service, setService] = useState<string>('');
  const { status } = useAppStatus(app.id);
  const services = [...new Set((status?.services ?? []).map((s) => s.service))].sort();
  const { tail, timestamps } = settings;

  const feed: LogFeed = (sink) =>
    api.watch(
      'apps.logs',
      { appId: app.id, tail, timestamps, ...(service ? { service } : {}) },
      (lines) => sink.write(containerLogText(lines, timestamps), lines.length),
      (error) => {
        if (error) sink.write(systemText(`— the log stopped: ${error.message} —`), 1);
      },
    );

  const controls = (
    <>
      {app.type === 'compose' && (
        <label className="log-select">
          Service
          <select aria-label="Service" value={service} onChange={(event) => setService(event.target.value)}>
            <option value="">All services</option>
            {services.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="log-select">
        Last
        <select
          aria-label="Lines to show first"
          value={tail}
          onChange={(event) => updateSettings({ tail: Number(event.target.value) })}
        >
          {TAIL_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice.toLocaleString('en')} lines
            </option>
          ))}
        </select>
      </label>
      <label className="log-check">
        <input
          type="checkbox"
          checked={timestamps}
          onChange={(event) => updateSettings({ timestamps: event.target.checked })}
        />
        Timestamps
      </label>
    </>
  );

  return (
    <section className="panel logs-tab" aria-labelledby="logs-heading">
      <h2 id="logs-heading" className="visually-hidden">
        Container log
      </h2>
      <Suspense fallback={<p className="muted">Loading the terminal…</p>}>
        <LogTerminal
          label={`Container log of ${app.name}`}
          fileBase={app.name}
          feed={feed}
          feedKey={`${app.id}|${tail}|${timestamps}|${service}`}
          controls={controls}
        />
      </Suspense>
    </section>
  );
}
