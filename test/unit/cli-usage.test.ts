import { describe, expect, it } from 'vitest';
import { formatUsage, parseUsageArgs } from '../../src/main/cli/commands/usage';

describe('mist usage', () => {
  it('takes PROJECT/APP and --json', () => {
    expect(parseUsageArgs(['shop/web', '--json'])).toEqual({ ref: { project: 'shop', app: 'web' }, json: true });
  });

  it('prints a row per container: CPU of one core, memory, its limit, network', () => {
    const text = formatUsage('shop/stack', {
      appId: 'a1',
      containers: [
        {
          containerId: 'c1',
          service: 'api',
          cpuPercent: 152.25,
          memoryBytes: 50 * 1024 * 1024,
          memoryLimitBytes: 256 * 1024 * 1024,
          networkRxBytes: 1536,
          networkTxBytes: 0,
          at: '2026-11-27T08:00:00Z',
        },
        {
          containerId: 'c2',
          service: 'worker',
          cpuPercent: 0,
          memoryBytes: 900,
          memoryLimitBytes: null,
          networkRxBytes: 0,
          networkTxBytes: 0,
          at: '2026-11-27T08:00:00Z',
        },
      ],
    });
    expect(text.split('\n')[0]).toMatch(/^CONTAINER\s+CPU\s+MEMORY\s+LIMIT\s+NET IN\s+NET OUT$/);
    expect(text).toMatch(/^api\s+152\.3%\s+50 MiB\s+256 MiB\s+1\.5 KiB\s+0 B$/m);
    expect(text).toMatch(/^worker\s+0\.0%\s+900 B\s+-\s+0 B\s+0 B$/m);
    expect(formatUsage('shop/web', { appId: 'a1', containers: [] })).toBe('shop/web has no running container.\n');
  });
});
