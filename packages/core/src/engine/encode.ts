// Encoding requests into the evaluator's arena: one pass per request, context keys mapped to interned ids (keys no
// policy reads are dropped). Strings are planned as they come and written as UTF-8 in one native call per batch.

import { PK_UNKNOWN, RQ_ACTION, RQ_PKIND, RQ_RESOURCE, RQ_SIZE } from '../../assembly/layout.ts';
import type { AuthzRequest, ContextValue, PrincipalInput, TimeInput } from '../model/decision.ts';
import type { Image } from '../compile/image.ts';
import type { StatementIndexes } from '../compile/statement-index.ts';
import type { Principals, ResolvedPrincipal } from './principals.ts';
import type { SessionPolicies } from './session.ts';
import { timeToMs } from './time.ts';

/**
 * What the hot path indexes by, as literals: esbuild inlines a member of an enum declared in the same file, while each
 * use of an imported constant costs the JIT a module-variable load and check (in the record writer alone, 150
 * instructions per request). Record fields are u32 word indexes (RQ_* / 4), but SIZE and TIME are bytes; FX_* are
 * word indexes in a principal's constants block. `encode.test.ts` checks every member against its source.
 */
export const enum Hot {
  SIZE = 56, // RQ_SIZE
  PKIND = 0,
  PRINCIPAL = 1,
  PARN = 2,
  PACCOUNT = 3,
  ACTION = 4,
  RESOURCE = 5,
  RES_ACCOUNT = 6,
  CONTEXT = 7,
  DERIVED = 8,
  SESSION = 9,
  FLAGS = 11,
  TIME = 48, // byte offset of the f64
  FX_KIND = 0,
  FX_PTR = 1,
  FX_PARN = 2,
  FX_ACCOUNT = 3,
  FX_DERIVED = 4,
  FX_MFA_FALSE = 5,
  FX_MFA_TRUE = 6,
  PR_STATEMENTS = 32, // byte offset in a principal block
  PR_KIND = 0, // byte offset in a principal block
  PK_ROLE = 1, // the principal kinds at most this one (users, roles) have identity policies
  RF_EXPLAIN = 1,
}

/** Thrown when the arena is too small for a batch; the caller grows it (see `arenaFor`) and encodes again. */
export class ArenaFull extends Error {
  /** Requests fully encoded before the arena ran out (set by the engine). */
  encoded = 0;

  /** `used`: bytes written in this batch when a reservation of `wanted` bytes did not fit. */
  constructor(readonly used: number, readonly wanted: number) {
    super('the request arena is full');
  }
}

/** A request that cannot be evaluated; it becomes an ImplicitDeny carrying this message. */
export class RequestError extends Error {}

/** Thrown when a batch's strings were not all ASCII: the caller encodes the batch again (strings then go one by one). */
export class NotAscii extends Error {
  constructor() {
    super('a string of the batch is not ASCII');
  }
}

/** Longest string the encoder accepts (bytes as UTF-16 units); longer requests are refused. */
export const MAX_STRING_LENGTH = 64 * 1024;
/**
 * Strings up to this length are written by a JS loop when ASCII; longer ones by Buffer#utf8Write, whose fixed cost of
 * a native call (about 80 ns) is less than the loop's per character (about 2 ns) from here on.
 */
const SHORT_STRING = 40;
/** Distinct actions kept encoded between batches. */
const ACTION_CACHE_LIMIT = 4096;
/** Batches that write their strings one by one after a batch whose strings were not all ASCII. */
const DIRECT_AFTER_NOT_ASCII = 16;
/** Planned strings shorter than this carry their length prefix in the text itself (its 4 bytes are then ASCII). */
const INLINE_LENGTH = 128;
/**
 * What goes before a planned string in the batch's text, by the previous string's length mod 4 and this one's length:
 * zero bytes that 4-align it, then its u32 length prefix, little-endian (zeros, patched after the write, from 128 on).
 */
const SEPARATORS: string[][] = [0, 3, 2, 1].map((pad) =>
  Array.from({ length: INLINE_LENGTH + 1 }, (_, len) => '\0'.repeat(pad) + String.fromCharCode(len % INLINE_LENGTH) + '\0\0\0'),
);
const utf8 = new TextEncoder();

