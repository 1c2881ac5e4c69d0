import { MistError } from '../../../shared/errors';

export interface SshErrorContext {
  serverName: string;
  host: string;
  port: number;
  user: string;
  authKind: 'key' | 'agent' | 'password' | 'none';
}

/** Turns what ssh2 or the socket layer threw into one clear, specific message per failure. */
export function classifySshError(error: unknown, ctx: SshErrorContext): MistError {
  if (error instanceof MistError) return error;
  const err = error as NodeJS.ErrnoException & { level?: string };
  const message = err?.message ?? String(error);
  const where = `${ctx.host}:${ctx.port}`;

  switch (err?.code) {
    case 'ECONNREFUSED':
      return new MistError(
        'host-unreachable',
        `${ctx.serverName}: connection refused by ${where}. Is sshd running on that port?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new MistError('host-unreachable', `${ctx.serverName}: the host name ${ctx.host} could not be resolved.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new MistError('host-unreachable', `${ctx.serverName}: no route to ${where}.`);
    case 'ETIMEDOUT':
      return new MistError('host-unreachable', `${ctx.serverName}: connecting to ${where} timed out.`);
    case 'ECONNRESET':
      return new MistError('host-unreachable', `${ctx.serverName}: ${where} reset the connection.`);
  }
  if (/Timed out while waiting for handshake/i.test(message)) {
    return new MistError('host-unreachable', `${ctx.serverName}: ${where} did not complete the SSH handshake in time.`);
  }
  if (err?.level === 'client-authentication' || /All configured authentication methods failed/i.test(message)) {
    return new MistError('auth-failed', authFailureMessage(ctx));
  }
  if (/no passphrase given/i.test(message)) {
    return new MistError('auth-failed', `${ctx.serverName}: the private key is encrypted; enter its passphrase.`);
  }
  if (/Cannot parse privateKey|bad passphrase|Malformed OpenSSH private key|integrity check failed/i.test(message)) {
    return new MistError(
      'auth-failed',
      `${ctx.serverName}: the private key could not be read (${message}). Check the key file and its passphrase.`,
    );
  }
  if (/Authentication failure. Available authentication methods/i.test(message)) {
    return new MistError('auth-failed', authFailureMessage(ctx));
  }
  return new MistError('ssh-error', `${ctx.serverName}: SSH error: ${message}`);
}

function authFailureMessage(ctx: SshErrorContext): string {
  const how =
    ctx.authKind === 'password'
      ? 'the password was rejected'
      : ctx.authKind === 'agent'
        ? 'none of the keys in your ssh-agent was accepted'
        : 'the private key was not accepted (is its public key in ~/.ssh/authorized_keys on the server?)';
  return `${ctx.serverName}: authentication as ${ctx.user} failed: ${how}.`;
}
