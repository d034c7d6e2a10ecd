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
  session?: RoleSession;
  /**
   * For cached resolutions: the principal ARN, account and derived keys written once into the image
   * (a persistent block), so requests point at them instead of re-encoding them.
   */
  fixed?: { parn: number; account: number; derived: number; derivedValues: number[] };
}

const ROOT_ARN = /^arn:[\w-]+:iam::(\d{12}):root$/;
const ASSUMED_ROLE_ARN = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/;
/** Bound on cached plain-ARN resolutions. */
const CACHE_LIMIT = 50000;
const UNKNOWN: ResolvedPrincipal = { kind: PK_UNKNOWN, ptr: 0, account: '', derived: null };

/** Principal resolution over a world; `invalidate()` after every change to the world. */
export class Principals {
  private readonly cache = new Map<string, ResolvedPrincipal>();
  private readonly pseudo = new Map<string, number>();
  private readonly fixedBlocks: number[] = [];
  private readonly retired: number[] = [];

  constructor(private readonly image: Image, private readonly world: World) {}

  /**
   * Forget every resolution. Their blocks are freed at the next batch start, never during a batch:
   * records already encoded in the current batch may still point into them.
   */
  invalidate(): void {
    this.cache.clear();
    for (const ptr of this.fixedBlocks) this.retired.push(ptr);
    this.fixedBlocks.length = 0;
  }

  /** Free the blocks of forgotten resolutions (call between batches). */
  beginBatch(): void {
    for (const ptr of this.retired) this.image.release(ptr);
    this.retired.length = 0;
  }

  /** Write a resolution's constant strings and derived keys into the image once. */
  private fix(r: ResolvedPrincipal): ResolvedPrincipal {
    if (r.kind === PK_UNKNOWN) return r;
    const w = new BlockWriter();
    const head = w.reserve(12);
    if (r.parn !== undefined) w.ptrAt(head, w.string(r.parn));
    if (r.account !== '') w.ptrAt(head + 4, w.string(r.account));
    const valueOffsets: number[] = [];
    if (r.derived && r.derived.length > 0) {
      const n = r.derived.length;
      const list = w.reserve(4 + 8 * n);
      w.u32At(list, n);
      r.derived.forEach(([id, values], i) => {
        w.u32At(list + 4 + 8 * i, id);
        const vl = w.ptrList(values.map((v) => w.string(v)));
        w.ptrAt(list + 8 + 8 * i, vl);
        valueOffsets.push(vl);
      });
      w.ptrAt(head + 8, list);
    }
    const block = this.image.commit(w);
    this.fixedBlocks.push(block.ptr);
    const u32 = this.image.heap.u32;
    const at = (off: number) => u32[(block.ptr + off) >>> 2];
    return { ...r, fixed: { parn: at(0), account: at(4), derived: at(8), derivedValues: valueOffsets.map((o) => block.ptr + o) } };
  }

  /** A cached block for a principal the world does not store (account roots, services). */
  private pseudoBlock(key: string, kind: number, arn: string, account: string, context: Array<[string, string[]]>): number {
    let ptr = this.pseudo.get(key);
    if (ptr === undefined) {
      const w = writePrincipal({ kind, arn, account, flags: 0, boundary: NONE, policies: [], groups: [], context }, this.image.keys);
      ptr = this.image.commit(w).ptr;
      this.pseudo.set(key, ptr);
    }
    return ptr;
  }

