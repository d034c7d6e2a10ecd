// Compiling text patterns into the image: wildcards become 0x01/0x02, policy variables become segments,
// ARNs are pre-split into their six components.

import { ACTION_BIT_M1, ACTION_BIT_M2, PLAIN_BYTES, PLAIN_LEN, PLAIN_SHAPE, SHAPE_ANY, SHAPE_GLOB, SHAPE_LITERAL, SHAPE_PREFIX, RPK_ANY, RPK_ARN, RPK_GLOB, RP_HEAD, RP_PARTS, RP_SIZE, RP_WHOLE, SEG_LITERAL, SEG_SIZE, SEG_VAR, SEG_VAR_CALLER, WILD_ONE, WILD_STAR } from '../../assembly/layout.ts';
import { parseVariables, type VariableSegment } from '../parse/index.ts';
import type { BlockWriter } from '../wasm/heap.ts';
import type { KeyTable } from './keys.ts';

const encoder = new TextEncoder();

/** How a pattern's text is read. */
export interface PatternMode {
  /** `*` and `?` are wildcards. */
  wildcards: boolean;
  /** Lowercase literal text (IgnoreCase operators, actions). */
  lowercase: boolean;
  /** `${...}` are policy variables (Version 2012-10-17). */
  variables: boolean;
}

/** ASCII-only lowercase, the same folding the evaluator applies to request text. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** Encode literal text: wildcards to 0x01/0x02 when enabled. */
function literalBytes(text: string, mode: PatternMode, escaped: boolean): Uint8Array {
  const t = mode.lowercase ? asciiLower(text) : text;
  const bytes = encoder.encode(t);
  if (mode.wildcards && !escaped) {
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x2a) bytes[i] = WILD_STAR;
      else if (bytes[i] === 0x3f) bytes[i] = WILD_ONE;
    }
  }
  return bytes;
}

/** How action patterns are read: wildcards, lowercased, no variables. */
export const ACTION_MODE: PatternMode = { wildcards: true, lowercase: true, variables: false };
/** Every action bit: what a statement whose patterns cannot be narrowed carries. */
export const ALL_ACTION_BITS = 0xffffffff;

/** The action bit of the two bytes after an action's first colon (0 for a byte past the end); the evaluator's too. */
export function actionBit(first: number, second: number): number {
  return (1 << ((Math.imul(first, ACTION_BIT_M1) + Math.imul(second, ACTION_BIT_M2)) >>> 27)) >>> 0;
}

/**
 * The action bits a statement's Action patterns can match (ST_ACTION_BITS): a literal service and two literal bytes
 * after the colon pin an action's bit; a wildcard there, or no colon at all, can match any.
 */
export function actionBits(actions: readonly string[]): number {
  let bits = 0;
  for (const action of actions) {
    const b = literalBytes(action, ACTION_MODE, false);
    const colon = b.indexOf(0x3a);
    if (colon < 0) return ALL_ACTION_BITS;
    for (let i = 0; i < b.length && i <= colon + 2; i++) if (b[i] === WILD_STAR || b[i] === WILD_ONE) return ALL_ACTION_BITS;
    bits |= actionBit(b[colon + 1] ?? 0, b[colon + 2] ?? 0);
  }
  return bits >>> 0;
}

/** How a plain pattern can be matched fastest (see SHAPE_* in layout.ts). */
export function shapeOf(bytes: Uint8Array): number {
  let wild = -1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === WILD_STAR || bytes[i] === WILD_ONE) {
      if (wild >= 0 || bytes[i] === WILD_ONE) return SHAPE_GLOB;
      wild = i;
    }
  }
  if (wild < 0) return SHAPE_LITERAL;
  if (wild !== bytes.length - 1) return SHAPE_GLOB;
  return bytes.length === 1 ? SHAPE_ANY : SHAPE_PREFIX;
}

/** Segments of a text under a mode (one literal when variables are off). */
export function segmentsOf(text: string, mode: PatternMode): VariableSegment[] {
  return mode.variables ? parseVariables(text) : [{ kind: 'literal', text, escaped: false }];
}

