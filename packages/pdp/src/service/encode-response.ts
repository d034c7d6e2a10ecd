// Writes AuthorizeResponse / BatchAuthorizeResponse bytes straight from the core's results (proto3: defaults are not written).
// Field numbers follow protos/iam/authz/v1/decision.proto and service.proto; a test checks the bytes against proto-loader.

import type { Decision, DecisionResult, EvaluationError, Layer, Reason } from '../core.ts';
import {
  stringFieldSize, textFieldSize, uint32FieldSize, uint64FieldSize, varintSize, writeString, writeText, writeUint32, writeUint64, writeVarint,
} from './wire-writer.ts';

const LAYER_NUMBER: Readonly<Record<Layer, number>> = { scp: 1, rcp: 2, resource: 3, trust: 4, identity: 5, boundary: 6, session: 7 };
const EFFECT_ALLOW = 1;
const EFFECT_DENY = 2;

// Tags: (field number << 3) | wire type (0 varint, 2 length-delimited).
const TAG_DECISION = 0x08;
const TAG_REASONS = 0x12;
const TAG_DENIED_BY = 0x18;
const TAG_MISSING_KEYS = 0x22;
const TAG_ERRORS = 0x2a;
const TAG_REVISION = 0x30;
/** Reason and EvaluationError share fields 1 (policy_id) and 2 (statement_index); field 3 is sid / message. */
const TAG_POLICY_ID = 0x0a;
const TAG_STATEMENT_INDEX = 0x10;
const TAG_TEXT = 0x1a;
const TAG_EFFECT = 0x20;
const TAG_LAYER = 0x28;
const TAG_BATCH_RESULTS = 0x0a;
const TAG_BATCH_REVISION = 0x10;

/** The Decision enum number, 1 to 3 (a comparison chain: cheaper than a keyed lookup on the hot path). */
export function decisionNumber(decision: Decision): number {
  return decision === 'Allow' ? 1 : decision === 'ExplicitDeny' ? 2 : 3;
}

/**
 * Bytes of the common case (no explanation, no errors: decision and revision only) for the revision last seen:
 * `unary[d - 1]` is the whole AuthorizeResponse of decision number d (shared: nobody writes into reply bytes), `item` the
 * same message framed as one BatchAuthorizeResponse.results item, its decision byte (at ITEM_DECISION_AT) left 0.
 */
interface Plain {
  revision: number;
  unary: Buffer[];
  item: Uint8Array;
}

const ITEM_DECISION_AT = 3;

function plainFor(revision: number): Plain {
  const size = 2 + uint64FieldSize(revision);
  const item = new Uint8Array(2 + size);
  item[0] = TAG_BATCH_RESULTS;
  item[1] = size;
  item[2] = TAG_DECISION;
  writeUint64(item, 4, TAG_REVISION, revision);
  const unary: Buffer[] = [];
  for (let d = 1; d <= 3; d++) {
    // allocUnsafeSlow: own memory, so a worker posting these bytes clones only them (not a whole pool slab)
    const message = Buffer.allocUnsafeSlow(size);
    message.set(item.subarray(2));
    message[1] = d;
    unary.push(message);
  }
  return { revision, unary, item };
}

let plain: Plain = plainFor(0);

function plainAt(revision: number): Plain {
  if (plain.revision !== revision) plain = plainFor(revision);
  return plain;
}

/** Whether a result is decision and revision only on the wire. */
function isPlain(result: DecisionResult, explain: boolean): boolean {
  return !explain && result.errors.length === 0;
}

function reasonSize(r: Reason): number {
  // effect and layer are never 0 (unspecified): one tag byte and one value byte each
  return textFieldSize(r.policyId) + uint32FieldSize(r.statementIndex) + textFieldSize(r.sid ?? '') + 4;
}

function errorSize(e: EvaluationError): number {
  return textFieldSize(e.policyId) + uint32FieldSize(e.statementIndex) + textFieldSize(e.message);
}

/** Size of an AuthorizeResponse (without framing); `explain` adds reasons, denying layer and missing keys. */
function responseSize(result: DecisionResult, revision: number, explain: boolean): number {
  let size = 2 + uint64FieldSize(revision);
  if (explain) {
    for (const r of result.reasons) {
      const s = reasonSize(r);
      size += 1 + varintSize(s) + s;
    }
    if (result.deniedBy) size += 2;
    for (const key of result.missingContextKeys) size += stringFieldSize(key);
  }
  for (const e of result.errors) {
    const s = errorSize(e);
    size += 1 + varintSize(s) + s;
  }
  return size;
}

