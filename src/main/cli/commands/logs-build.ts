import type { DeploymentDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import { callApi } from '../api';
import { deploymentNumberArg, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatLogLine, sortDeployments } from '../format-deploy';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'logs build';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

/** `PROJECT/APP [NUMBER] [--json]`, as `logs build` and `rollback` take them. */
export interface AppDeploymentArgs {
  ref: AppRef;
  /** The deployment number; null when not given (each command says what that means). */
  number: number | null;
  json: boolean;
}

export function parseAppDeploymentArgs(command: string, args: string[]): AppDeploymentArgs {
  const { values, positionals } = parseCommandArgs(command, args, OPTIONS);
  const [refText, numberText, extra] = positionals;
  if (refText === undefined) throw new CliUsageError(`missing PROJECT/APP for 'mist ${command}'`, command);
  if (extra !== undefined) throw new CliUsageError(`unexpected argument '${extra}' for 'mist ${command}'`, command);
  const number = deploymentNumberArg(command, numberText);
  return { ref: parseAppRef(refText, command), number, json: flagOption(values, 'json') };
}

/** The latest deployment when no number is given. */
export function parseLogsBuildArgs(args: string[]): AppDeploymentArgs {
  return parseAppDeploymentArgs(COMMAND, args);
}

export function pickDeployment(ref: string, list: DeploymentDto[], number: number | null): DeploymentDto {
  const sorted = sortDeployments(list);
  if (sorted.length === 0) {
    throw new MistError('not-found', `${ref} has no deployments yet (deploy it with: mist deploy ${ref}).`);
  }
  if (number === null) return sorted[0]!;
  const found = sorted.find((d) => d.number === number);
  if (found) return found;
  const numbers = sorted.map((d) => d.number);
  const range = numbers.length === 1 ? `#${numbers[0]}` : `#${Math.min(...numbers)} to #${Math.max(...numbers)}`;
  throw new MistError('not-found', `${ref} has no deployment #${number}; its deployments are ${range}.`);
}

/** The stored build log of one deployment (the latest by default), as it was streamed. */
export const logsBuild: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseLogsBuildArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const deployment = pickDeployment(ref, await callApi(core, 'deployments.list', { appId: app.id }), args.number);
      const lines = [...(await callApi(core, 'deployments.log', { deploymentId: deployment.id }))].sort(
        (a, b) => a.seq - b.seq,
      );
      ctx.io.stdout.write(args.json ? formatJson(lines) : lines.map(formatLogLine).join(''));
      return EXIT_OK;
    });
  },
};
