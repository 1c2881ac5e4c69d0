import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import type { ConnectionStateDto, ConnectionStatus } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import { classifySshError, type SshErrorContext } from './ssh-errors';

/** Everything needed to open the connection once; resolved afresh for every attempt. */
export interface ConnectTarget {
  config: ConnectConfig;
  errorContext: SshErrorContext;
  /** null to trust the presented key blob, or the error that refuses it (before any credential). */
  judgeHostKey(keyBlob: Buffer): MistError | null;
  /** Called when this attempt's transport is done with (e.g. closes a jump-host channel). */
  release?(): void;
}

export interface ConnectionTimings {
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  readyTimeoutMs: number;
  /** Close after this long with no live channel. */
  idleCloseMs: number;
  reconnectAttempts: number;
  reconnectBaseDelayMs: number;
  reconnectMaxDelayMs: number;
}

export const DEFAULT_TIMINGS: ConnectionTimings = {
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  readyTimeoutMs: 20_000,
  idleCloseMs: 5 * 60_000,
  reconnectAttempts: 8,
  reconnectBaseDelayMs: 500,
  reconnectMaxDelayMs: 30_000,
};

/** Failures that a retry cannot fix: asking again would only repeat them (or lock the account). */
const PERMANENT = new Set([
  'host-key-changed',
  'host-key-unknown',
  'auth-failed',
  'keychain-unavailable',
  'invalid-input',
]);

/**
 * One long-lived SSH connection to one server: opened on demand, kept alive, re-opened with backoff
 * when it drops, closed after a quiet spell, and never closed while a channel is live. Emits
 * `state` (ConnectionStateDto) on every change, and `transport-closed` (with `dropped`: true when the
 * network took it) so that pooled Docker sockets on the old transport are thrown away.
 */
export class ServerConnection extends EventEmitter {
  private client: Client | null = null;
  private pending: Promise<Client> | null = null;
  private readonly liveChannels = new Set<Duplex>();
  private readonly parkedChannels = new Set<Duplex>();
  private idleTimer: NodeJS.Timeout | null = null;
  private closing = false;
  private stale = false;
  private disposed = false;
  private current: ConnectionStateDto;

  constructor(
    readonly serverId: string,
    private readonly resolveTarget: () => Promise<ConnectTarget>,
    private readonly timings: ConnectionTimings = DEFAULT_TIMINGS,
  ) {
    super();
    this.current = { serverId, status: 'idle', reason: null, attempt: 0, channels: 0, since: Date.now() };
  }

  get state(): ConnectionStateDto {
    return this.current;
  }

  /** Channels doing work now (keep-alive sockets waiting in the Docker agent's pool do not count). */
  get busyChannels(): number {
    return this.liveChannels.size - this.parkedChannels.size;
  }

