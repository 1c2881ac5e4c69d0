import { describe, expect, it } from 'vitest';
import { formatReclaim, parseServerSpaceArgs } from '../../src/main/cli/commands/server-space';
import { CliUsageError } from '../../src/main/cli/errors';

describe('mist server space', () => {
  it('parses NAME, --clean, --clean --build-cache and --json', () => {
    expect(parseServerSpaceArgs(['web-1'])).toEqual({ name: 'web-1', clean: false, buildCache: false, json: false });
    expect(parseServerSpaceArgs(['web-1', '--clean', '--build-cache', '--json'])).toEqual({
      name: 'web-1',
      clean: true,
      buildCache: true,
      json: true,
    });
  });

  it('refuses --build-cache without --clean, and a missing NAME', () => {
    expect(() => parseServerSpaceArgs(['web-1', '--build-cache'])).toThrow(
      new CliUsageError('--build-cache goes with --clean', 'server space'),
    );
    expect(() => parseServerSpaceArgs([])).toThrow(CliUsageError);
  });

  it('says what a clean-up freed, in one line', () => {
    expect(formatReclaim('web-1', { serverId: 's', removedImages: 1, reclaimedBytes: 2048 }, false)).toBe(
      'Freed 2 KiB on web-1: 1 dangling image removed.\n',
    );
    expect(formatReclaim('web-1', { serverId: 's', removedImages: 0, reclaimedBytes: 0 }, true)).toBe(
      'Freed 0 B on web-1: 0 dangling images removed, and the unused build cache cleared.\n',
    );
  });
});
