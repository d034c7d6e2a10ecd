// Shared pieces of the request decoder: wire-type checks, timestamps, map entries.

import { invalid, toMillis } from './request-checks.ts';
import { WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader.ts';

/** A key that would reach an object's prototype instead of becoming a property. */
export const PROTO_KEY = '__proto__';

/** Refuses a known field that arrived with another wire type. */
export function wrongType(index: number, field: string): never {
  return invalid(index, field, 'has the wrong wire type');
}

/** Checks the wire type of a known field. */
export function expectType(wireType: number, want: number, index: number, field: string): void {
  if (wireType !== want) wrongType(index, field);
}

/** Reads a google.protobuf.Timestamp as epoch milliseconds. */
export function timestamp(r: WireReader, index: number, field: string): number {
  const outer = r.enter();
  let seconds = 0;
  let nanos = 0;
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    if (tag >>> 3 === 1 && wt === WIRE_VARINT) seconds = r.int64();
    else if (tag >>> 3 === 2 && wt === WIRE_VARINT) nanos = r.int64();
    else r.skip(wt);
  }
  r.leave(outer);
  return toMillis(seconds, nanos, index, field);
}

/**
 * Reads one map entry (key = field 1, value = field 2) and returns its key; the value is left for the caller
 * at `r.mark` (-1 when absent), so that errors about the value can name the key whatever the field order.
 */
export function mapKey(r: WireReader, index: number, field: string): string {
  const outer = r.enter();
  let key = '';
  let mark = -1;
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    if (tag >>> 3 === 1) {
      expectType(wt, WIRE_LEN, index, field);
      const k = r.key();
      if (k === null) invalid(index, field, 'has a key that is not valid UTF-8');
      key = k;
    } else if (tag >>> 3 === 2) {
      expectType(wt, WIRE_LEN, index, field);
      mark = r.pos;
      r.skip(WIRE_LEN);
    } else r.skip(wt);
  }
  r.leave(outer);
  r.mark = mark;
  return key;
}

/** Reads the string value at `r.mark` (a map value found by `mapKey`), then returns to where it was. */
export function stringAtMark(r: WireReader): string | null {
  const resume = r.pos;
  r.pos = r.mark;
  const value = r.string();
  r.pos = resume;
  return value;
}