/** Per-batch state of the arena writer. */
export class Encoder {
  private u8!: Uint8Array;
  /** Node's Buffer over WASM memory; `utf8Write` is the unchecked form of `write(s, offset, length, 'utf8')`. */
  private buf!: Buffer & { utf8Write(s: string, offset: number, length: number): number };
  private u32!: Uint32Array;
  private f64!: Float64Array;
  private pos = 0;
  private start = 0;
  private end = 0;
  /**
   * Strings go to their own region [strStart, strEnd) of the arena. Each is planned where it will go, as if ASCII
   * (one byte per character), and appended to `text` with its length prefix; `flushStrings` writes the text with one
   * `utf8Write`. A JS loop costs about 30 instructions a character and a native call about 700, so one call per batch
   * is far cheaper than either per string. If the batch was not all ASCII, the bytes written differ from the plan and
   * the batch is encoded again with strings written one by one (`direct`).
   */
  private strStart = 0;
  private strPos = 0;
  private strEnd = 0;
  /** End of the last planned string's bytes (the text stops there), and its length mod 4. */
  private textEnd = 0;
  private lastPad = 0;
  private direct = false;
  private directBatches = 0;
  /** Share of the arena given to strings. */
  private stringShare = 0.5;
  /** The planned strings with their separators (a rope of concatenations: flattened once, by the write). */
  private text = '';
  /** Planned strings of INLINE_LENGTH characters or more: the u32 index of each length prefix, and the length. */
  private readonly prefixSlots: number[] = [];
  private readonly lengths: number[] = [];
  private patches = 0;
  /** Session policy block lists per request index (for explanations). */
  readonly sessionBlocks: Array<number[] | undefined> = [];
  private readonly ctxIds: number[] = [];
  private readonly actions = new Map<string, number>();
  private readonly actionBlocks: Array<[number, number]> = [];
  private readonly ctxVals: ContextValue[] = [];

  private readonly mfaPresentKey: number;
  private readonly mfaAgeKey: number;
  /** The image's one-value lists of `false` and `true`: boolean values cost no encoding. */
  private readonly booleans: readonly [number, number];

  constructor(
    private readonly image: Image,
    private readonly principals: Principals,
    private readonly sessions: SessionPolicies,
    private readonly indexes: StatementIndexes,
  ) {
    this.mfaPresentKey = image.keys.intern('aws:MultiFactorAuthPresent');
    this.mfaAgeKey = image.keys.intern('aws:MultiFactorAuthAge');
    this.booleans = image.booleans;
  }

  /** Start writing at [start, end): records and lists first, then the strings region (its share learnt from overflows). */
  begin(start: number, end: number): void {
    this.trimActionCache();
    this.refreshViews();
    const split = start + (Math.floor((end - start) * (1 - this.stringShare)) & ~7);
    this.pos = start;
    this.start = start;
    this.end = split;
    this.strStart = split;
    this.strPos = split;
    this.strEnd = end;
    this.direct = this.directBatches > 0;
    if (this.direct) this.directBatches--;
    this.text = '';
    this.textEnd = split;
    this.lastPad = 0;
    this.patches = 0;
    this.sessionBlocks.length = 0;
  }

  /**
   * An ArenaFull for `wanted` more bytes in the records or the strings region; the strings' share of what the batch
   * used and wanted splits the next arena.
   */
  private full(wanted: number, forStrings: boolean): ArenaFull {
    const records = this.pos - this.start + (forStrings ? 0 : wanted);
    const strings = this.strPos - this.strStart + (forStrings ? wanted : 0);
    this.stringShare = Math.min(0.9, Math.max(0.1, strings / (records + strings)));
    return new ArenaFull(this.pos - this.start + this.strPos - this.strStart, wanted);
  }

  private reserve(n: number, align: number): number {
    const p = (this.pos + align - 1) & ~(align - 1);
    if (p + n > this.end) throw this.full(n, false);
    this.pos = p + n;
    return p;
  }

