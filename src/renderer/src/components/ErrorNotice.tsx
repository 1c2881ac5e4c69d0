import { isMistError } from '../../../shared/errors';

/**
 * Shows a failure next to what caused it. A changed host key is a red warning naming both
 * fingerprints, because it may mean someone is intercepting the connection.
 */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  if (isMistError(error) && error.code === 'host-key-changed') {
    const expected = error.details?.expected;
    const presented = error.details?.presented;
    return (
      <div className="notice notice-danger" role="alert" data-error-code={error.code}>
        <p>
          <strong>{error.message}</strong>
        </p>
        <dl className="fingerprints">
          <dt>Expected</dt>
          <dd>
            <code data-testid="expected-fingerprint">{String(expected ?? 'unknown')}</code>
          </dd>
          <dt>Presented</dt>
          <dd>
            <code data-testid="presented-fingerprint">{String(presented ?? 'unknown')}</code>
          </dd>
        </dl>
      </div>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = isMistError(error) ? error.code : undefined;
  return (
    <div className="notice notice-danger" role="alert" data-error-code={code}>
      <p>{message}</p>
    </div>
  );
}
