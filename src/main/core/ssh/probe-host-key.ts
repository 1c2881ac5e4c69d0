import type { ConnectConfig } from 'ssh2';
import { Client } from 'ssh2';
import type { HostKeyProbeDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint';
import { knownHostsStatus } from './known-hosts';
import { classifySshError } from './ssh-errors';

/**
 * Learns which host key a server presents, sending no credential: the connection is refused from
 * inside the host-key check, before authentication starts.
 */
export function probeHostKey(options: {
  host: string;
  port: number;
  knownHosts: string | null;
  sock?: ConnectConfig['sock'];
  timeoutMs?: number;
}): Promise<HostKeyProbeDto> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let keyBlob: Buffer | null = null;
    client.on('error', (error) => {
      client.end();
      if (keyBlob === null) {
        reject(
          classifySshError(error, {
            serverName: options.host,
            host: options.host,
            port: options.port,
            user: '',
            authKind: 'none',
          }),
        );
        return;
      }
      resolve({
        host: options.host,
        port: options.port,
        keyType: keyTypeOfBlob(keyBlob),
        fingerprint: sha256Fingerprint(keyBlob),
        knownHosts:
          options.knownHosts === null
            ? 'unknown'
            : knownHostsStatus(options.knownHosts, options.host, options.port, keyBlob),
      });
    });
    client.on('ready', () => {
      client.end();
      reject(new MistError('internal', 'The host-key probe unexpectedly authenticated.'));
    });
    client.connect({
      host: options.host,
      port: options.port,
      username: 'mist-host-key-probe',
      readyTimeout: options.timeoutMs ?? 15_000,
      ...(options.sock ? { sock: options.sock } : {}),
      hostVerifier: (key: Buffer) => {
        keyBlob = key;
        return false; // stop here: nothing past this point is sent
      },
    });
  });
}