  /** A length-prefixed UTF-8 string; returns its address (its bytes are there once `flushStrings` has run). */
  str(s: string): number {
    const len = s.length;
    if (len > MAX_STRING_LENGTH) throw new RequestError(`a string of ${len} characters exceeds the limit of ${MAX_STRING_LENGTH}`);
    if (this.direct) return this.strNow(s);
    const at = this.strPos;
    const next = at + 4 + ((len + 3) & ~3);
    // 4 bytes to spare past the plan: see flushStrings
    if (next + 4 > this.strEnd) throw this.full(8 + len, true);
    if (len >= INLINE_LENGTH) {
      this.prefixSlots[this.patches] = at >>> 2;
      this.lengths[this.patches++] = len;
    }
    this.text = this.text + SEPARATORS[this.lastPad][len < INLINE_LENGTH ? len : INLINE_LENGTH] + s;
    this.lastPad = len & 3;
    this.textEnd = at + 4 + len;
    this.strPos = next;
    return at;
  }

  /**
   * Write the planned strings (after the batch's last request). Throws NotAscii when they were not all ASCII: the
   * caller then encodes the batch again, and the next batches write their strings one by one.
   */
  flushStrings(): void {
    if (this.text === '') return;
    this.syncViews();
    const expected = this.textEnd - this.strStart;
    // Room for 4 bytes more than planned: text that is not all ASCII needs more bytes than it has characters, and
    // utf8Write stops only before a character that does not fit (at most 4 bytes), so it always writes more than planned.
    const written = this.buf.utf8Write(this.text, this.strStart, expected + 4);
    this.text = ''; // let the batch's text die young
    if (written !== expected) {
      this.directBatches = DIRECT_AFTER_NOT_ASCII;
      throw new NotAscii();
    }
    const u32 = this.u32;
    for (let i = 0; i < this.patches; i++) u32[this.prefixSlots[i]] = this.lengths[i];
  }

