import { useQuery } from '@tanstack/react-query';
import type { AppDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { useNow } from '../hooks/useNow';
import { formatRelativeTime } from '../lib/time';
import { ErrorNotice } from './ErrorNotice';

/** The app's audit log: every change and action, who did it and when (secret values never appear). */
export function ActivityTab({ app }: { app: AppDto }) {
  const audit = useQuery({
    queryKey: queryKeys.audit(app.id),
    queryFn: () => api.call('audit.list', { appId: app.id, limit: 200 }),
  });
  const now = useNow(30_000);
  return (
    <section className="panel" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {audit.error && <ErrorNotice error={audit.error} />}
      {audit.isPending && <p className="muted">Loading…</p>}
      {audit.data && audit.data.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {audit.data && audit.data.length > 0 && (
        <table className="history audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td title={new Date(entry.at).toLocaleString()}>{formatRelativeTime(entry.at, now)}</td>
                <td>{entry.actor}</td>
                <td>{entry.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
