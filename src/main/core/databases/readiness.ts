import type Dockerode from 'dockerode';
import { MistError } from '../../../shared/errors';
import { demuxToText } from '../deploy/container-replace';

export interface ReadinessOptions {
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
}

/**
 * Runs the template's health command in the new container until it succeeds (a database that
 * accepts connections), so the old container is removed only once the new one really serves. Docker's
 * own health check runs far less often (its first probe waits a whole interval), so it is not waited on.
 */
export async function waitUntilHealthy(
  container: Dockerode.Container,
  command: string[],
  options: ReadinessOptions,
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  let attempts = 0;
  let lastOutput = '';
  log(`Waiting for the database to accept connections…`);
  while (Date.now() - started < options.timeoutMs) {
    if (options.signal.aborted) throw new MistError('cancelled', 'The deployment was cancelled.');
    attempts += 1;
    const result = await execOnce(container, command);
    if (result.exitCode === 0) {
      log(`The database is ready (after ${((Date.now() - started) / 1000).toFixed(1)} s).`);
      return;
    }
    const state = (await container.inspect()).State;
    if (!state.Running) {
      throw new MistError(
        'docker-error',
        `The new database container stopped (exit code ${state.ExitCode}) while starting.`,
      );
    }
    lastOutput = result.output.trim();
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  throw new MistError(
    'timeout',
    `The database did not become ready within ${Math.round(options.timeoutMs / 1000)} s (${attempts} health checks).` +
      (lastOutput ? ` The last check said: ${lastOutput.split('\n').slice(-2).join(' ')}` : ''),
  );
}

/** One `docker exec`: its exit code and combined output (demultiplexed). */
export async function execOnce(
  container: Dockerode.Container,
  command: string[],
): Promise<{ exitCode: number | null; output: string }> {
  const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? null, output: demuxToText(Buffer.concat(chunks)) };
}
