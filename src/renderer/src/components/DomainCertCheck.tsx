import { useQuery } from '@tanstack/react-query';
import type { CertStatusDto } from '../../../shared/dto/domain';
import { api, queryKeys } from '../api';
import { certStatusLabel, certSummary, certWarning } from '../lib/domains';
import { ErrorNotice } from './ErrorNotice';

/** "Check certificates": what the server presents for each domain, with a warning when browsers would refuse it. */
export function DomainCertCheck({ appId }: { appId: string }) {
  const check = useQuery({
    queryKey: queryKeys.certCheck(appId),
    queryFn: () => api.call('domains.checkCertificates', { appId }),
    enabled: false,
    retry: false,
    staleTime: Infinity,
  });
  return (
    <section className="panel" aria-labelledby="cert-heading">
      <div className="panel-header">
        <h2 id="cert-heading">Certificates</h2>
        <button type="button" onClick={() => void check.refetch()} disabled={check.isFetching}>
          Check certificates
        </button>
      </div>
      {check.isFetching && (
        <p className="muted" role="status">
          Fetching the certificate the server presents for each domain…
        </p>
      )}
      {check.error && !check.isFetching && <ErrorNotice error={check.error} />}
      {check.data && check.data.length === 0 && <p className="muted">No domains to check.</p>}
      {check.data && check.data.length > 0 && (
        <ul className="check-items" aria-label="Certificate status">
          {check.data.map((cert) => (
            <CertItem key={cert.host} cert={cert} />
          ))}
        </ul>
      )}
      {!check.data && !check.error && !check.isFetching && (
        <p className="muted">After a deploy, check the certificate each domain presents.</p>
      )}
    </section>
  );
}

function CertItem({ cert }: { cert: CertStatusDto }) {
  const warning = certWarning(cert);
  return (
    <li
      className={`check-item ${warning ? 'check-fail' : 'check-ok'}`}
      data-host={cert.host}
      data-cert-status={cert.status}
    >
      <span className="check-icon" aria-hidden="true">
        {warning ? '!' : '✓'}
      </span>
      <div className="check-body">
        <p className="check-title">
          <span className="mono">{cert.host}</span>{' '}
          <span className="status-badge" data-testid="cert-status">
            {certStatusLabel(cert.status)}
          </span>
        </p>
        <p className="check-detail">{certSummary(cert)}</p>
        {warning && (
          <p className="notice notice-danger" role="alert">
            {warning}
          </p>
        )}
        {cert.message && cert.message !== warning && <p className="check-detail">{cert.message}</p>}
      </div>
    </li>
  );
}
