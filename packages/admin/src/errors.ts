// The admin plane's one error envelope `{ code, message, details? }` and the table mapping each code to its HTTP status.

import { isStoreError } from '@iam/store';

/** Every error code the REST API answers with, mapped to its HTTP status: the one table. */
export const ERROR_STATUS = {
  malformed_policy_document: 400,
  invalid_input: 400,
  unauthenticated: 401,
  access_denied: 403,
  no_such_entity: 404,
  entity_already_exists: 409,
  delete_conflict: 409,
  limit_exceeded: 409,
  internal_error: 500,
  service_unavailable: 503,
} as const;

/** A stable snake_case error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** All error codes, in table order. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** The JSON body of every error answer. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The message of every internal error: the detail goes to the log only. */
export const INTERNAL_ERROR_MESSAGE = 'internal error';

/** An error a handler throws to answer with the envelope; `status` comes from the table. */
export class AdminError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AdminError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }

  /** The JSON body for this error. */
  toEnvelope(): ErrorEnvelope {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Shorthand for `new AdminError('invalid_input', message, details)`. */
export function invalidInput(message: string, details?: unknown): AdminError {
  return new AdminError('invalid_input', message, details);
}

/** Shorthand for `new AdminError('no_such_entity', message)`. */
export function noSuchEntity(message: string): AdminError {
  return new AdminError('no_such_entity', message);
}

/** Errors raised by Express's body parser carry a `type` and a 4xx `status`. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Record<string, unknown>;
  return typeof e.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500;
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'request body is not valid JSON',
  'entity.too.large': 'request body is too large',
  'encoding.unsupported': 'request body has an unsupported encoding',
  'charset.unsupported': 'request body has an unsupported charset',
  'entity.verify.failed': 'request body failed verification',
  'request.aborted': 'request was aborted',
  'request.size.invalid': 'request body size does not match its content-length',
  'stream.encoding.set': 'request body could not be read',
};

/**
 * Turns anything thrown into an AdminError: AdminErrors as they are, body-parser failures as
 * `invalid_input`, everything else as `internal_error` (the caller logs the original).
 */
export function toAdminError(err: unknown): AdminError {
  if (err instanceof AdminError) return err;
  if (isStoreError(err)) {
    if (err.code === 'store_busy') return new AdminError('service_unavailable', 'the store is busy, retry later');
    if (err.code in ERROR_STATUS && err.code !== 'change_log_gap') return new AdminError(err.code as ErrorCode, err.message, err.details);
    return new AdminError('internal_error', INTERNAL_ERROR_MESSAGE);
  }
  if (isBodyParserError(err)) {
    const message = BODY_PARSER_MESSAGES[err.type] ?? 'request body could not be read';
    return new AdminError('invalid_input', message);
  }
  return new AdminError('internal_error', INTERNAL_ERROR_MESSAGE);
}
