import type { CheckItemDto, ServerCheckDto } from '../../../shared/dto/server';
import { checkStatusIcon, checkStatusLabel, formatBytes, formatDuration } from '../lib/format';
import { CopyableCode } from './CopyableCode';

/** Everything `servers.check` found: a summary of facts, then each check with its fix. */
export function CheckResults({ check }: { check: ServerCheckDto }) {
  const failed = check.items.filter((item) => item.status === 'fail').length;
  const warned = check.items.filter((item) => item.status === 'warn').length;
  return (
    <section className="check-results" aria-label="Check results">
      <p className={`check-summary ${check.ok ? 'text-ok' : 'text-fail'}`} data-testid="check-summary">
        {check.ok ? 'Ready for deployments.' : `${failed} failed, ${warned} with warnings.`}{' '}
        <span className="muted">
          Checked {new Date(check.checkedAt).toLocaleTimeString()} in {formatDuration(check.durationMs)}.
        </span>
      </p>
      <dl className="facts">
        <dt>Docker</dt>
        <dd data-testid="docker-version">
          {check.docker
            ? `${check.docker.version} (API ${check.docker.apiVersion}, ${check.docker.os}/${check.docker.arch})`
            : 'not reachable'}
        </dd>
        <dt>Compose</dt>
        <dd data-testid="compose-version">
          {check.compose
            ? `${check.compose.kind === 'v2' ? 'docker compose (v2 plugin)' : 'docker-compose (v1)'} ${check.compose.version}`
            : 'not installed'}
        </dd>
        <dt>Git</dt>
        <dd data-testid="git-version">{check.git ? check.git.version : 'not installed'}</dd>
        <dt>Disk free</dt>
        <dd data-testid="disk-free">
          {check.disk
            ? `${formatBytes(check.disk.freeBytes)} free of ${formatBytes(check.disk.totalBytes)} (${check.disk.path})`
            : 'unknown'}
        </dd>
        <dt>Traefik</dt>
        <dd data-testid="traefik">
          network traefik-net {check.traefik.network ? 'exists' : 'missing'}; container{' '}
          {check.traefik.container ? `${check.traefik.container.name} (${check.traefik.container.state})` : 'not found'}
        </dd>
      </dl>
      <ul className="check-items">
        {check.items.map((item) => (
          <CheckItem key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function CheckItem({ item }: { item: CheckItemDto }) {
  return (
    <li className={`check-item check-${item.status}`} data-check-id={item.id}>
      <span className="check-icon" role="img" aria-label={checkStatusLabel(item.status)}>
        {checkStatusIcon(item.status)}
      </span>
      <div className="check-body">
        <p className="check-title">{item.title}</p>
        {item.detail && <p className="check-detail">{item.detail}</p>}
        {item.fix && <CopyableCode text={item.fix} label="Copy fix" />}
      </div>
    </li>
  );
}
