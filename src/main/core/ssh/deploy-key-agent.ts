import {
  BaseAgent,
  type GetStreamCallback,
  type IdentityCallback,
  type ParsedKey,
  type SignCallback,
  type SigningRequestOptions,
} from 'ssh2';
import { OneKeyAgentStream } from './one-key-agent-stream';

/**
 * The ssh-agent of a connection that runs git with an app's deploy key. ssh2 uses one agent object
 * for two jobs, kept apart here:
 * - forwarding (`getStream`): the server's git sees an agent holding the deploy key and nothing
 *   else, answered in this process, so the private key never reaches the server;
 * - authenticating to the server itself (`getIdentities`/`sign`): the user's own agent when the
 *   server's login uses it, else no keys at all, so the deploy key is never offered to the server.
 */
export class DeployKeyAgent extends BaseAgent<ParsedKey> {
  constructor(
    private readonly deployKey: ParsedKey,
    private readonly loginAgent: BaseAgent<ParsedKey> | null,
  ) {
    super();
  }

  getIdentities(cb: IdentityCallback<ParsedKey>): void {
    if (this.loginAgent) this.loginAgent.getIdentities(cb);
    else cb(null, []);
  }

  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    const callback = typeof options === 'function' ? options : cb;
    const signOptions = typeof options === 'function' ? {} : options;
    if (!callback) return;
    if (this.loginAgent) this.loginAgent.sign(pubKey, data, signOptions, callback);
    else callback(new Error('This agent signs nothing for the login.'));
  }

  /** A forwarded agent connection from the server: the agent protocol, answered here. */
  override getStream(cb: GetStreamCallback): void {
    cb(null, new OneKeyAgentStream(this.deployKey));
  }
}
