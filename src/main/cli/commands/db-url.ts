import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'db url';
const OPTIONS: OptionSpecs = {
  reveal: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export function parseDbUrlArgs(args: string[]): { ref: AppRef; reveal: boolean; json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/DB']) as [string];
  return { ref: parseAppRef(refText, COMMAND), reveal: flagOption(values, 'reveal'), json: flagOption(values, 'json') };
}

/** A database app's connection strings (password masked unless --reveal). */
export const dbUrl: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDbUrlArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app } = await resolveApp(core, args.ref);
      const info = await callApi(core, 'databases.connectionInfo', { appId: app.id, reveal: args.reveal });
      if (args.json) {
        ctx.io.stdout.write(formatJson(info));
        return EXIT_OK;
      }
      const width = Math.max(...info.strings.map((s) => s.label.length), 'address'.length);
      const lines = [
        `${'address'.padEnd(width)}  ${info.host}:${info.port} (from other apps on the server)`,
        ...(info.publishedPort !== null
          ? [`${'published'.padEnd(width)}  port ${info.publishedPort} on the server`]
          : []),
        ...info.strings.map((s) => `${s.label.padEnd(width)}  ${s.value}`),
      ];
      if (!args.reveal) lines.push('', 'The password is masked; add --reveal to show it.');
      ctx.io.stdout.write(`${lines.join('\n')}\n`);
      return EXIT_OK;
    });
  },
};
