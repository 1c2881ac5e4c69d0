import { expect } from 'vitest';
import { MistError } from '../../src/shared/errors';

/** The MistError a promise (or a call, sync or async) ends with; fails the test if it does not throw one. */
export async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<MistError> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MistError);
  return error as MistError;
}
