// Resolving a request's principal to what the evaluator needs: its block, kind, ARNs, account, and the
// request-derived keys (session tags, MFA, source identity, token time), with a cache for plain ARNs.

import { NONE, PK_FEDERATED, PK_ROLE, PK_ROOT, PK_SERVICE, PK_UNKNOWN, PK_USER } from '../../assembly/layout.ts';
import { writePrincipal } from '../compile/blocks.ts';
import { BlockWriter } from '../wasm/heap.ts';
import type { Image } from '../compile/image.ts';
import type { World } from '../compile/world.ts';
import type { PrincipalInput, RoleSession } from '../model/decision.ts';
import { RequestError, toEpochMs } from './encode.ts';

/** Everything the encoder writes about the principal. */
export interface ResolvedPrincipal {
  kind: number;
  ptr: number;
  /** The principal ARN as the request names it (session ARN, root ARN, service name, provider). */
  parn?: string;
  account: string;
  /** Request-derived keys by interned id (session tags, source identity, token time, user id). */
  derived: Array<[number, string[]]> | null;
  /**
   * For cached resolutions: the principal ARN, account and derived keys written once into the image
   * (a persistent block), so requests point at them instead of re-encoding them.
   */
  fixed?: FixedPrincipal;
}

/**
 * Head of a resolution's constants block, in u32 slots: what a request record needs, so that encoding a request of a
 * known principal reads one block instead of following JS objects.
 */
export const FX_KIND = 0;
export const FX_PTR = 1;
export const FX_PARN = 2;
export const FX_ACCOUNT = 3;
export const FX_DERIVED = 4;
/** The derived-keys list with `aws:MultiFactorAuthPresent` false, then true. */
export const FX_MFA_FALSE = 5;
export const FX_MFA_TRUE = 6;
const FX_HEAD_BYTES = 28;

/** A cached resolution's constants in the image (addresses; 0 when absent). */
export interface FixedPrincipal {
  /** The constants block (FX_* slots). */
  block: number;
  parn: number;
  account: number;
  /** The derived-keys list without MFA keys. */
  derived: number;
  derivedValues: number[];
  /** The derived-keys list plus `aws:MultiFactorAuthPresent` = false / true (requests that only set `mfaPresent`). */
  derivedMfa: [number, number];
}

const ROOT_ARN = /^arn:[\w-]+:iam::(\d{12}):root$/;
const ASSUMED_ROLE_ARN = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/;
/** Bound on cached plain-ARN resolutions. */
const CACHE_LIMIT = 50000;
/** Bound on cached blocks of service principals (their names come from requests). */
const SERVICE_LIMIT = 4096;
/** Bound on remembered unknown ARNs (they come from requests; forgetting them only costs a lookup). */
const UNKNOWN_LIMIT = 10000;
const UNKNOWN: ResolvedPrincipal = { kind: PK_UNKNOWN, ptr: 0, account: '', derived: null };

/** Principal resolution over a world; `invalidate()` after any change that writes or drops a user or role block. */
export class Principals {
  private readonly cache = new Map<string, ResolvedPrincipal>();
  /** Sessions named by role and session name only, by role ARN, then session name (see `plainSession`). */
  private readonly plainSessions = new Map<string, Map<string, ResolvedPrincipal>>();
  private plainSessionCount = 0;
  /** ARN -> constants block (0: not a known principal); numbers sit in the Map itself, no object to follow. */
  private readonly blocks = new Map<string, number>();
  /** Blocks of service principals by name; never referenced by a cached resolution, so they can go on their own. */
  private readonly services = new Map<string, number>();
  /** Blocks of account roots, owned by their cached resolutions (retired with them). */
  private readonly roots = new Map<string, number>();
  /** ARNs that resolved to no principal, kept apart so that a flood of them never evicts real resolutions. */
  private readonly unknown = new Set<string>();
  private readonly fixedBlocks: number[] = [];
  private readonly retired: number[] = [];

  private readonly mfaPresentKey: number;

  constructor(private readonly image: Image, private readonly world: World) {
    this.mfaPresentKey = image.keys.intern('aws:MultiFactorAuthPresent');
  }

  /**
   * Forget every resolution. Their blocks are freed at the next batch start, never during a batch:
   * records already encoded in the current batch may still point into them.
   */
  invalidate(): void {
    this.cache.clear();
    this.blocks.clear();
    this.plainSessions.clear();
    this.plainSessionCount = 0;
    for (const ptr of this.fixedBlocks) this.retired.push(ptr);
    this.fixedBlocks.length = 0;
    for (const ptr of this.roots.values()) this.retired.push(ptr);
    this.roots.clear();
    this.unknown.clear();
  }

  /** Free the blocks of forgotten resolutions (call between batches). */
  beginBatch(): void {
    for (const ptr of this.retired) this.image.release(ptr);
    this.retired.length = 0;
  }

