import { useId } from 'react';
import type { HostKeyProbeDto, HostKeyTrust } from '../../../shared/dto/server';

interface HostKeyPromptProps {
  probe: HostKeyProbeDto;
  onDecide: (trust: HostKeyTrust) => void;
  onCancel: () => void;
  busy?: boolean;
}

/**
 * The server's identity, shown before any credential is sent: key type, SHA256 fingerprint and what
 * ~/.ssh/known_hosts says. Nothing happens until the user picks one of the three answers.
 */
export function HostKeyPrompt({ probe, onDecide, onCancel, busy = false }: HostKeyPromptProps) {
  const headingId = useId();
  const mismatch = probe.knownHosts === 'mismatch';
  return (
    <section className={`host-key${mismatch ? ' host-key-danger' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>Verify the server's host key</h3>
      <p>
        <span className="mono">
          {probe.host}:{probe.port}
        </span>{' '}
        presented this <strong data-testid="host-key-type">{probe.keyType}</strong> key:
      </p>
      <p className="fingerprint">
        <code data-testid="host-key-fingerprint">{probe.fingerprint}</code>
      </p>
      {probe.knownHosts === 'match' && (
        <p className="notice notice-ok" data-testid="known-hosts-status">
          ✓ This key matches your known_hosts.
        </p>
      )}
      {probe.knownHosts === 'unknown' && (
        <p className="notice" data-testid="known-hosts-status">
          This host is not in your known_hosts. Compare the fingerprint with the server's own (
          <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>) before trusting it.
        </p>
      )}
      {mismatch && (
        <div className="notice notice-danger" role="alert" data-testid="known-hosts-status">
          <p>
            <strong>Warning: this key does NOT match the key your known_hosts has for this host.</strong>
          </p>
          <p>
            Someone may be intercepting the connection, or the server was reinstalled. Do not continue unless you know
            why the key changed.
          </p>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className={mismatch ? 'danger' : undefined}
          onClick={() => onDecide('once')}
          disabled={busy}
          autoFocus={!mismatch}
        >
          Accept once
        </button>
        <button
          type="button"
          className={mismatch ? 'danger' : 'primary'}
          onClick={() => onDecide('remember')}
          disabled={busy}
        >
          Remember
        </button>
        <button
          type="button"
          className={mismatch ? 'primary' : undefined}
          onClick={onCancel}
          disabled={busy}
          autoFocus={mismatch}
        >
          Cancel
        </button>
      </div>
      <p className="field-hint">
        “Accept once” trusts the key until Mist restarts; “Remember” stores its fingerprint for this server.
      </p>
    </section>
  );
}
