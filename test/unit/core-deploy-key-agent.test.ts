import { AgentProtocol, BaseAgent, utils, type ParsedKey, type IdentityCallback, type SignCallback } from 'ssh2';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { newDeployKeyPair } from '../../src/main/core/apps/deploy-keys';
import { DeployKeyAgent } from '../../src/main/core/ssh/deploy-key-agent';

function newKey(comment: string): ParsedKey {
  const key = utils.parseKey(newDeployKeyPair(comment).private);
  if (key instanceof Error) throw key;
  return key;
}

/** The server's side of a forwarded agent: ssh2's agent protocol as a client, over the agent's stream. */
async function forwardedClient(agent: DeployKeyAgent): Promise<AgentProtocol> {
  const stream = await new Promise<Duplex>((resolve, reject) =>
    agent.getStream((error, duplex) => (error || !duplex ? reject(error ?? new Error('no stream')) : resolve(duplex))),
  );
  const client = new AgentProtocol(true);
  client.pipe(stream).pipe(client);
  return client;
}

const identities = (client: AgentProtocol) =>
  new Promise<ParsedKey[]>((resolve, reject) =>
    client.getIdentities((error, keys) => (error ? reject(error) : resolve(keys ?? []))),
  );
const sign = (client: AgentProtocol, key: ParsedKey, data: Buffer) =>
  new Promise<Buffer>((resolve, reject) =>
    client.sign(key, data, (error, signature) =>
      error || !signature ? reject(error ?? new Error('none')) : resolve(signature),
    ),
  );

/** A login agent that holds one key (standing in for the user's ssh-agent). */
class OneKeyAgent extends BaseAgent<ParsedKey> {
  constructor(private readonly key: ParsedKey) {
    super();
  }
  getIdentities(cb: IdentityCallback<ParsedKey>): void {
    cb(null, [this.key]);
  }
  sign(_pub: ParsedKey, data: Buffer, options: unknown, cb?: SignCallback): void {
    (typeof options === 'function' ? (options as SignCallback) : cb)?.(null, this.key.sign(data));
  }
}

describe('DeployKeyAgent', () => {
  const deployKey = newKey('deploy');

  it('offers the forwarded side the deploy key alone, and signs with it', async () => {
    const client = await forwardedClient(new DeployKeyAgent(deployKey, new OneKeyAgent(newKey('user'))));
    const keys = await identities(client);
    expect(keys.map((key) => key.getPublicSSH().toString('base64'))).toEqual([
      deployKey.getPublicSSH().toString('base64'),
    ]);
    const data = Buffer.from('session data to sign');
    const signature = await sign(client, keys[0]!, data);
    expect(deployKey.verify(data, signature)).toBe(true);
  });

  it("answers OpenSSH's session-bind extension with failure and goes on answering (ssh2's own agent server garbles what follows)", async () => {
    const stream = await new Promise<Duplex>((resolve) =>
      new DeployKeyAgent(deployKey, null).getStream((_error, duplex) => resolve(duplex!)),
    );
    const frame = (type: number, body: Buffer) => {
      const head = Buffer.alloc(5);
      head.writeUInt32BE(body.length + 1);
      head[4] = type;
      return Buffer.concat([head, body]);
    };
    const name = Buffer.from('session-bind@openssh.com');
    const nameLength = Buffer.alloc(4);
    nameLength.writeUInt32BE(name.length);
    const answers: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => answers.push(chunk));
    // SSH_AGENTC_EXTENSION (27) with a body, then SSH_AGENTC_REQUEST_IDENTITIES (11), in one write
    stream.write(
      Buffer.concat([frame(27, Buffer.concat([nameLength, name, Buffer.alloc(64, 7)])), frame(11, Buffer.alloc(0))]),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const all = Buffer.concat(answers);
    expect(all.readUInt32BE(0)).toBe(1);
    expect(all[4]).toBe(5); // SSH_AGENT_FAILURE
    expect(all[9]).toBe(12); // SSH_AGENT_IDENTITIES_ANSWER
    expect(all.readUInt32BE(10)).toBe(1); // one key
  });

  it('refuses to sign for any other key', async () => {
    const client = await forwardedClient(new DeployKeyAgent(deployKey, null));
    await expect(sign(client, newKey('stranger'), Buffer.from('x'))).rejects.toThrow();
  });

  it('never offers the deploy key for the login: no keys without a login agent, else the login agent’s', async () => {
    const without = await new Promise<ParsedKey[]>((resolve) =>
      new DeployKeyAgent(deployKey, null).getIdentities((_error, keys) => resolve(keys as ParsedKey[])),
    );
    expect(without).toEqual([]);
    const userKey = newKey('user');
    const withLogin = await new Promise<ParsedKey[]>((resolve) =>
      new DeployKeyAgent(deployKey, new OneKeyAgent(userKey)).getIdentities((_error, keys) =>
        resolve(keys as ParsedKey[]),
      ),
    );
    expect(withLogin).toEqual([userKey]);
    await expect(
      new Promise((resolve, reject) =>
        new DeployKeyAgent(deployKey, null).sign(deployKey, Buffer.from('x'), {}, (error) =>
          error ? reject(error) : resolve(null),
        ),
      ),
    ).rejects.toThrow(/signs nothing for the login/);
  });
});

describe('newDeployKeyPair', () => {
  it('only hands out keys that read back (ssh2 writes an unreadable ed25519 key about once in 250)', () => {
    for (let i = 0; i < 1000; i++) {
      const pair = newDeployKeyPair(`mist-desktop web (app${i})`);
      const parsed = utils.parseKey(pair.private);
      expect(parsed).not.toBeInstanceOf(Error);
      expect(pair.public).toBe(
        `ssh-ed25519 ${(parsed as ParsedKey).getPublicSSH().toString('base64')} mist-desktop web (app${i})`,
      );
    }
  });
});
