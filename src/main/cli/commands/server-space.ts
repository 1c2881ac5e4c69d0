import type { DockerReclaimDto, DockerSpaceDto } from '../../../shared/dto/server';
import { reclaimedText } from '../../../shared/docker-space-text';
import { formatBytes } from '../../../shared/format-bytes';
import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson, formatTable } from '../format';

const COMMAND = 'server space';
const OPTIONS: OptionSpecs = {
  clean: { type: 'boolean' },
  'build-cache': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface ServerSpaceArgs {
  name: string;
  clean: boolean;
  buildCache: boolean;
  json: boolean;
}

export function parseServerSpaceArgs(args: string[]): ServerSpaceArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [name] = expectPositionals(COMMAND, positionals, ['NAME']) as [string];
  const clean = flagOption(values, 'clean');
  const buildCache = flagOption(values, 'build-cache');
  if (buildCache && !clean) throw new CliUsageError('--build-cache goes with --clean', COMMAND);
  return { name, clean, buildCache, json: flagOption(values, 'json') };
}

export function formatDockerSpace(space: DockerSpaceDto): string {
  return formatTable(
    ['WHAT', 'COUNT', 'SIZE', 'NOTE'],
    [
      ['images', String(space.images.count), formatBytes(space.images.bytes), ''],
      [
        'dangling images',
        String(space.danglingImages.count),
        formatBytes(space.danglingImages.bytes),
        'removed by --clean',
      ],
      [
        'build cache',
        '-',
        formatBytes(space.buildCache.bytes),
        `${formatBytes(space.buildCache.unusedBytes)} unused (--clean --build-cache)`,
      ],
      [
        'containers',
        String(space.containers.count),
        formatBytes(space.containers.bytes),
        `${space.containers.running} running`,
      ],
      ['volumes', String(space.volumes.count), formatBytes(space.volumes.bytes), 'never cleaned up'],
    ],
  );
}

export function formatReclaim(name: string, result: DockerReclaimDto, buildCache: boolean): string {
  return `Freed ${formatBytes(result.reclaimedBytes)} on ${name}: ${reclaimedText(result, buildCache)}.\n`;
}

/** `servers.dockerSpace`, or with --clean `servers.reclaimDockerSpace`: what Docker keeps on the server's disk. */
export const serverSpace: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseServerSpaceArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const server = core.servers.resolve(args.name);
      if (args.clean) {
        const result = await callApi(core, 'servers.reclaimDockerSpace', {
          id: server.id,
          buildCache: args.buildCache,
        });
        ctx.io.stdout.write(args.json ? formatJson(result) : formatReclaim(server.name, result, args.buildCache));
      } else {
        const space = await callApi(core, 'servers.dockerSpace', { id: server.id });
        ctx.io.stdout.write(args.json ? formatJson(space) : formatDockerSpace(space));
      }
      return EXIT_OK;
    });
  },
};
