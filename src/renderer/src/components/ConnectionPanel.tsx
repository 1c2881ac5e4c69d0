import type { ConnectionStateDto } from '../../../shared/dto/server';
import { connectionLabel, pluralize } from '../lib/format';
import { StatusDot } from './StatusDot';

interface ConnectionPanelProps {
  state: ConnectionStateDto | undefined;
  onConnect: () => void;
  connecting: boolean;
  onVerifyHostKey: () => void;
}

/** The live state of the server's one SSH connection, as the `connections.watch` stream reports it. */
export function ConnectionPanel({ state, onConnect, connecting, onVerifyHostKey }: ConnectionPanelProps) {
  const status = state?.status ?? 'idle';
  const canConnect = (status === 'idle' || status === 'failed') && !connecting;
  return (
    <section className="panel connection" aria-label="Connection">
      <div className="connection-line">
        <StatusDot status={status} />
        <span className="connection-status" data-testid="connection-state" aria-live="polite">
          {connectionLabel(status)}
          {status === 'reconnecting' && state ? ` (attempt ${state.attempt})` : ''}
        </span>
        {status === 'connected' && state && (
          <span className="muted" data-testid="channel-count">
            {pluralize(state.channels, 'live channel')}
          </span>
        )}
        <span className="spacer" />
        {canConnect && (
          <button type="button" onClick={onConnect}>
            {status === 'failed' ? 'Reconnect' : 'Connect'}
          </button>
        )}
      </div>
      {state?.reason && (status === 'failed' || status === 'reconnecting') && (
        <p className={status === 'failed' ? 'field-error' : 'muted'} data-testid="connection-reason">
          {state.reason.message}
        </p>
      )}
      {status === 'failed' && state?.reason?.code === 'host-key-unknown' && (
        <button type="button" onClick={onVerifyHostKey}>
          Verify host key
        </button>
      )}
    </section>
  );
}
