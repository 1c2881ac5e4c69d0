import { spawn } from 'node:child_process';
import type { DeploymentDto } from '../../shared/dto/app';
import { CliFailure } from './errors';
import type { CliIo } from './io';

/**
 * `mist deploy --no-wait`. A deploy runs inside the core of the process that started it (it drives
 * git and docker on the server over that process's SSH connection), so a CLI that returned at once
 * would take its deploy down with it. Instead the command starts a detached worker — `mist deploy
 * PROJECT/APP` in a new session, with no terminal and its output discarded — which starts the
 * deployment, reports it over an IPC channel, and follows it to the end while the command returns.
 */

/** Set in the worker's environment; with an IPC channel, main.ts gives the worker workerIo(). */
export const DEPLOY_WORKER_ENV = 'MIST_DEPLOY_WORKER';

type WorkerMessage = { type: 'started'; deployment: DeploymentDto } | { type: 'stderr'; text: string };

export type StartDetachedDeploy = (ref: string, commit?: string) => Promise<DeploymentDto>;

/** Starts the worker for PROJECT/APP (and a chosen tag or commit) and resolves with the deployment it started. */
export function spawnDeployWorker(ref: string, io: CliIo, commit?: string): Promise<DeploymentDto> {
  const script = process.argv[1];
  if (!script) return Promise.reject(new CliFailure('Cannot start a background deploy: the mist script is unknown.'));
  return new Promise((resolve, reject) => {
    const args = ['deploy', ref, ...(commit !== undefined ? ['--commit', commit] : [])];
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
      cwd: io.cwd ?? process.cwd(),
      env: { ...io.env, [DEPLOY_WORKER_ENV]: '1' },
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    let stderr = '';
    let done = false;
    child.on('message', (message: WorkerMessage) => {
      if (done) return;
      if (message.type === 'stderr') {
        stderr += message.text;
        return;
      }
      done = true;
      child.disconnect();
      child.unref();
      resolve(message.deployment);
    });
    child.on('error', (error) => {
      if (done) return;
      done = true;
      reject(new CliFailure(`Cannot start a background deploy: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      if (done) return;
      done = true;
      const lines = stderr
        .split('\n')
        .map((line) => line.replace(/^mist: /, '').trim())
        .filter((line) => line && !/^\s*at /.test(line));
      const [message, ...hints] = lines.length
        ? lines
        : [`the background deploy ended (${signal ?? `exit ${code}`}) before it started`];
      reject(new CliFailure(message!, hints));
    });
  });
}

/**
 * The worker's side: nothing on stdout (the log is stored with the deployment), stderr forwarded to
 * the command while it waits, and the started deployment reported to it.
 */
export function workerIo(io: CliIo, send: (message: WorkerMessage) => void, connected: () => boolean): CliIo {
  return {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (connected() ? send({ type: 'stderr', text }) : true) },
    stdin: io.stdin,
    isTTY: false,
    env: io.env,
    ...(io.cwd !== undefined ? { cwd: io.cwd } : {}),
    reportStarted: (deployment) => {
      if (connected()) send({ type: 'started', deployment });
    },
  };
}