  private byArn(arn: string): ResolvedPrincipal {
    const hit = this.cache.get(arn);
    if (hit) return hit;
    let r: ResolvedPrincipal = UNKNOWN;
    const known = this.world.principals.get(arn);
    if (known && known.kind === PK_USER) r = { kind: PK_USER, ptr: known.ptr, account: known.account, derived: null };
    else if (known) r = this.session({ roleArn: arn, sessionName: known.name }, undefined);
    else {
      const root = ROOT_ARN.exec(arn);
      const assumed = root ? null : ASSUMED_ROLE_ARN.exec(arn);
      if (root) {
        const account = root[1];
        const context: Array<[string, string[]]> = [['aws:PrincipalArn', [arn]], ['aws:PrincipalAccount', [account]], ['aws:PrincipalType', ['Account']], ['aws:userid', [account]], ['aws:PrincipalIsAWSService', ['false']]];
        r = { kind: PK_ROOT, ptr: this.pseudoBlock(`root:${arn}`, PK_ROOT, arn, account, context), parn: arn, account, derived: null };
      } else if (assumed) {
        const roleArn = this.world.rolesByName.get(`${assumed[1]}/${assumed[2]}`);
        if (roleArn) r = this.session({ roleArn, sessionName: assumed[3] }, undefined);
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.invalidate();
    r = this.fix(r);
    this.cache.set(arn, r);
    return r;
  }

  /** Resolve a role session; the role must be in the world. */
  private session(s: RoleSession, time: number | undefined): ResolvedPrincipal {
    if (typeof s.roleArn !== 'string' || typeof s.sessionName !== 'string') throw new RequestError('`principal.session` needs `roleArn` and `sessionName` strings');
    const role = this.world.principals.get(s.roleArn);
    if (!role || role.kind !== PK_ROLE) return UNKNOWN;
    const derived: Array<[string, string[]]> = [];
    if (role.roleId) derived.push(['aws:userid', [`${role.roleId}:${s.sessionName}`]]);
    if (s.tags !== undefined) {
      if (typeof s.tags !== 'object' || s.tags === null) throw new RequestError('`principal.session.tags` must be an object');
      for (const [k, v] of Object.entries(s.tags)) {
        if (typeof v !== 'string') throw new RequestError(`session tag \`${k}\` must be a string`);
        derived.push([`aws:PrincipalTag/${k}`, [v]]);
      }
    }
    if (s.sourceIdentity !== undefined) derived.push(['aws:SourceIdentity', [String(s.sourceIdentity)]]);
    if (s.issuedAt !== undefined) derived.push(['aws:TokenIssueTime', [new Date(toEpochMs(s.issuedAt, '`principal.session.issuedAt`')).toISOString()]]);
    void time;
    const hasPolicies = (s.policies?.length ?? 0) > 0 || (s.policyArns?.length ?? 0) > 0;
    const keys = this.image.keys;
    return {
      kind: PK_ROLE,
      ptr: role.ptr,
      parn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${s.sessionName}`,
      account: role.account,
      derived: derived.length > 0 ? derived.map(([name, values]) => [keys.intern(name), values]) : null,
      session: hasPolicies ? s : undefined,
    };
  }

  /** Resolve a request principal (MFA keys are added by the encoder per request). */
  resolve(p: PrincipalInput, time: number): ResolvedPrincipal {
    if (!p || typeof p !== 'object') throw new RequestError('`principal` must be an object');
    const forms = (p.arn !== undefined ? 1 : 0) + (p.session !== undefined ? 1 : 0) + (p.service !== undefined ? 1 : 0) + (p.federated !== undefined ? 1 : 0);
    if (forms !== 1) throw new RequestError('`principal` needs exactly one of `arn`, `session`, `service` or `federated`');
    if (typeof p.arn === 'string') return this.byArn(p.arn);
    if (p.session !== undefined) return this.session(p.session, time);
    if (typeof p.service === 'string') {
      const ctx: Array<[string, string[]]> = [['aws:PrincipalServiceName', [p.service]], ['aws:PrincipalIsAWSService', ['true']]];
      return { kind: PK_SERVICE, ptr: this.pseudoBlock(`service:${p.service}`, PK_SERVICE, p.service, '', ctx), parn: p.service, account: '', derived: null };
    }
    if (typeof p.federated === 'string') return { kind: PK_FEDERATED, ptr: 0, parn: p.federated, account: '', derived: null };
    throw new RequestError('`principal` needs one of `arn`, `session`, `service` or `federated`');
  }
}
