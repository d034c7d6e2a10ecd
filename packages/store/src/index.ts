// Public entry of @iam/store: the Store interface, its errors, defaults and the openStore factory.

export type * from './types.ts';
export * from './errors.ts';
export { DEFAULT_QUOTAS } from './config.ts';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.ts';
export { openStore } from './open.ts';
export { ACCESS_KEY_ID_PATTERN, SECRET_ACCESS_KEY_PATTERN, rootKeyProblem, type RootKeyFieldNames } from './keys.ts';
