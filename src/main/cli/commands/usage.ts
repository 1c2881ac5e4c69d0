import type { AppUsageDto } from '../../../shared/dto/app';
import { formatBytes } from '../../../shared/format-bytes';
import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson, formatTable } from '../format';
import { parseAppJsonArgs, resolveApp } from '../resolve';

const COMMAND = 'usage';
export const parseUsageArgs = (args: string[]) => parseAppJsonArgs(COMMAND, args);

/** A table: a row per running container (its service for a compose app). */
export function formatUsage(ref: string, usage: AppUsageDto): string {
  if (usage.containers.length === 0) return `${ref} has no running container.\n`;
  const rows = usage.containers.map((c) => [
    c.service ?? 'container',
    `${c.cpuPercent.toFixed(1)}%`,
    formatBytes(c.memoryBytes),
    c.memoryLimitBytes === null ? '-' : formatBytes(c.memoryLimitBytes),
    formatBytes(c.networkRxBytes),
    formatBytes(c.networkTxBytes),
  ]);
  return formatTable(['CONTAINER', 'CPU', 'MEMORY', 'LIMIT', 'NET IN', 'NET OUT'], rows);
}

/** `apps.usage`: what the app's running containers use now (one Docker stats sample each). */
export const usage: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseUsageArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const result = await callApi(core, 'apps.usage', { appId: app.id });
      ctx.io.stdout.write(args.json ? formatJson(result) : formatUsage(ref, result));
      return EXIT_OK;
    });
  },
};