function writeResponse(out: Buffer, pos: number, result: DecisionResult, revision: number, explain: boolean): number {
  out[pos++] = TAG_DECISION;
  out[pos++] = decisionNumber(result.decision);
  if (explain) {
    for (const r of result.reasons) {
      out[pos++] = TAG_REASONS;
      pos = writeVarint(out, pos, reasonSize(r));
      pos = writeText(out, pos, TAG_POLICY_ID, r.policyId);
      pos = writeUint32(out, pos, TAG_STATEMENT_INDEX, r.statementIndex);
      pos = writeText(out, pos, TAG_TEXT, r.sid ?? '');
      out[pos++] = TAG_EFFECT;
      out[pos++] = r.effect === 'Allow' ? EFFECT_ALLOW : EFFECT_DENY;
      out[pos++] = TAG_LAYER;
      out[pos++] = LAYER_NUMBER[r.layer];
    }
    if (result.deniedBy) {
      out[pos++] = TAG_DENIED_BY;
      out[pos++] = LAYER_NUMBER[result.deniedBy];
    }
    for (const key of result.missingContextKeys) pos = writeString(out, pos, TAG_MISSING_KEYS, key);
  }
  for (const e of result.errors) {
    out[pos++] = TAG_ERRORS;
    pos = writeVarint(out, pos, errorSize(e));
    pos = writeText(out, pos, TAG_POLICY_ID, e.policyId);
    pos = writeUint32(out, pos, TAG_STATEMENT_INDEX, e.statementIndex);
    pos = writeText(out, pos, TAG_TEXT, e.message);
  }
  return writeUint64(out, pos, TAG_REVISION, revision);
}

/** AuthorizeResponse bytes for one result; the common case returns shared precomputed bytes (do not write into them). */
export function encodeAuthorize(result: DecisionResult, revision: number, explain: boolean): Buffer {
  if (isPlain(result, explain)) return plainAt(revision).unary[decisionNumber(result.decision) - 1];
  const out = Buffer.allocUnsafe(responseSize(result, revision, explain));
  writeResponse(out, 0, result, revision, explain);
  return out;
}

/** Writes a plain result as a batch item at `pos` (`item` from plainAt); returns the position after it. */
function writePlainItem(out: Buffer, pos: number, item: Uint8Array, result: DecisionResult): number {
  out.set(item, pos);
  out[pos + ITEM_DECISION_AT] = decisionNumber(result.decision);
  return pos + item.length;
}

/** BatchAuthorizeResponse bytes for the first `count` results (`explain[i]`: whether item i asked for an explanation). */
export function encodeBatch(results: readonly DecisionResult[], count: number, explain: readonly boolean[], revision: number): Buffer {
  const { item } = plainAt(revision);
  // One pass for the common all-plain batch, sized up front; the first other result hands over to encodeMixed.
  const out = Buffer.allocUnsafe(count * item.length + uint64FieldSize(revision));
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const result = results[i];
    if (!isPlain(result, explain[i])) return encodeMixed(results, count, explain, revision, item, out.subarray(0, pos), i);
    pos = writePlainItem(out, pos, item, result);
  }
  writeUint64(out, pos, TAG_BATCH_REVISION, revision);
  return out;
}

/** encodeBatch from item `from` on, when not every result is plain; `item` is plainAt(revision).item, `prefix` holds the items written before it. */
function encodeMixed(
  results: readonly DecisionResult[], count: number, explain: readonly boolean[], revision: number, item: Uint8Array, prefix: Buffer, from: number,
): Buffer {
  let size = prefix.length + uint64FieldSize(revision);
  for (let i = from; i < count; i++) {
    const result = results[i];
    if (isPlain(result, explain[i])) size += item.length;
    else {
      const s = responseSize(result, revision, explain[i]);
      size += 1 + varintSize(s) + s;
    }
  }
  const out = Buffer.allocUnsafe(size);
  let pos = prefix.copy(out, 0);
  for (let i = from; i < count; i++) {
    const result = results[i];
    if (isPlain(result, explain[i])) pos = writePlainItem(out, pos, item, result);
    else {
      out[pos++] = TAG_BATCH_RESULTS;
      pos = writeVarint(out, pos, responseSize(result, revision, explain[i]));
      pos = writeResponse(out, pos, result, revision, explain[i]);
    }
  }
  writeUint64(out, pos, TAG_BATCH_REVISION, revision);
  return out;
}