/** Write a pattern from segments; returns its offset in the block. */
export function writeSegments(w: BlockWriter, segments: readonly VariableSegment[], mode: PatternMode, keys: KeyTable): number {
  if (segments.every((s) => s.kind === 'literal')) {
    const parts = segments.map((s) => literalBytes((s as { text: string }).text, mode, (s as { escaped: boolean }).escaped));
    const total = parts.reduce((n, p) => n + p.length, 0);
    const joined = new Uint8Array(total);
    let o = 0;
    for (const p of parts) { joined.set(p, o); o += p.length; }
    const off = w.reserve(PLAIN_BYTES);
    w.u32At(off, 0);
    w.u32At(off + PLAIN_LEN, total);
    w.u32At(off + PLAIN_SHAPE, shapeOf(joined));
    w.bytes(joined); // lands at off + PLAIN_BYTES: `bytes` appends unaligned right after the header
    return off;
  }
  const off = w.reserve(4 + SEG_SIZE * segments.length);
  w.u32At(off, segments.length);
  segments.forEach((s, i) => {
    const at = off + 4 + i * SEG_SIZE;
    if (s.kind === 'literal') {
      w.u32At(at, SEG_LITERAL);
      w.ptrAt(at + 4, w.string(literalBytes(s.text, mode, s.escaped)));
    } else {
      const key = keys.intern(s.key);
      w.u32At(at, keys.isCallerKey(key) ? SEG_VAR_CALLER : SEG_VAR);
      w.u32At(at + 4, key);
      if (s.defaultValue !== undefined) w.ptrAt(at + 8, w.string(literalBytes(s.defaultValue, mode, true)));
    }
  });
  return off;
}

/** Write a pattern from text; returns its offset. */
export function writePattern(w: BlockWriter, text: string, mode: PatternMode, keys: KeyTable): number {
  return writeSegments(w, segmentsOf(text, mode), mode, keys);
}

/** Split segments at the first five literal colons into the six ARN components, or null. */
function splitArnSegments(segments: readonly VariableSegment[]): VariableSegment[][] | null {
  const parts: VariableSegment[][] = [[]];
  for (const s of segments) {
    if (s.kind !== 'literal' || s.escaped) { parts[parts.length - 1].push(s); continue; }
    const pieces = s.text.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (parts.length < 6) parts.push([]);
        else { parts[5].push({ kind: 'literal', text: ':', escaped: false }); }
      }
      if (piece !== '') parts[parts.length - 1].push({ kind: 'literal', text: piece, escaped: false });
    });
  }
  if (parts.length < 6) return null;
  const first = parts[0];
  if (first.length !== 1 || first[0].kind !== 'literal' || first[0].text !== 'arn') return null;
  return parts;
}

/** Write a resource / ARN pattern (Resource element, Arn* condition values); returns its offset. */
export function writeResourcePattern(w: BlockWriter, text: string, variables: boolean, keys: KeyTable): number {
  const mode: PatternMode = { wildcards: true, lowercase: false, variables };
  const off = w.reserve(RP_SIZE);
  const segments = segmentsOf(text, mode);
  if (text === '*') {
    w.u32At(off, RPK_ANY);
    return off;
  }
  w.ptrAt(off + RP_WHOLE, writeSegments(w, segments, mode, keys));
  const parts = splitArnSegments(segments);
  if (!parts) {
    w.u32At(off, RPK_GLOB);
    return off;
  }
  w.u32At(off, RPK_ARN);
  parts.forEach((p, i) => w.ptrAt(off + RP_PARTS + 4 * i, writeSegments(w, p, mode, keys)));
  const head = literalHead(parts.slice(0, 5));
  if (head !== null) w.ptrAt(off + RP_HEAD, w.string(head));
  return off;
}

/**
 * The text `arn:...:` of the first five ARN components when none has a wildcard or a variable (the evaluator then
 * compares it with the request's in one go), else null.
 */
function literalHead(components: readonly VariableSegment[][]): string | null {
  const texts: string[] = [];
  for (const segments of components) {
    let text = '';
    for (const s of segments) {
      if (s.kind !== 'literal' || (!s.escaped && /[*?]/.test(s.text))) return null;
      text += s.text;
    }
    texts.push(text);
  }
  return `${texts.join(':')}:`;
}