  /**
   * Write a resolution's constant strings and derived-keys lists into the image once: without MFA keys,
   * and with `aws:MultiFactorAuthPresent` false and true, so most requests encode no derived key at all.
   */
  private fix(r: ResolvedPrincipal): ResolvedPrincipal {
    if (r.kind === PK_UNKNOWN) return r;
    const w = new BlockWriter();
    const head = w.reserve(FX_HEAD_BYTES);
    w.u32At(head + 4 * FX_KIND, r.kind);
    w.u32At(head + 4 * FX_PTR, r.ptr);
    if (r.parn !== undefined) w.ptrAt(head + 4 * FX_PARN, w.string(r.parn));
    if (r.account !== '') w.ptrAt(head + 4 * FX_ACCOUNT, w.string(r.account));
    const base = r.derived ?? [];
    const valueOffsets = base.map(([, values]) => w.ptrList(values.map((v) => w.string(v))));
    /** The derived-keys list, plus `aws:MultiFactorAuthPresent` pointing at the image's shared boolean list when given. */
    const entries = (mfa?: number): number => {
      const n = base.length + (mfa === undefined ? 0 : 1);
      const list = w.reserve(4 + 8 * n);
      w.u32At(list, n);
      base.forEach(([id], i) => {
        w.u32At(list + 4 + 8 * i, id);
        w.ptrAt(list + 8 + 8 * i, valueOffsets[i]);
      });
      if (mfa !== undefined) {
        w.u32At(list + 4 + 8 * base.length, this.mfaPresentKey);
        w.u32At(list + 8 + 8 * base.length, mfa); // an address in the image, not an offset in this block
      }
      return list;
    };
    if (base.length > 0) w.ptrAt(head + 4 * FX_DERIVED, entries());
    w.ptrAt(head + 4 * FX_MFA_FALSE, entries(this.image.booleans[0]));
    w.ptrAt(head + 4 * FX_MFA_TRUE, entries(this.image.booleans[1]));
    const block = this.image.commit(w);
    this.fixedBlocks.push(block.ptr);
    const u32 = this.image.heap.u32;
    const at = (slot: number) => u32[(block.ptr >>> 2) + slot];
    return {
      ...r,
      fixed: {
        block: block.ptr, parn: at(FX_PARN), account: at(FX_ACCOUNT), derived: at(FX_DERIVED),
        derivedValues: valueOffsets.map((o) => block.ptr + o), derivedMfa: [at(FX_MFA_FALSE), at(FX_MFA_TRUE)],
      },
    };
  }

  /** A block for a principal the world does not store (an account root or a service), cached in `cache`. */
  private pseudoBlock(cache: Map<string, number>, key: string, kind: number, arn: string, account: string, context: Array<[string, string[]]>): number {
    let ptr = cache.get(key);
    if (ptr === undefined) {
      const w = writePrincipal({ kind, arn, account, flags: 0, boundary: NONE, policies: [], groups: [], context }, this.image.keys);
      ptr = this.image.commit(w).ptr;
      cache.set(key, ptr);
    }
    return ptr;
  }

  /** The block of a service principal; past SERVICE_LIMIT names the blocks start over (this batch's records keep theirs). */
  private serviceBlock(service: string): number {
    if (!this.services.has(service) && this.services.size >= SERVICE_LIMIT) {
      for (const old of this.services.values()) this.retired.push(old);
      this.services.clear();
    }
    const ctx: Array<[string, string[]]> = [['aws:PrincipalServiceName', [service]], ['aws:PrincipalIsAWSService', ['true']]];
    return this.pseudoBlock(this.services, service, PK_SERVICE, service, '', ctx);
  }

  /** Whether the resolution caches are full (they then start over). */
  private cacheFull(): boolean {
    return this.cache.size + this.plainSessionCount >= CACHE_LIMIT;
  }

  /** The constants block (FX_* slots) of a principal named by ARN, or 0 when it is not known. */
  blockOf(arn: string): number {
    let block = this.blocks.get(arn);
    if (block === undefined) {
      block = this.byArn(arn).fixed?.block ?? 0;
      if (block !== 0) this.blocks.set(arn, block);
    }
    return block;
  }

