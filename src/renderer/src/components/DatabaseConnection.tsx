import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import type { ConnectionInfoDto } from '../../../shared/dto/database';
import { api, queryKeys } from '../api';
import { ErrorNotice } from './ErrorNotice';

/**
 * A database app's connection strings: the password masked until Reveal; Copy puts the full string
 * (password included) on the clipboard without showing it. The revealed strings live in this
 * component's state only, never in the query cache.
 */
export function DatabaseConnection({ app }: { app: AppDto }) {
  const masked = useQuery({
    queryKey: queryKeys.connectionInfo(app.id),
    queryFn: () => api.call('databases.connectionInfo', { appId: app.id, reveal: false }),
  });
  const [revealed, setRevealed] = useState<ConnectionInfoDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const fetchRevealed = async (): Promise<ConnectionInfoDto | null> => {
    try {
      setError(null);
      return await api.call('databases.connectionInfo', { appId: app.id, reveal: true });
    } catch (caught) {
      setError(caught);
      return null;
    }
  };
  const copy = async (label: string) => {
    const info = revealed ?? (await fetchRevealed());
    const value = info?.strings.find((s) => s.label === label)?.value;
    if (value === undefined) return;
    try {
      await navigator.clipboard.writeText(value);
      setCopied(label);
    } catch {
      setCopied(null);
      setError(new Error('The clipboard refused the text.'));
    }
    setTimeout(() => setCopied(null), 2000);
  };
  const shown = revealed ?? masked.data;

  return (
    <section className="panel" aria-labelledby="connection-heading">
      <div className="panel-header">
        <h2 id="connection-heading">Connection</h2>
        <button
          type="button"
          className="small"
          onClick={async () => setRevealed(revealed ? null : await fetchRevealed())}
          aria-pressed={revealed !== null}
        >
          {revealed ? 'Hide password' : 'Reveal password'}
        </button>
      </div>
      {masked.error && <ErrorNotice error={masked.error} />}
      {error !== null && <ErrorNotice error={error} />}
      {shown && (
        <>
          <p className="muted">
            Apps on this server connect to <code>{`${shown.host}:${shown.port}`}</code>
            {shown.publishedPort !== null
              ? `; the port is also published on the server (${shown.publishedPort}).`
              : '.'}
          </p>
          <dl className="facts connection-strings">
            {shown.strings.map((entry) => (
              <div key={entry.label} className="connection-string">
                <dt>{entry.label}</dt>
                <dd>
                  <code data-testid={`connection-${entry.label}`}>{entry.value}</code>{' '}
                  <button
                    type="button"
                    className="small"
                    onClick={() => void copy(entry.label)}
                    aria-label={`Copy ${entry.label}`}
                  >
                    {copied === entry.label ? 'Copied' : 'Copy'}
                  </button>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
