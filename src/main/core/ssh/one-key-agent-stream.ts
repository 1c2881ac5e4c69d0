import { Duplex } from 'node:stream';
import type { ParsedKey } from 'ssh2';

// draft-miller-ssh-agent message numbers
const SSH_AGENT_FAILURE = 5;
const SSH_AGENTC_REQUEST_IDENTITIES = 11;
const SSH_AGENT_IDENTITIES_ANSWER = 12;
const SSH_AGENTC_SIGN_REQUEST = 13;
const SSH_AGENT_SIGN_RESPONSE = 14;
/** A message longer than this is not an agent request we answer (ssh-agent's own limit is 256 KiB). */
const MAX_MESSAGE = 256 * 1024;

/**
 * One connection to an ssh-agent that holds a single key, spoken from the agent's side: it lists
 * that key and signs with it, and answers every other request (add, remove, lock, OpenSSH's
 * `session-bind@openssh.com` extension…) with failure. Written here rather than taken from ssh2:
 * ssh2's AgentProtocol does not skip the body of a message it does not know, so the extension that
 * OpenSSH 8.9+ sends first garbles every request after it.
 */
export class OneKeyAgentStream extends Duplex {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly key: ParsedKey) {
    super();
  }

  override _read(): void {
    // answers are pushed as requests arrive
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32BE(0);
      if (length === 0 || length > MAX_MESSAGE) return done(new Error('Malformed agent request.'));
      if (this.pending.length < 4 + length) break;
      const message = this.pending.subarray(4, 4 + length);
      this.pending = this.pending.subarray(4 + length);
      this.push(frame(this.answer(message)));
    }
    done();
  }

  override _final(done: () => void): void {
    this.push(null);
    done();
  }

  private answer(message: Buffer): Buffer {
    const type = message[0];
    const blob = this.key.getPublicSSH();
    if (type === SSH_AGENTC_REQUEST_IDENTITIES) {
      return Buffer.concat([
        Buffer.from([SSH_AGENT_IDENTITIES_ANSWER]),
        uint32(1),
        string(blob),
        string(this.key.comment),
      ]);
    }
    if (type === SSH_AGENTC_SIGN_REQUEST) {
      const reader = new StringReader(message, 1);
      const keyBlob = reader.next();
      const data = reader.next();
      if (!keyBlob || !data || !keyBlob.equals(blob)) return Buffer.from([SSH_AGENT_FAILURE]);
      const signature = this.key.sign(data);
      if (signature instanceof Error) return Buffer.from([SSH_AGENT_FAILURE]);
      return Buffer.concat([
        Buffer.from([SSH_AGENT_SIGN_RESPONSE]),
        string(Buffer.concat([string(Buffer.from(this.key.type)), string(signature)])),
      ]);
    }
    return Buffer.from([SSH_AGENT_FAILURE]);
  }
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

function string(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([uint32(bytes.length), bytes]);
}

function frame(body: Buffer): Buffer {
  return Buffer.concat([uint32(body.length), body]);
}

/** Reads SSH `string`s one after another; null when the message ends early. */
class StringReader {
  constructor(
    private readonly buffer: Buffer,
    private offset: number,
  ) {}

  next(): Buffer | null {
    if (this.offset + 4 > this.buffer.length) return null;
    const length = this.buffer.readUInt32BE(this.offset);
    const start = this.offset + 4;
    if (start + length > this.buffer.length) return null;
    this.offset = start + length;
    return this.buffer.subarray(start, start + length);
  }
}
