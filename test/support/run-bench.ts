import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { REPO_ROOT } from './run-mist';

export interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run bench -- NAME ARGS…` as a child process; SIGTERM after the timeout lets it clean up. */
export function runBench(name: string, args: string[], timeoutMs: number): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench.mjs', name, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // SIGTERM lets the bench stop what it started (sshd, containers, images, checkouts) before it exits.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether something accepts TCP connections on a loopback port (to prove the bench's sshd is gone). */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