  /** Resolve a principal named by ARN (user, role, account root, assumed-role session), cached. */
  private byArn(arn: string): ResolvedPrincipal {
    const hit = this.cache.get(arn);
    if (hit) return hit;
    if (this.unknown.has(arn)) return UNKNOWN;
    let r: ResolvedPrincipal = UNKNOWN;
    const known = this.world.principals.get(arn);
    if (known && known.kind === PK_USER) r = { kind: PK_USER, ptr: known.ptr, account: known.account, derived: null };
    else if (known) r = this.session({ roleArn: arn, sessionName: known.name });
    else {
      const root = ROOT_ARN.exec(arn);
      const assumed = root ? null : ASSUMED_ROLE_ARN.exec(arn);
      if (root) {
        const account = root[1];
        const context: Array<[string, string[]]> = [['aws:PrincipalArn', [arn]], ['aws:PrincipalAccount', [account]], ['aws:PrincipalType', ['Account']], ['aws:userid', [account]], ['aws:PrincipalIsAWSService', ['false']]];
        r = { kind: PK_ROOT, ptr: this.pseudoBlock(this.roots, arn, PK_ROOT, arn, account, context), parn: arn, account, derived: null };
      } else if (assumed) {
        const roleArn = this.world.rolesByName.get(`${assumed[1]}/${assumed[2]}`);
        if (roleArn) r = this.session({ roleArn, sessionName: assumed[3] });
      }
    }
    if (r.kind === PK_UNKNOWN) {
      if (this.unknown.size >= UNKNOWN_LIMIT) this.unknown.clear();
      this.unknown.add(arn);
      return r;
    }
    if (this.cacheFull()) this.invalidate();
    r = this.fix(r);
    this.cache.set(arn, r);
    return r;
  }

  /** Resolve a role session; the role must be in the world. */
  private session(s: RoleSession): ResolvedPrincipal {
    if (typeof s.roleArn !== 'string' || typeof s.sessionName !== 'string') throw new RequestError('`principal.session` needs `roleArn` and `sessionName` strings');
    const role = this.world.principals.get(s.roleArn);
    if (!role || role.kind !== PK_ROLE) return UNKNOWN;
    const keys = this.image.keys;
    const derived: Array<[string, string[]]> = [];
    if (role.roleId) derived.push(['aws:userid', [`${role.roleId}:${s.sessionName}`]]);
    if (s.tags !== undefined) {
      if (typeof s.tags !== 'object' || s.tags === null) throw new RequestError('`principal.session.tags` must be an object');
      for (const [k, v] of Object.entries(s.tags)) {
        if (typeof v !== 'string') throw new RequestError(`session tag \`${k}\` must be a string`);
        // tags no policy reads are dropped: interning names that come from requests would grow the key table forever
        if (keys.find(`aws:PrincipalTag/${k}`) >= 0) derived.push([`aws:PrincipalTag/${k}`, [v]]);
      }
    }
    if (s.sourceIdentity !== undefined) derived.push(['aws:SourceIdentity', [String(s.sourceIdentity)]]);
    if (s.issuedAt !== undefined) derived.push(['aws:TokenIssueTime', [new Date(toEpochMs(s.issuedAt, '`principal.session.issuedAt`')).toISOString()]]);
    return {
      kind: PK_ROLE,
      ptr: role.ptr,
      parn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${s.sessionName}`,
      account: role.account,
      derived: derived.length > 0 ? derived.map(([name, values]) => [keys.intern(name), values]) : null,
    };
  }

  /**
   * A session named by role and session name only (no tags, source identity or issue time): its keys depend on
   * nothing else, so it resolves once to a constants block like a principal ARN; its policies stay per request (the
   * encoder lists them in the record).
   * Undefined for any other session.
   */
  private plainSession(s: RoleSession): ResolvedPrincipal | undefined {
    if (s === null || typeof s !== 'object' || s.tags !== undefined || s.sourceIdentity !== undefined || s.issuedAt !== undefined) return undefined;
    if (typeof s.roleArn !== 'string' || typeof s.sessionName !== 'string') return undefined;
    // two lookups on the caller's own strings (their hashes are cached) beat one on a joined key
    let byName = this.plainSessions.get(s.roleArn);
    let base = byName?.get(s.sessionName);
    if (base === undefined) {
      base = this.session({ roleArn: s.roleArn, sessionName: s.sessionName });
      if (this.cacheFull()) this.invalidate();
      base = this.fix(base);
      byName = this.plainSessions.get(s.roleArn);
      if (byName === undefined) this.plainSessions.set(s.roleArn, (byName = new Map()));
      byName.set(s.sessionName, base);
      this.plainSessionCount++;
    }
    return base;
  }

  /** Resolve a request principal (MFA keys are added by the encoder per request). */
  resolve(p: PrincipalInput): ResolvedPrincipal {
    if (!p || typeof p !== 'object') throw new RequestError('`principal` must be an object');
    const forms = (p.arn !== undefined ? 1 : 0) + (p.session !== undefined ? 1 : 0) + (p.service !== undefined ? 1 : 0) + (p.federated !== undefined ? 1 : 0);
    if (forms !== 1) throw new RequestError('`principal` needs exactly one of `arn`, `session`, `service` or `federated`');
    if (typeof p.arn === 'string') return this.byArn(p.arn);
    if (p.session !== undefined) return this.plainSession(p.session) ?? this.session(p.session);
    if (typeof p.service === 'string') return { kind: PK_SERVICE, ptr: this.serviceBlock(p.service), parn: p.service, account: '', derived: null };
    if (typeof p.federated === 'string') return { kind: PK_FEDERATED, ptr: 0, parn: p.federated, account: '', derived: null };
    throw new RequestError('`principal` needs one of `arn`, `session`, `service` or `federated`');
  }
}
