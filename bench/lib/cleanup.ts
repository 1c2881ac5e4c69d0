/**
 * Everything a bench starts registers how to stop it here; `runAll()` stops them in reverse order,
 * once, whatever happened (normal end, a thrown error, SIGINT/SIGTERM, or the watchdog).
 */
export class Cleanup {
  private readonly steps: { name: string; run: () => unknown }[] = [];
  private running: Promise<void> | null = null;

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  runAll(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await withTimeout(Promise.resolve().then(step.run), 30_000, `cleanup: ${step.name}`);
        } catch (error) {
          process.stderr.write(`cleanup: ${step.name} failed: ${(error as Error).message}\n`);
        }
      }
      this.steps.length = 0;
    })();
    return this.running;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `main` with cleanup guaranteed: on SIGINT/SIGTERM and after `deadlineMs` it stops what was
 * started and exits non-zero. `main` resolves to the exit code.
 */
export function runBench(deadlineMs: number, main: (cleanup: Cleanup) => Promise<number>): void {
  const cleanup = new Cleanup();
  let aborted = false;
  const abort = (code: number, message: string): void => {
    if (aborted) return;
    aborted = true;
    process.stderr.write(`\n${message}; stopping everything the bench started\n`);
    void cleanup.runAll().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => abort(130, 'interrupted (SIGINT)'));
  process.on('SIGTERM', () => abort(143, 'terminated (SIGTERM)'));
  const watchdog = setTimeout(
    () => abort(1, `bench did not finish within ${Math.round(deadlineMs / 1000)} s`),
    deadlineMs,
  );
  watchdog.unref();
  main(cleanup)
    .catch((error: unknown) => {
      if (aborted) return 1; // the failure is the abort tearing things down under it
      process.stderr.write(
        `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      return 1;
    })
    .then(async (code) => {
      if (aborted) return; // abort() exits once cleanup is done
      await cleanup.runAll();
      clearTimeout(watchdog);
      // Force the exit: a stray keep-alive socket or timer must not keep a finished bench alive.
      process.exit(code);
    });
}