  /** The ready client, connecting first if needed. */
  async acquire(): Promise<Client> {
    if (this.disposed) throw new MistError('cancelled', 'The connection pool is shut down.');
    if (this.client && this.stale && this.busyChannels === 0) this.closeNow('idle');
    if (this.client) return this.client;
    this.pending ??= this.connectFirst().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Counts a channel as live until it closes; the connection stays open meanwhile. */
  track<T extends Duplex>(channel: T): T {
    this.liveChannels.add(channel);
    this.cancelIdleTimer();
    this.publishChannels();
    const forget = () => {
      if (!this.liveChannels.delete(channel)) return;
      this.parkedChannels.delete(channel);
      this.publishChannels();
      this.scheduleIdleClose();
    };
    channel.once('close', forget);
    channel.once('error', forget);
    return channel;
  }

  /** A keep-alive socket went back to the Docker agent's pool: it no longer keeps us open. */
  park(channel: Duplex): void {
    if (!this.liveChannels.has(channel)) return;
    this.parkedChannels.add(channel);
    this.scheduleIdleClose();
  }

  unpark(channel: Duplex): void {
    this.parkedChannels.delete(channel);
    this.cancelIdleTimer();
  }

  /** Server settings changed: reconnect with the new ones as soon as no channel is live. */
  markStale(): void {
    if (!this.client) return;
    this.stale = true;
    if (this.busyChannels === 0) this.closeNow('idle');
  }

  /** Drops the transport without closing it politely: what a network failure looks like. For tests. */
  simulateDrop(): void {
    (this.client as unknown as { _sock?: { destroy(): void } } | null)?._sock?.destroy();
  }

  /** Shuts down for good (app exit or server removed). */
  dispose(): void {
    this.disposed = true;
    this.closeNow('idle');
    this.removeAllListeners('transport-closed');
  }

  private async connectFirst(): Promise<Client> {
    this.setState(this.current.status === 'reconnecting' ? 'reconnecting' : 'connecting', null, 0);
    try {
      return await this.openOnce();
    } catch (error) {
      const failure = error as MistError;
      this.setState('failed', failure, 0);
      throw failure;
    }
  }

  private openOnce(): Promise<Client> {
    return this.resolveTarget().then(
      (target) =>
        new Promise<Client>((resolve, reject) => {
          const client = new Client();
          let refusal: MistError | null = null;
          let settled = false;
          client.once('ready', () => {
            settled = true;
            this.adopt(client, target);
            resolve(client);
          });
          client.on('error', (error) => {
            if (settled) return; // errors after ready surface as 'close'
            settled = true;
            target.release?.();
            client.end();
            reject(refusal ?? classifySshError(error, target.errorContext));
          });
          try {
            client.connect({
              ...target.config,
              keepaliveInterval: this.timings.keepaliveIntervalMs,
              keepaliveCountMax: this.timings.keepaliveCountMax,
              readyTimeout: this.timings.readyTimeoutMs,
              hostVerifier: (key: Buffer) => {
                refusal = target.judgeHostKey(key);
                return refusal === null;
              },
            });
          } catch (error) {
            // ssh2 parses the private key synchronously (e.g. a wrong passphrase throws here)
            settled = true;
            target.release?.();
            reject(classifySshError(error, target.errorContext));
          }
        }),
    );
  }

  private adopt(client: Client, target: ConnectTarget): void {
    // ssh2 leaves Nagle on: small back-to-back writes would wait ~40 ms for the server's delayed ACK.
    client.setNoDelay(true);
    this.client = client;
    this.stale = false;
    this.closing = false;
    this.setState('connected', null, 0);
    this.scheduleIdleClose();
    client.once('close', () => {
      target.release?.();
      if (this.client !== client) return;
      this.emit('transport-closed', { dropped: true });
      this.client = null;
      this.liveChannels.clear();
      this.parkedChannels.clear();
      this.cancelIdleTimer();
      if (this.closing || this.disposed) {
        this.setState('idle', null, 0);
      } else {
        this.pending = this.reconnect().finally(() => {
          this.pending = null;
        });
        this.pending.catch(() => {}); // the state carries the failure; nobody may be waiting
      }
    });
  }

  private async reconnect(): Promise<Client> {
    let lastError: MistError = new MistError('host-unreachable', 'The connection dropped.');
    for (let attempt = 1; attempt <= this.timings.reconnectAttempts; attempt++) {
      this.setState('reconnecting', lastError, attempt);
      await delay(this.backoff(attempt));
      if (this.disposed) break;
      try {
        return await this.openOnce();
      } catch (error) {
        lastError = error as MistError;
        if (PERMANENT.has(lastError.code)) break;
      }
    }
    this.setState('failed', lastError, 0);
    throw lastError;
  }

  private backoff(attempt: number): number {
    const exponential = this.timings.reconnectBaseDelayMs * 2 ** (attempt - 1);
    const capped = Math.min(this.timings.reconnectMaxDelayMs, exponential);
    return capped / 2 + Math.random() * (capped / 2); // jitter: many servers must not retry in step
  }

  private scheduleIdleClose(): void {
    if (!this.client || this.busyChannels > 0) return;
    this.cancelIdleTimer();
    const wait = this.stale ? 0 : this.timings.idleCloseMs;
    this.idleTimer = setTimeout(() => {
      if (this.busyChannels === 0) this.closeNow('idle');
    }, wait);
    this.idleTimer.unref();
  }

  private cancelIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private closeNow(status: ConnectionStatus): void {
    this.cancelIdleTimer();
    const client = this.client;
    if (!client) return;
    this.closing = true;
    this.emit('transport-closed', { dropped: false }); // the Docker agent drops its parked sockets first
    this.client = null;
    client.end();
    this.liveChannels.clear();
    this.parkedChannels.clear();
    this.setState(status, null, 0);
  }

  private publishChannels(): void {
    this.current = { ...this.current, channels: this.liveChannels.size };
    this.emit('state', this.current);
  }

  private setState(status: ConnectionStatus, reason: MistError | null, attempt: number): void {
    this.current = {
      serverId: this.serverId,
      status,
      reason: reason ? reason.toShape() : null,
      attempt,
      channels: this.liveChannels.size,
      since: Date.now(),
    };
    this.emit('state', this.current);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
