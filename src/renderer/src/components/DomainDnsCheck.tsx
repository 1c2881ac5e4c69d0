import { useQuery } from '@tanstack/react-query';
import type { DnsStatusDto } from '../../../shared/dto/domain';
import { api, queryKeys } from '../api';
import { dnsStatusLabel, dnsStatusText } from '../lib/domains';
import { ErrorNotice } from './ErrorNotice';

/** "Check DNS": per domain pending / ok / mismatch, the addresses found and expected, and the records to create. */
export function DomainDnsCheck({ appId }: { appId: string }) {
  const check = useQuery({
    queryKey: queryKeys.dnsCheck(appId),
    queryFn: () => api.call('domains.checkDns', { appId }),
    enabled: false,
    retry: false,
    staleTime: Infinity,
  });
  return (
    <section className="panel" aria-labelledby="dns-heading">
      <div className="panel-header">
        <h2 id="dns-heading">DNS</h2>
        <button type="button" onClick={() => void check.refetch()} disabled={check.isFetching}>
          Check DNS
        </button>
      </div>
      {check.isFetching && (
        <p className="muted" role="status">
          Resolving A and AAAA records from this computer…
        </p>
      )}
      {check.error && !check.isFetching && <ErrorNotice error={check.error} />}
      {check.data && check.data.length === 0 && <p className="muted">No domains to check.</p>}
      {check.data && check.data.length > 0 && (
        <ul className="check-items" aria-label="DNS status">
          {check.data.map((dns) => (
            <DnsItem key={dns.host} dns={dns} />
          ))}
        </ul>
      )}
      {!check.data && !check.error && !check.isFetching && (
        <p className="muted">Check whether each domain points at the server.</p>
      )}
    </section>
  );
}

const ICON: Record<DnsStatusDto['status'], { icon: string; className: string }> = {
  ok: { icon: '✓', className: 'check-ok' },
  pending: { icon: '…', className: 'check-warn' },
  mismatch: { icon: '✕', className: 'check-fail' },
};

function DnsItem({ dns }: { dns: DnsStatusDto }) {
  const look = ICON[dns.status];
  return (
    <li className={`check-item ${look.className}`} data-host={dns.host} data-dns-status={dns.status}>
      <span className="check-icon" aria-hidden="true">
        {look.icon}
      </span>
      <div className="check-body">
        <p className="check-title">
          <span className="mono">{dns.host}</span>{' '}
          <span className="status-badge" data-testid="dns-status">
            {dnsStatusLabel(dns.status)}
          </span>
        </p>
        <p className="check-detail">{dnsStatusText(dns)}</p>
        <dl className="facts">
          <dt>Found</dt>
          <dd className="mono">{dns.found.join(', ') || 'none'}</dd>
          <dt>Expected</dt>
          <dd className="mono">{dns.expected.join(', ') || 'unknown'}</dd>
        </dl>
        {dns.status !== 'ok' && dns.instructions.length > 0 && (
          <>
            <p className="check-detail">Create at your DNS provider:</p>
            <ul className="dns-instructions" data-testid="dns-instructions">
              {dns.instructions.map((line) => (
                <li key={line} className="mono">
                  {line}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </li>
  );
}
