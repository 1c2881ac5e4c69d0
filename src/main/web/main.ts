import { join } from 'node:path';
import { createCore } from '../core/core';
import { startWebShell } from './web-shell';

/**
 * The web shell on its own (`npm start` without Electron): the same renderer and core, served on
 * 127.0.0.1 with a random token. Printed URL is the only way in.
 */
async function main(): Promise<void> {
  const core = await createCore({ shell: 'web', watchBranches: true });
  const rendererDir = process.env.MIST_RENDERER_DIR ?? join(__dirname, '..', 'renderer');
  const port = process.env.MIST_WEB_PORT ? Number(process.env.MIST_WEB_PORT) : 0;
  const shell = await startWebShell({ core, rendererDir, port });
  process.stdout.write(`Mist Desktop web shell: ${shell.url}\n(data in ${core.dataDir}; Ctrl+C to stop)\n`);
  const stop = () => {
    void shell
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`mist web shell: ${(error as Error).message}\n`);
  process.exit(1);
});
