// Input validation shared by the entity modules: names, paths, ids, tags, numbers.

import { InvalidInputError, LimitExceededError } from './errors.ts';
import type { Tags } from './core.ts';

/** Longest user and role name. */
export const MAX_USER_ROLE_NAME = 64;
/** Longest group and policy name. */
export const MAX_GROUP_POLICY_NAME = 128;
/** Longest IAM path. */
export const MAX_PATH = 512;
/** Longest OU, account and inline policy name. */
export const MAX_OTHER_NAME = 128;
/** Longest description. */
export const MAX_DESCRIPTION = 1000;
/** Tag key and value lengths. */
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
/** Role session duration bounds (s). */
export const MIN_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION = 43200;

const NAME_RE = /^[\w+=,.@-]+$/;
const PATH_RE = /^(\/|\/[\x21-\x7E]+\/)$/;
const TAG_KEY_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Kinds of named IAM entities. */
export type NamedKind = 'user' | 'role' | 'group' | 'policy' | 'inline policy';

/** Checks an IAM name: `[\w+=,.@-]+`, at most 64 (user/role) or 128 (group/policy) characters. */
export function checkName(kind: NamedKind, name: unknown): string {
  const max = kind === 'user' || kind === 'role' ? MAX_USER_ROLE_NAME : MAX_GROUP_POLICY_NAME;
  if (typeof name !== 'string' || name.length === 0) throw new InvalidInputError(`${kind} name is required`);
  if (name.length > max) throw new InvalidInputError(`${kind} name \`${name}\` is longer than ${max} characters`, { field: 'name' });
  if (!NAME_RE.test(name)) throw new InvalidInputError(`${kind} name \`${name}\` may only contain letters, digits and \`+=,.@_-\``, { field: 'name' });
  return name;
}

/** Checks an IAM path (`/` or `/.../`); defaults to `/`. */
export function checkPath(path: unknown): string {
  if (path === undefined || path === null) return '/';
  if (typeof path !== 'string' || path.length > MAX_PATH || !PATH_RE.test(path)) {
    throw new InvalidInputError(`path \`${String(path)}\` must be \`/\` or start and end with \`/\` (printable ASCII, at most ${MAX_PATH})`, { field: 'path' });
  }
  return path;
}

/** Checks a 12-digit account id. */
export function checkAccountId(id: unknown): string {
  if (typeof id !== 'string' || !/^\d{12}$/.test(id)) throw new InvalidInputError(`account id \`${String(id)}\` must be 12 digits`, { field: 'accountId' });
  return id;
}

/** Checks a free-text name (accounts, OUs): 1..128 characters. */
export function checkLabel(what: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_OTHER_NAME) {
    throw new InvalidInputError(`${what} must be 1 to ${MAX_OTHER_NAME} characters`);
  }
  return value;
}

/** Checks an optional description (at most 1000 characters). */
export function checkDescription(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX_DESCRIPTION) throw new InvalidInputError(`description must be a string of at most ${MAX_DESCRIPTION} characters`);
  return value;
}

/** Checks a role's maximum session duration (3600..43200 s). */
export function checkSessionDuration(value: unknown): number {
  if (value === undefined) return MIN_SESSION_DURATION;
  if (!Number.isInteger(value) || (value as number) < MIN_SESSION_DURATION || (value as number) > MAX_SESSION_DURATION) {
    throw new InvalidInputError(`max session duration \`${String(value)}\` must be an integer from ${MIN_SESSION_DURATION} to ${MAX_SESSION_DURATION} seconds`, { field: 'maxSessionDuration' });
  }
  return value as number;
}

/** Checks an ARN's shape (`arn:partition:service:region:account:resource`). */
export function checkArn(arn: unknown, what = 'arn'): string {
  if (typeof arn !== 'string' || arn.length > 2048 || !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(arn)) {
    throw new InvalidInputError(`${what} \`${String(arn)}\` is not a valid arn`);
  }
  return arn;
}

/** Checks tags to add and returns them; `aws:` keys are reserved. */
export function checkTags(tags: unknown): Tags {
  if (tags === undefined) return {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw new InvalidInputError('tags must be an object of string values');
  for (const [k, v] of Object.entries(tags)) {
    if (k.length === 0 || k.length > MAX_TAG_KEY || !TAG_KEY_RE.test(k)) throw new InvalidInputError(`tag key \`${k}\` must be 1 to ${MAX_TAG_KEY} letters, digits, spaces or \`_.:/=+-@\``);
    if (k.toLowerCase().startsWith('aws:')) throw new InvalidInputError(`tag key \`${k}\` uses the reserved prefix \`aws:\``);
    if (typeof v !== 'string' || v.length > MAX_TAG_VALUE || !TAG_VALUE_RE.test(v)) throw new InvalidInputError(`tag value of \`${k}\` must be a string of at most ${MAX_TAG_VALUE} letters, digits, spaces or \`_.:/=+-@\``);
  }
  return tags as Tags;
}

/** Merges `add` into `current` (tag keys compared case-sensitively) and enforces the count limit. */
export function mergeTags(current: Tags, add: Tags, limit: number, what: string): Tags {
  const merged = { ...current, ...add };
  const count = Object.keys(merged).length;
  if (count > limit) throw new LimitExceededError(`${what} would have ${count} tags, more than ${limit}`, { quota: 'tags', limit });
  return merged;
}

/** Checks a list of tag keys to remove. */
export function checkTagKeys(keys: unknown): string[] {
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) throw new InvalidInputError('tag keys must be an array of strings');
  return keys as string[];
}

/** Tags with keys in sorted order (deterministic JSON). */
export function sortedTags(tags: Tags): Tags {
  const out: Tags = {};
  for (const k of Object.keys(tags).sort()) out[k] = tags[k];
  return out;
}
