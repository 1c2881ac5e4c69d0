import type { StartDetachedDeploy } from './deploy-worker';
import type { CliIo } from './io';
import type { CliCore, OpenCore, OpenCoreOptions } from './open-core';

export interface CommandContext {
  io: CliIo;
  openCore: OpenCore;
  /** `deploy --no-wait`: runs the deploy in a detached worker process (see deploy-worker.ts). */
  startDetachedDeploy: StartDetachedDeploy;
}

/** One CLI command: its name as typed after `mist` (e.g. 'server add') and what it does. */
export interface Command {
  name: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** Opens the core only once the command line is known to be good, and always closes it. */
export async function withCore<T>(
  ctx: CommandContext,
  options: OpenCoreOptions,
  use: (core: CliCore) => Promise<T>,
): Promise<T> {
  const core = await ctx.openCore(options);
  try {
    return await use(core);
  } finally {
    await core.close();
  }
}