  /** Write a length-prefixed UTF-8 string at once, into the strings region; returns its address. */
  private strNow(s: string): number {
    const len = s.length;
    const at = this.strPos;
    if (at + 4 + len * 3 > this.strEnd) throw this.full(4 + len * 3, true);
    if (len <= SHORT_STRING) {
      // short ASCII: a JS loop beats any call into C++
      const u8 = this.u8;
      const p = at + 4;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        u8[p + i] = c;
      }
      if (i === len) {
        this.u32[at >>> 2] = len;
        this.strPos = (p + len + 3) & ~3;
        return at;
      }
    }
    // Buffer#utf8Write is Node's fast path for longer or non-ASCII UTF-8 (no intermediate copy)
    const written = this.buf.utf8Write(s, at + 4, len * 3);
    this.u32[at >>> 2] = written;
    this.strPos = (at + 4 + written + 3) & ~3;
    return at;
  }

  /** Write a length-prefixed UTF-8 string with ASCII letters lowercased; returns its address. */
  lowerStr(s: string): number {
    const len = s.length;
    if (len > MAX_STRING_LENGTH) throw new RequestError(`a string of ${len} characters exceeds the limit of ${MAX_STRING_LENGTH}`);
    const at = this.reserve(4 + len * 3, 4);
    const u8 = this.u8;
    let p = at + 4;
    let i = 0;
    for (; i < len; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0x80) break;
      if (c >= 65 && c <= 90) c |= 32;
      u8[p++] = c;
    }
    if (i < len) {
      const rest = s.slice(i).replace(/[A-Z]+/g, (m) => m.toLowerCase());
      p += utf8.encodeInto(rest, u8.subarray(p, at + 4 + len * 3)).written;
    }
    this.u32[at >>> 2] = p - at - 4;
    this.pos = p;
    return at;
  }

  /**
   * The lowercased action as a string in the image: actions repeat across requests, so each distinct one
   * is written once into a persistent block (bounded; the cache is emptied between batches when full).
   */
  private action(text: string): number {
    const hit = this.actions.get(text);
    if (hit !== undefined) return hit;
    const at = this.lowerStr(text);
    if (this.actions.size >= ACTION_CACHE_LIMIT) return at;
    const len = this.u32[at >>> 2];
    const block = this.image.heap.alloc(4 + len);
    this.refreshViews();
    this.u8.copyWithin(block, at, at + 4 + len);
    this.pos = at; // the arena copy was the last thing written: give its bytes back
    this.actions.set(text, block);
    this.actionBlocks.push([block, 4 + len]);
    return block;
  }

  /** Drop the action cache when it is full (between batches only: no record points into it then). */
  trimActionCache(): void {
    if (this.actions.size < ACTION_CACHE_LIMIT) return;
    for (const [ptr, size] of this.actionBlocks) this.image.heap.release(ptr, size);
    this.actionBlocks.length = 0;
    this.actions.clear();
  }

  /** Refresh the views when an allocation grew memory (a grown memory detaches the old buffer). */
  private syncViews(): void {
    if (this.u8 !== this.image.heap.u8) this.refreshViews(); // growth replaces the heap's views
  }

  private refreshViews(): void {
    const heap = this.image.heap;
    this.u8 = heap.u8;
    this.u32 = heap.u32;
    this.f64 = heap.f64;
    if (this.buf === undefined || this.buf.buffer !== heap.u8.buffer) this.buf = Buffer.from(heap.u8.buffer) as typeof this.buf;
  }

  /** Reserve a list of `n` u32 items (filled by `setItem`); returns its address. */
  reserveList(n: number): number {
    const at = this.reserve(4 + 4 * n, 4);
    this.u32[at >>> 2] = n;
    return at;
  }

  /** Set item `i` of a list (through the current view: encoding may have grown memory since the list was reserved). */
  setItem(list: number, i: number, value: number): void {
    this.syncViews();
    this.u32[(list >>> 2) + 1 + i] = value;
  }

  /** Write a list of u32 values. */
  list(values: readonly number[]): number {
    const at = this.reserve(4 + 4 * values.length, 4);
    const u32 = this.u32;
    u32[at >>> 2] = values.length;
    for (let i = 0; i < values.length; i++) u32[(at >>> 2) + 1 + i] = values[i];
    return at;
  }

  private scalarText(v: unknown): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RequestError(`context number \`${v}\` is not finite`);
      return String(v);
    }
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    throw new RequestError(`context values must be strings, numbers, booleans or lists of them, not ${v === null ? 'null' : typeof v}`);
  }

  /** Write one values list for a context value. */
  private values(v: ContextValue): number {
    if (typeof v === 'boolean') return this.booleans[v ? 1 : 0];
    if (!Array.isArray(v)) return this.single(this.scalarText(v));
    const ptrs: number[] = [];
    for (const item of v) ptrs.push(this.str(this.scalarText(item)));
    return this.list(ptrs);
  }

  /** Write the caller's context (known, non-derived keys only); returns the list address or 0. */
  context(ctx: Record<string, ContextValue> | undefined): number {
    if (ctx === undefined || ctx === null) return 0;
    if (typeof ctx !== 'object' || Array.isArray(ctx)) throw new RequestError('`context` must be an object');
    const keys = this.image.keys;
    // reused scratch arrays, filled up to n (cheaper than emptying them per request)
    const ids = this.ctxIds;
    const vals = this.ctxVals;
    let n = 0;
    let position = 0;
    for (const k in ctx) {
      const id = keys.lookupCallerAt(k, position++);
      const v = ctx[k];
      // a key given as undefined or null is absent, whether a policy reads it or not
      if (v === undefined || v === null) continue;
      if (id < 0) {
        this.scalarCheck(v);
        continue;
      }
      ids[n] = id;
      vals[n] = v;
      n++;
    }
    if (n === 0) return 0;
    const at = this.reserve(4 + 8 * n, 4);
    this.u32[at >>> 2] = n;
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const vp = this.values(vals[i]);
      this.u32[(at >>> 2) + 1 + 2 * i] = id;
      this.u32[(at >>> 2) + 2 + 2 * i] = vp;
    }
    return at;
  }

  /** Type-check a value the engine drops (so malformed requests fail the same way either way). */
  private scalarCheck(v: unknown): void {
    if (Array.isArray(v)) for (const x of v) this.scalarText(x);
    else this.scalarText(v);
  }

  /** Write request-derived keys (by id) plus the MFA keys of the principal; returns the list address or 0. */
  derived(base: Array<[number, string[]]> | null, p: PrincipalInput, time: number, fixedValues?: number[]): number {
    const mfaPresent = p.mfaPresent;
    const mfaAt = p.mfaAuthenticatedAt;
    const extra = (mfaPresent !== undefined ? 1 : 0) + (mfaAt !== undefined ? 1 : 0);
    const n = (base === null ? 0 : base.length) + extra;
    if (n === 0) return 0;
    let mfaAge = '';
    if (mfaAt !== undefined) mfaAge = String(Math.max(0, Math.floor((time - toEpochMs(mfaAt, '`principal.mfaAuthenticatedAt`')) / 1000)));
    const at = this.reserve(4 + 8 * n, 4);
    const w = at >>> 2;
    this.u32[w] = n;
    let i = 0;
    if (base !== null) {
      for (; i < base.length; i++) {
        const vp = fixedValues !== undefined ? fixedValues[i] : this.list(base[i][1].map((v) => this.str(v)));
        this.u32[w + 1 + 2 * i] = base[i][0];
        this.u32[w + 2 + 2 * i] = vp;
      }
    }
    if (mfaPresent !== undefined) {
      this.u32[w + 1 + 2 * i] = this.mfaPresentKey;
      this.u32[w + 2 + 2 * i] = this.booleans[mfaPresent === true ? 1 : 0];
      i++;
    }
    if (mfaAt !== undefined) {
      this.u32[w + 1 + 2 * i] = this.mfaAgeKey;
      this.u32[w + 2 + 2 * i] = this.single(mfaAge);
    }
    return at;
  }

  /** A one-value list. */
  private single(text: string): number {
    const s = this.str(text);
    const at = this.reserve(8, 4);
    this.u32[at >>> 2] = 1;
    this.u32[(at >>> 2) + 1] = s;
    return at;
  }

  /** Encode one request; returns the record address. */
  request(req: AuthzRequest, index: number, now: number): number {
    if (!req || typeof req !== 'object') throw new RequestError('the request must be an object');
    if (typeof req.action !== 'string' || req.action === '') throw new RequestError('`action` must be a non-empty string');
    if (typeof req.resource !== 'string' || req.resource === '') throw new RequestError('`resource` must be a non-empty string');
    const time = req.time === undefined ? now : toEpochMs(req.time, '`time`');
    const p = req.principal;
    if (isPlainArn(p) && req.resourceAccount === undefined) {
      // the common case: a principal named by ARN, resolved to one constants block
      const block = this.principals.blockOf(p.arn);
      if (block !== 0) {
        this.syncViews(); // resolving may have compiled a block and grown memory
        this.statementIndex(this.u32[(block >>> 2) + Hot.FX_PTR]);
        const action = this.action(req.action);
        const resource = this.str(req.resource);
        const context = this.context(req.context);
        return this.fixedRecord(block, p.mfaPresent, time, action, resource, context, req.explain === true ? Hot.RF_EXPLAIN : 0);
      }
    }
    // session policies first: compiling them interns the keys they read, which the session's tags (resolved next)
    // and the caller's context must then keep
    const s = p !== null && typeof p === 'object' ? p.session : undefined;
    const policyBlocks = s !== null && typeof s === 'object' && (s.policies !== undefined || s.policyArns !== undefined) ? this.sessions.blocksFor(s) : undefined;
    const who = this.principals.resolve(req.principal);
    this.syncViews(); // compiling and resolving may have written blocks and grown memory
    this.statementIndex(who.ptr);
    const action = this.action(req.action);
    const resource = this.str(req.resource);
    let resAccount = 0;
    if (req.resourceAccount !== undefined && req.resourceAccount !== null) {
      if (typeof req.resourceAccount !== 'string') throw new RequestError('`resourceAccount` must be a string');
      if (req.resourceAccount !== '') resAccount = this.str(req.resourceAccount);
    }
    let session = 0;
    if (policyBlocks !== undefined && policyBlocks.length > 0 && who.kind !== PK_UNKNOWN) {
      this.sessionBlocks[index] = policyBlocks;
      session = this.list(policyBlocks);
    }
    const context = this.context(req.context);
    return this.record(who, req.principal, time, action, resource, resAccount, context, session, req.explain === true ? Hot.RF_EXPLAIN : 0);
  }

  /** Make sure a principal block has its statement index (built once, then kept until a policy it lists changes). */
  private statementIndex(principal: number): void {
    const u32 = this.u32;
    // account roots and services have no identity policies, hence no index
    if (principal === 0 || u32[(principal + Hot.PR_STATEMENTS) >>> 2] !== 0 || u32[(principal + Hot.PR_KIND) >>> 2] > Hot.PK_ROLE) return;
    this.indexes.ensure(principal);
    this.syncViews(); // building writes a block and may grow memory
  }

  /** Write the record of a request whose principal has a constants block (see `Principals.blockOf`). */
  private fixedRecord(block: number, mfaPresent: unknown, time: number, action: number, resource: number, context: number, flags: number): number {
    const rec = this.reserve(Hot.SIZE, 8);
    const u32 = this.u32;
    const b = block >>> 2;
    const r = rec >>> 2;
    u32[r + Hot.PKIND] = u32[b + Hot.FX_KIND];
    u32[r + Hot.PRINCIPAL] = u32[b + Hot.FX_PTR];
    u32[r + Hot.PARN] = u32[b + Hot.FX_PARN];
    u32[r + Hot.PACCOUNT] = u32[b + Hot.FX_ACCOUNT];
    u32[r + Hot.ACTION] = action;
    u32[r + Hot.RESOURCE] = resource;
    u32[r + Hot.RES_ACCOUNT] = 0;
    u32[r + Hot.CONTEXT] = context;
    u32[r + Hot.DERIVED] = u32[b + (mfaPresent === undefined ? Hot.FX_DERIVED : mfaPresent === true ? Hot.FX_MFA_TRUE : Hot.FX_MFA_FALSE)];
    u32[r + Hot.SESSION] = 0;
    u32[r + Hot.FLAGS] = flags;
    this.f64[(rec + Hot.TIME) >>> 3] = time;
    return rec;
  }

  /** Write a request record: the principal's constants and derived keys, then the fields already written. */
  private record(who: ResolvedPrincipal, p: PrincipalInput, time: number, action: number, resource: number, resAccount: number, context: number, session: number, flags: number): number {
    const fixed = who.fixed;
    let derived: number;
    if (fixed === undefined || p.mfaAuthenticatedAt !== undefined) derived = this.derived(who.derived, p, time, fixed?.derivedValues);
    else if (p.mfaPresent === undefined) derived = fixed.derived;
    else derived = fixed.derivedMfa[p.mfaPresent === true ? 1 : 0];

    const parn = fixed !== undefined ? fixed.parn : who.parn === undefined ? 0 : this.str(who.parn);
    const paccount = fixed !== undefined ? fixed.account : who.account === '' ? 0 : this.str(who.account);
    const rec = this.reserve(Hot.SIZE, 8);
    const u32 = this.u32;
    const r = rec >>> 2;
    u32[r + Hot.PKIND] = who.kind;
    u32[r + Hot.PRINCIPAL] = who.ptr;
    u32[r + Hot.PARN] = parn;
    u32[r + Hot.PACCOUNT] = paccount;
    u32[r + Hot.ACTION] = action;
    u32[r + Hot.RESOURCE] = resource;
    u32[r + Hot.RES_ACCOUNT] = resAccount;
    u32[r + Hot.CONTEXT] = context;
    u32[r + Hot.DERIVED] = derived;
    u32[r + Hot.SESSION] = session;
    u32[r + Hot.FLAGS] = flags;
    this.f64[(rec + Hot.TIME) >>> 3] = time;
    return rec;
  }

  /** A record for a request that failed to encode: an unknown principal (always an ImplicitDeny). */
  refused(): number {
    const rec = this.reserve(RQ_SIZE, 8);
    this.u8.fill(0, rec, rec + RQ_SIZE);
    const u32 = this.u32;
    u32[(rec + RQ_PKIND) >>> 2] = PK_UNKNOWN;
    u32[(rec + RQ_ACTION) >>> 2] = this.image.empty;
    u32[(rec + RQ_RESOURCE) >>> 2] = this.image.empty;
    return rec;
  }
}

/** A principal given by ARN alone (with at most `mfaPresent`): the form the constants blocks serve. */
function isPlainArn(p: PrincipalInput | undefined): p is PrincipalInput & { arn: string } {
  return (
    p !== null && typeof p === 'object' && typeof p.arn === 'string' &&
    p.session === undefined && p.service === undefined && p.federated === undefined && p.mfaAuthenticatedAt === undefined
  );
}

/** Epoch milliseconds of a time input, or a RequestError naming the field. */
export function toEpochMs(t: TimeInput, field: string): number {
  const ms = timeToMs(t);
  if (!Number.isNaN(ms)) return ms;
  throw new RequestError(`${field} ${typeof t === 'string' || typeof t === 'number' ? `\`${t}\` ` : `(${t === null ? 'null' : typeof t}) `}is not a valid time (epoch milliseconds or ISO 8601)`);
}

