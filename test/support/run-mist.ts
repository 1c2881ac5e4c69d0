import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_KEYCHAIN_SERVICE } from './test-core';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MIST_BIN = join(REPO_ROOT, 'bin', 'mist.cjs');

export interface MistResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface MistRunOptions {
  /** What stdin carries (it is always a pipe, never a terminal). */
  input?: string;
  /** Extra environment (e.g. MIST_SSH_SECRET, which is otherwise removed). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs the real `mist` CLI from source in a child process against the store in `home`. */
export function runMist(home: string, args: string[], options: MistRunOptions = {}): Promise<MistResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MIST_CLI_FROM_SOURCE: '1',
      MIST_HOME: home,
      MIST_KEYCHAIN_SERVICE: TEST_KEYCHAIN_SERVICE,
      MIST_KNOWN_HOSTS: 'none',
    };
    delete env.MIST_SSH_SECRET;
    delete env.MIST_DEBUG;
    Object.assign(env, options.env);
    const child = spawn(process.execPath, [MIST_BIN, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
