// Typed store errors; each has a stable snake_case `code` the admin plane maps to an HTTP status.

/** Every code a store error can carry. The first six are the API-facing ones. */
export type StoreErrorCode =
  | 'invalid_input' // 400
  | 'no_such_entity' // 404
  | 'entity_already_exists' // 409
  | 'delete_conflict' // 409
  | 'limit_exceeded' // 409 (AWS answers 409 LimitExceeded)
  | 'malformed_policy_document' // 400
  | 'change_log_gap' // internal: changesSince cannot reach back; reload a snapshot
  | 'store_busy'; // 503: could not take the write lock in time

/** Base class of all store errors. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: StoreErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

/** A field is missing, too long, of the wrong shape, or names something of the wrong kind. */
export class InvalidInputError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_input', message, details);
  }
}

/** The entity named does not exist. */
export class NoSuchEntityError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('no_such_entity', message, details);
  }
}

/** An entity with that name or id exists already (or the store is not empty on import). */
export class EntityAlreadyExistsError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('entity_already_exists', message, details);
  }
}

/** The entity is referenced or still has dependents (policy attached, group with members, last SCP, ...). */
export class DeleteConflictError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('delete_conflict', message, details);
  }
}

/** A quota would be exceeded (details carry `quota` and `limit`). */
export class LimitExceededError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('limit_exceeded', message, details);
  }
}

/** A policy document is not valid JSON or fails the core's validator (details carry `findings`). */
export class MalformedPolicyDocumentError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('malformed_policy_document', message, details);
  }
}

/** `changesSince` was asked for a revision the change log no longer covers (or one from another history). */
export class ChangeLogGapError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('change_log_gap', message, details);
  }
}

/** The write lock could not be taken within the configured time (SQLite file held by another process). */
export class StoreBusyError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('store_busy', message, details);
  }
}

/** True when `e` is a store error (optionally with the given code). */
export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}
