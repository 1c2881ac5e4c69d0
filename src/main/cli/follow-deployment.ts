import { StreamSink } from '../core/api/stream-sink';
import type { DeploymentDto, DeploymentEventDto, LogLineDto } from '../../shared/dto/app';
import { callApi, parseApiInput } from './api';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from './errors';
import { formatJson } from './format';
import {
  deployFailureMessage,
  formatDeployEnd,
  formatDeployStart,
  formatLogLine,
  formatStatusEvent,
  isFinal,
  newProgressState,
} from './format-deploy';
import type { CliIo } from './io';
import type { CliCore } from './open-core';

export interface FollowOptions {
  /** PROJECT/APP as printed. */
  ref: string;
  /** Where stages and the build log go: stdout, or stderr when stdout carries JSON. */
  progress: { write(text: string): unknown };
  io: CliIo;
}

export interface FollowResult {
  /** The deployment as last seen: final unless `abandoned`. */
  deployment: DeploymentDto;
  /** Ctrl+C was pressed (and the deployment asked to cancel). */
  interrupted: boolean;
  /** Ctrl+C was pressed twice: stopped waiting before the deployment ended. */
  abandoned: boolean;
}

/**
 * Prints a deployment's stages and build log as they happen, through `deployments.watch` with a
 * StreamSink whose send callback prints each batch and then acknowledges it (so the core's flow
 * control sees a consumer that keeps up, and pauses when it does not). Lines already stored when
 * the watch starts come from `deployments.log` first; every line prints once, in `seq` order.
 * Resolves once the stream says the deployment is final. The stream, not the store, is the
 * authority: the deployment runs in this process, and the store can be written by other Mist
 * processes. The first Ctrl+C asks the core to cancel (`deploy.cancel`) and keeps following until it
 * settles; a second one stops waiting.
 */
export function followDeployment(
  core: Pick<CliCore, 'handlers'>,
  started: DeploymentDto,
  options: FollowOptions,
): Promise<FollowResult> {
  const { ref, progress, io } = options;
  const deploymentId = started.id;
  const state = newProgressState();
  state.status = started.status;
  let latest = started;
  let printedSeq = -Infinity;
  let ready = false;
  let settled = false;
  let interrupted = false;
  const held: Array<{ events: DeploymentEventDto[] }> = [];

  return new Promise<FollowResult>((resolve, reject) => {
    let stopWatch: () => void = () => undefined;
    let unregister: () => void = () => undefined;

    const printLines = (lines: LogLineDto[]) => {
      for (const line of [...lines].sort((a, b) => a.seq - b.seq)) {
        if (line.seq <= printedSeq) continue;
        printedSeq = line.seq;
        progress.write(formatLogLine(line));
      }
    };

    const cleanUp = () => {
      settled = true;
      unregister();
      sink.end();
      stopWatch();
    };

    const fail = (error: unknown) => {
      if (settled) return;
      cleanUp();
      reject(error);
    };

    const finish = async (deployment: DeploymentDto, abandoned = false) => {
      if (settled) return;
      cleanUp();
      latest = deployment;
      try {
        // Whatever the stream did not deliver (it drops the oldest events only if a consumer stalls).
        printLines(await callApi(core, 'deployments.log', { deploymentId }));
      } catch {
        // the stored log is a courtesy here; the outcome stands without it
      }
      if (!abandoned) progress.write(formatDeployEnd(ref, deployment));
      resolve({ deployment, interrupted, abandoned });
    };

    const handle = (events: DeploymentEventDto[]) => {
      for (const event of events) {
        if (settled) return;
        if (event.kind === 'log') {
          printLines([event.line]);
          continue;
        }
        latest = event.deployment;
        progress.write(formatStatusEvent(state, event));
        if (isFinal(event.deployment.status)) void finish(event.deployment);
      }
    };

    const sink: StreamSink<DeploymentEventDto> = new StreamSink<DeploymentEventDto>((events) => {
      if (!ready) {
        held.push({ events });
        return;
      }
      handle(events);
      sink.acknowledge(events.length);
    });

    progress.write(formatDeployStart(ref, started));
    try {
      stopWatch = core.handlers['deployments.watch'](parseApiInput('deployments.watch', { deploymentId }), sink);
    } catch (error) {
      fail(error);
      return;
    }

    if (io.onInterrupt) {
      unregister = io.onInterrupt(() => {
        if (settled) return;
        if (interrupted) {
          io.stderr.write(`mist: stopped waiting; deployment #${latest.number} of ${ref} may still be running.\n`);
          void finish(latest, true);
          return;
        }
        interrupted = true;
        io.stderr.write(`mist: cancelling deployment #${latest.number} of ${ref} (Ctrl+C again to stop waiting)\n`);
        callApi(core, 'deploy.cancel', { deploymentId }).then(
          (deployment) => {
            if (isFinal(deployment.status)) void finish(deployment);
          },
          (error: unknown) => io.stderr.write(`mist: ${(error as Error)?.message ?? String(error)}\n`),
        );
      });
    }

    // The lines stored before the watch began, then whatever the watch sent meanwhile.
    callApi(core, 'deployments.log', { deploymentId }).then(
      (lines) => {
        if (settled) return;
        printLines(lines);
        ready = true;
        for (const { events } of held.splice(0)) {
          handle(events);
          sink.acknowledge(events.length);
        }
        if (!settled && isFinal(latest.status)) void finish(latest);
      },
      (error: unknown) => fail(error),
    );
  });
}

/**
 * Follows a deployment a command started (deploy, rollback) to its end, and ends the command as
 * they all do: the final DeploymentDto on stdout with --json, a failure as one `mist:` line, and
 * the exit status 0 for success, 1 for failed or cancelled, 130 after Ctrl+C.
 */
export async function followToExit(
  core: Pick<CliCore, 'handlers'>,
  started: DeploymentDto,
  options: { ref: string; io: CliIo; json: boolean },
): Promise<number> {
  const { ref, io, json } = options;
  const result = await followDeployment(core, started, { ref, io, progress: json ? io.stderr : io.stdout });
  if (json) io.stdout.write(formatJson(result.deployment));
  if (result.interrupted) return EXIT_INTERRUPTED;
  if (result.deployment.status === 'success') return EXIT_OK;
  io.stderr.write(`mist: ${deployFailureMessage(ref, result.deployment)}\n`);
  return EXIT_FAILURE;
}
