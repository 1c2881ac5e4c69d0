import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson, formatTable } from '../format';

const COMMAND = 'templates';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

/** The database templates: built-in and custom, and every invalid template file with its errors. */
export const templates: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(COMMAND, argv, OPTIONS);
    expectPositionals(COMMAND, positionals, []);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const catalog = await callApi(core, 'templates.list', {});
      if (flagOption(values, 'json')) {
        ctx.io.stdout.write(formatJson(catalog));
        return EXIT_OK;
      }
      const rows = catalog.templates.map((t) => [
        t.id,
        t.name,
        `${t.image}:${t.defaultTag}`,
        t.tags.join(' '),
        `${t.recommended.cpu} CPU, ${t.recommended.memoryMb} MB`,
        t.source,
      ]);
      let out = formatTable(['ID', 'NAME', 'IMAGE', 'VERSIONS', 'RESOURCES', 'SOURCE'], rows);
      for (const note of catalog.notes) out += `Note: ${note}\n`;
      for (const file of catalog.invalid) {
        out += `\nInvalid template file ${file.file}:\n${file.errors.map((e) => `  ${e}`).join('\n')}\n`;
      }
      ctx.io.stdout.write(out);
      return EXIT_OK;
    });
  },
};
