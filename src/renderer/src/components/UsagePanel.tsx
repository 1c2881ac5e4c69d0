import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppDto, AppUsageDto, ContainerUsageDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { formatBytes } from '../lib/format';
import { addUsage, sparklinePoints, type UsageHistory, type UsagePoint } from '../lib/usage-history';
import { ErrorNotice } from './ErrorNotice';

/** How often the panel asks for a sample while it is shown. */
const USAGE_REFRESH_MS = 5_000;
const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 24;

/**
 * CPU, memory and network of the app's running containers (`apps.usage`), a sample every five
 * seconds while the Overview is open and the app runs, with the last five minutes drawn small.
 */
export function UsagePanel({ app, running }: { app: AppDto; running: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.usage(app.id);
  // each sample joins the ones before it in the query's own cache: the lines survive a tab switch
  const usage = useQuery({
    queryKey: key,
    queryFn: async (): Promise<{ latest: AppUsageDto; history: UsageHistory }> => {
      const latest = await api.call('apps.usage', { appId: app.id });
      const before = queryClient.getQueryData<{ history: UsageHistory }>(key)?.history ?? {};
      return { latest, history: addUsage(before, latest) };
    },
    enabled: running,
    refetchInterval: running ? USAGE_REFRESH_MS : false,
  });
  const history = usage.data?.history ?? {};
  const containers = running ? (usage.data?.latest.containers ?? []) : [];
  return (
    <section className="panel" aria-labelledby="usage-heading">
      <h2 id="usage-heading">Usage</h2>
      {usage.error && <ErrorNotice error={usage.error} />}
      {!running ? (
        <p className="muted">Not running.</p>
      ) : containers.length === 0 ? (
        <p className="muted">{usage.isPending ? 'Reading…' : 'No running container.'}</p>
      ) : (
        <table className="table usage" data-testid="app-usage">
          <thead>
            <tr>
              {app.type === 'compose' && <th scope="col">Service</th>}
              <th scope="col">CPU</th>
              <th scope="col">Memory</th>
              <th scope="col">Network in / out</th>
            </tr>
          </thead>
          <tbody>
            {containers.map((container) => (
              <UsageRow
                key={container.containerId}
                container={container}
                points={history[container.containerId] ?? []}
                showService={app.type === 'compose'}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UsageRow({
  container,
  points,
  showService,
}: {
  container: ContainerUsageDto;
  points: readonly UsagePoint[];
  showService: boolean;
}) {
  const limit = container.memoryLimitBytes;
  return (
    <tr data-container={container.containerId}>
      {showService && <td>{container.service ?? '—'}</td>}
      <td>
        <span data-testid="usage-cpu">{container.cpuPercent.toFixed(1)} %</span>
        <Sparkline label="CPU, last five minutes" values={points.map((p) => p.cpuPercent)} floor={100} />
      </td>
      <td>
        <span data-testid="usage-memory">
          {formatBytes(container.memoryBytes)}
          {limit ? ` of ${formatBytes(limit)}` : ''}
        </span>
        <Sparkline label="Memory, last five minutes" values={points.map((p) => p.memoryBytes)} floor={limit ?? 1} />
      </td>
      <td>
        {formatBytes(container.networkRxBytes)} / {formatBytes(container.networkTxBytes)}
      </td>
    </tr>
  );
}

function Sparkline({ label, values, floor }: { label: string; values: readonly number[]; floor: number }) {
  if (values.length < 2) return null;
  return (
    <svg
      className="sparkline"
      width={SPARK_WIDTH}
      height={SPARK_HEIGHT}
      viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <polyline points={sparklinePoints(values, SPARK_WIDTH, SPARK_HEIGHT, floor)} />
    </svg>
  );
}
