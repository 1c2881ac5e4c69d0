import { describe, expect, it } from 'vitest';
import { describeEarlyExit, exitRightAfterStart } from '../../src/main/core/deploy/early-exit';

/** Docker's answers, as the new container's inspect gives them (only the fields the check reads). */
function inspecting(state: { Running: boolean; Restarting?: boolean; ExitCode?: number }, restartCount = 0) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    inspect: async () => {
      calls += 1;
      return { State: { Restarting: false, ExitCode: 0, ...state }, RestartCount: restartCount } as never;
    },
  };
}
const never = new Promise<number>(() => {});
const after = (ms: number, code: number) => new Promise<number>((resolve) => setTimeout(() => resolve(code), ms));
const timings = { settleMs: 40, restartedExitWaitMs: 150 };

describe('exitRightAfterStart: did the new container survive its first moments?', () => {
  it('an exit the wait reports within the settle time decides at once, without an inspect', async () => {
    const container = inspecting({ Running: true });
    expect(await exitRightAfterStart(container, after(5, 7), timings)).toEqual({ code: 7, restarts: 0 });
    expect(container.calls).toBe(0);
  });

  it('a container still on its first start after the settle time survived (one inspect)', async () => {
    const container = inspecting({ Running: true });
    expect(await exitRightAfterStart(container, never, timings)).toBeNull();
    expect(container.calls).toBe(1);
  });

  it('an exit Docker had not reported yet: the inspect (which waits for Docker to process it) finds it stopped', async () => {
    const container = inspecting({ Running: false, ExitCode: 3 });
    expect(await exitRightAfterStart(container, never, timings)).toEqual({ code: 3, restarts: 0 });
  });

  it('a crash its restart policy already undid: restarting, and the code comes from its next crash', async () => {
    const container = inspecting({ Running: true, Restarting: true }, 1);
    expect(await exitRightAfterStart(container, after(100, 7), timings)).toEqual({ code: 7, restarts: 1 });
  });

  it('restarted and running again, with no next crash in time: still a failure, the code unknown', async () => {
    const container = inspecting({ Running: true }, 2);
    expect(await exitRightAfterStart(container, never, timings)).toEqual({ code: null, restarts: 2 });
  });

  it('says what happened', () => {
    expect(describeEarlyExit({ code: 7, restarts: 0 })).toBe(
      'The new container exited with code 7 right after starting.',
    );
    expect(describeEarlyExit({ code: null, restarts: 1 })).toBe(
      'The new container exited right after starting (its restart policy started it again 1 time).',
    );
    expect(describeEarlyExit({ code: 1, restarts: 3 })).toBe(
      'The new container exited with code 1 right after starting (its restart policy started it again 3 times).',
    );
  });
});
