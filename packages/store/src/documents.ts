// Policy documents: parsing, validation through the core's validator, canonical storage text and size quotas.

import type { PolicyDocument, PolicyType } from './core.ts';
import { LimitExceededError, MalformedPolicyDocumentError } from './errors.ts';
import { findPolicyErrors } from './policy-check.ts';

/** A validated document: its parsed value, the text stored, and its sizes. */
export interface CheckedDocument {
  value: Record<string, unknown>;
  /** Canonical stored text (compact JSON). */
  text: string;
  /** Characters without whitespace (how IAM counts). */
  size: number;
  /** Characters including whitespace, as given (how Organizations counts). */
  rawSize: number;
}

/** Parses and validates `doc` as a `type` policy; throws malformed_policy_document naming the problem. */
export function checkDocument(doc: PolicyDocument | unknown, type: PolicyType): CheckedDocument {
  let value: unknown = doc;
  let raw: string;
  if (typeof doc === 'string') {
    try {
      value = JSON.parse(doc);
    } catch (e) {
      throw new MalformedPolicyDocumentError(`policy document is not valid json: ${(e as Error).message}`);
    }
    raw = doc;
  } else {
    raw = JSON.stringify(doc ?? null);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedPolicyDocumentError('policy document must be a json object');
  }
  const findings = findPolicyErrors(value as Record<string, unknown>, type);
  if (findings.length > 0) {
    const first = findings[0];
    throw new MalformedPolicyDocumentError(`${first.message}${first.path ? ` (at \`${first.path}\`)` : ''}`, { findings });
  }
  const text = JSON.stringify(value);
  return { value: value as Record<string, unknown>, text, size: text.replace(/\s/g, '').length, rawSize: raw.length };
}

/** Throws limit_exceeded when `size` is over `limit`. */
export function checkSize(what: string, size: number, limit: number, quota: string): void {
  if (size > limit) throw new LimitExceededError(`${what} is ${size} characters, more than ${limit}`, { quota, limit, size });
}

/** Stored text back to a document value. */
export function parseStored(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}
