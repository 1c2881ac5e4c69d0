import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { DomainDto } from '../../../shared/dto/domain';
import { api, queryKeys } from '../api';
import { openUrl, punycodeNote } from '../lib/domains';
import { ErrorNotice } from './ErrorNotice';

/** One domain: as written (punycode when different, "auto" when generated), Open, and Remove after a confirm. */
export function DomainRow({ domain }: { domain: DomainDto }) {
  const hostId = useId();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.call('domains.remove', { appId: domain.appId, host: domain.host }),
    onSuccess: (list) => {
      queryClient.setQueryData(queryKeys.domains(domain.appId), list);
      setConfirming(false);
    },
  });
  const ascii = punycodeNote(domain);
  return (
    <tr className="domain-row" data-host={domain.host}>
      <th scope="row" id={hostId} className="mono">
        {domain.displayHost}
        {ascii && <span className="muted domain-ascii"> ({ascii})</span>}
        {domain.auto && (
          <span className="badge" title="Generated from the server's wildcard domain">
            auto
          </span>
        )}
      </th>
      <td className="row-actions">
        <a
          className="button-link small"
          href={openUrl(domain)}
          target="_blank"
          rel="noreferrer"
          aria-describedby={hostId}
        >
          Open
        </a>{' '}
        {confirming ? (
          <span role="group" aria-label={`Confirm removing ${domain.displayHost}`}>
            <button type="button" className="small danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Remove {domain.displayHost}
            </button>{' '}
            <button type="button" className="small" onClick={() => setConfirming(false)} autoFocus>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="small danger" aria-describedby={hostId} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
        <ErrorNotice error={remove.error} />
      </td>
    </tr>
  );
}
