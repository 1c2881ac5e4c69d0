/**
 * Errors that cross process boundaries. Every failure the user can see has a code (for tests and
 * for the UI to pick a remedy) and a message written for a person.
 */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'conflict',
  'keychain-unavailable',
  'host-unreachable',
  'host-key-unknown',
  'host-key-changed',
  'auth-failed',
  'ssh-error',
  'docker-not-installed',
  'docker-permission-denied',
  'docker-error',
  'command-failed',
  'timeout',
  'cancelled',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface MistErrorShape {
  code: ErrorCode;
  message: string;
  /** Extra facts for the UI, e.g. both fingerprints of a changed host key. Never secrets. */
  details?: Record<string, string | number | boolean | null>;
}

export class MistError extends Error implements MistErrorShape {
  readonly code: ErrorCode;
  readonly details?: Record<string, string | number | boolean | null>;

  constructor(code: ErrorCode, message: string, details?: MistErrorShape['details']) {
    super(message);
    this.name = 'MistError';
    this.code = code;
    if (details) this.details = details;
  }

  toShape(): MistErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }

  static fromShape(shape: MistErrorShape): MistError {
    return new MistError(shape.code, shape.message, shape.details);
  }
}

export function isMistError(value: unknown): value is MistError {
  return value instanceof MistError;
}
