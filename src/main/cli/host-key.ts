import type { KnownHostsStatus } from '../../shared/dto/server';
import type { HostKeyDecision } from '../../shared/schemas/server';
import { CliFailure } from './errors';
import { askChoice, type CliIo } from './io';

export interface PresentedHostKey {
  /** host:port as the user knows it. */
  where: string;
  fingerprint: string;
  keyType: string;
  knownHosts: KnownHostsStatus;
}

export interface HostKeyChoice {
  decision: HostKeyDecision;
  /** Why the key is trusted: the flag, a matching known_hosts entry, or the user's answer. */
  source: 'flag' | 'known-hosts' | 'prompt';
}

/**
 * The CLI's host-key prompt, decided before any credential is sent:
 * --accept-host-key must name exactly the presented key (remembered); a matching known_hosts entry
 * is honoured (remembered); otherwise a terminal gets the accept once / remember / cancel question
 * and anything else fails with the fingerprint and the exact flag to pass.
 * `consequence` ends the refusal messages, e.g. 'nothing was saved'.
 */
export async function decideHostKey(
  key: PresentedHostKey,
  options: { accept: string | undefined; io: CliIo; consequence: string },
): Promise<HostKeyChoice> {
  const { accept, io, consequence } = options;
  const presented = `${key.fingerprint} (${key.keyType})`;
  const flag = `--accept-host-key ${key.fingerprint}`;
  if (accept !== undefined) {
    if (accept !== key.fingerprint) {
      throw new CliFailure(
        `The host key of ${key.where} is ${presented}, not ${accept} as given with --accept-host-key; ${consequence}.`,
      );
    }
    if (key.knownHosts === 'mismatch') {
      io.stderr.write(
        `mist: warning: known_hosts records a different key for ${key.where}; trusting ${key.fingerprint} because --accept-host-key names it.\n`,
      );
    }
    return { decision: { fingerprint: key.fingerprint, trust: 'remember' }, source: 'flag' };
  }
  if (key.knownHosts === 'match')
    return { decision: { fingerprint: key.fingerprint, trust: 'remember' }, source: 'known-hosts' };
  if (key.knownHosts === 'mismatch') {
    throw new CliFailure(
      `WARNING: ${key.where} presented ${presented}, which does not match the key recorded for it in known_hosts; ${consequence}.`,
      [
        `someone may be intercepting the connection, or the server was reinstalled; verify the key with its administrator before passing ${flag}`,
      ],
    );
  }
  if (!io.isTTY) {
    throw new CliFailure(`The host key of ${key.where} is not known yet: ${presented}; ${consequence}.`, [
      `if that is the server's key, run the command again with ${flag}`,
    ]);
  }
  io.stderr.write(
    `The host key of ${key.where} is not known yet:\n` +
      `  ${key.keyType} ${key.fingerprint}\n` +
      `Compare it with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub, run on the server).\n`,
  );
  const answer = await askChoice(io, 'Accept once (this command only), remember it, or cancel? [o/r/c] ', [
    'once',
    'remember',
    'cancel',
  ]);
  if (answer === 'once' || answer === 'remember') {
    return { decision: { fingerprint: key.fingerprint, trust: answer }, source: 'prompt' };
  }
  throw new CliFailure(`Cancelled; ${consequence}.`);
}
