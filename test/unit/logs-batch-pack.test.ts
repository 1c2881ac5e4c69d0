// the web shell's compact log batches (src/shared/log-batch.ts)
import { expect, it } from 'vitest';
import { packLogBatch, unpackLogBatch } from '../../src/shared/log-batch';
it('packs a batch of log lines for the socket and unpacks it as it was; other events go as they are', () => {
  const cases: unknown[][] = [
    [
      { stream: 'stdout', text: 'a' },
      { stream: 'stdout', text: '' },
      { stream: 'stderr', text: 'x\r' },
      { stream: 'system', text: 's' },
    ],
    [
      { stream: 'stdout', text: 'a', at: 'T1', service: 'w' },
      { stream: 'stderr', text: 'b', at: 'T2', service: 'w' },
      { stream: 'stdout', text: 'c', at: 'T3', service: 'db' },
    ],
  ];
  for (const events of cases) {
    const packed = packLogBatch({ type: 'batch', id: 3, events })!;
    expect(packed).not.toBeNull();
    expect(unpackLogBatch(JSON.parse(JSON.stringify(packed)))).toEqual({ type: 'batch', id: 3, events });
  }
  expect(
    packLogBatch({
      type: 'batch',
      id: 1,
      events: [
        { stream: 'stdout', text: 'a', at: 'T' },
        { stream: 'stdout', text: 'b' },
      ],
    }),
  ).toBeNull();
  expect(
    packLogBatch({
      type: 'batch',
      id: 1,
      events: [
        { seq: 1, stream: 'stdout', text: 'a', at: 'T' },
        { seq: 2, stream: 'stdout', text: 'b', at: 'T' },
      ],
    }),
  ).toBeNull();
  expect(
    packLogBatch({
      type: 'batch',
      id: 1,
      events: [
        { stream: 'stdout', text: 'a\nb' },
        { stream: 'stdout', text: 'b' },
      ],
    }),
  ).toBeNull();
});
