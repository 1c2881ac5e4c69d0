import { describe, expect, it, vi } from 'vitest';
import { readGhCliToken, type ExecFileFn } from '../../src/main/core/github/gh-cli-token';

const TOKEN = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';

/** An execFile stand-in that fails like Node's does: an error with a code (ENOENT, or the exit status). */
function failingWith(code: string | number, message: string): ExecFileFn {
  return vi.fn(async () => {
    throw Object.assign(new Error(message), { code });
  });
}

describe('readGhCliToken', () => {
  it('runs `gh auth token` without a shell, with a 5 s timeout, and returns the trimmed token', async () => {
    const execFileImpl = vi.fn<ExecFileFn>(async () => ({ stdout: `${TOKEN}\n` }));
    await expect(readGhCliToken({ execFileImpl })).resolves.toBe(TOKEN);
    expect(execFileImpl).toHaveBeenCalledWith('gh', ['auth', 'token'], { timeout: 5_000, windowsHide: true });
  });

  it('is null when gh is not installed (ENOENT)', async () => {
    await expect(readGhCliToken({ execFileImpl: failingWith('ENOENT', 'spawn gh ENOENT') })).resolves.toBeNull();
  });

  it('is null when gh is not logged in (exit status 1)', async () => {
    const notLoggedIn = failingWith(1, 'Command failed: gh auth token\nno oauth token found for github.com');
    await expect(readGhCliToken({ execFileImpl: notLoggedIn })).resolves.toBeNull();
  });

  it('is null when gh hangs and is killed by the timeout', async () => {
    const killed = vi.fn<ExecFileFn>(async () => {
      throw Object.assign(new Error('Command failed: gh auth token'), { killed: true, signal: 'SIGTERM', code: null });
    });
    await expect(readGhCliToken({ execFileImpl: killed })).resolves.toBeNull();
  });

  it('is null when gh prints nothing, or something with spaces that is no token', async () => {
    await expect(readGhCliToken({ execFileImpl: async () => ({ stdout: '  \n' }) })).resolves.toBeNull();
    await expect(
      readGhCliToken({
        execFileImpl: async () => ({ stdout: 'To get started with GitHub CLI, please run gh auth login' }),
      }),
    ).resolves.toBeNull();
  });

  it('never logs the token', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    try {
      await readGhCliToken({ execFileImpl: async () => ({ stdout: TOKEN }) });
      await readGhCliToken({ execFileImpl: failingWith(1, `unexpected ${TOKEN}`) });
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
