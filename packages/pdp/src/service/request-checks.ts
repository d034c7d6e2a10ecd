// Request refusals and the field checks the decoder applies: presence, size in bytes, encoding, time ranges.

import { status } from '@grpc/grpc-js';

/** Longest piece of user input quoted back in an error message. */
export const MAX_QUOTED_CHARS = 64;
/** Range of a google.protobuf.Timestamp (0001-01-01 to 9999-12-31). */
export const MIN_TIMESTAMP_SECONDS = -62_135_596_800;
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799;

/** A request the PDP refuses; `code` is the gRPC status, the message names the field. */
export class RequestError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Quotes user input for an error message, cut to MAX_QUOTED_CHARS. */
export function quote(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}...` : text;
}

/** Where a field sits: `requests[3].` inside a batch, nothing for a unary call. */
export function fieldPath(index: number, field: string): string {
  return index < 0 ? field : `requests[${index}].${field}`;
}

/** Throws INVALID_ARGUMENT for `field` (of batch item `index`, -1 for unary). */
export function invalid(index: number, field: string, problem: string): never {
  throw new RequestError(status.INVALID_ARGUMENT, `\`${fieldPath(index, field)}\` ${problem}`);
}

/** Checks a decoded string: valid UTF-8 (null means it was not), present when required, at most `maxBytes`. */
export function checkString(value: string | null, index: number, field: string, maxBytes: number, required: boolean): string {
  if (value === null) return invalid(index, field, 'is not valid UTF-8');
  if (value.length === 0) {
    if (required) invalid(index, field, 'is required');
    return value;
  }
  if (value.length > maxBytes || (value.length * 3 > maxBytes && Buffer.byteLength(value) > maxBytes)) {
    invalid(index, field, `is longer than ${maxBytes} bytes`);
  }
  return value;
}

/** A Timestamp's seconds and nanos as epoch milliseconds, range-checked. */
export function toMillis(seconds: number, nanos: number, index: number, field: string): number {
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) invalid(index, `${field}.seconds`, 'is out of range');
  if (nanos < 0 || nanos > 999_999_999) invalid(index, `${field}.nanos`, 'must be from 0 to 999999999');
  return seconds * 1000 + Math.floor(nanos / 1_000_000);
}
