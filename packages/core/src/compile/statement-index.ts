// Statement indexes: each user's or role's identity statements (own policies, then its groups') listed by action
// service, so the evaluator reads only the statements that can match a request's service instead of walking policy
// lists, masks and group blocks. Built when a request first needs one; dropped when a policy or group it read changes,
// or with its principal block.

import { GR_POLICIES, HOST_HEAP_START, PK_ROLE, PK_USER, POLICY_STATEMENTS, PR_GROUPS, PR_KIND, PR_POLICIES, PR_STATEMENTS, ROOT_GROUPS, ROOT_POLICIES, SF_ANY_SERVICE, ST_FLAGS, ST_SERVICES, SX_COUNT, SX_ENTRIES, SX_ENTRY_SIZE, SX_OTHER } from '../../assembly/layout.ts';
import { BlockWriter } from '../wasm/heap.ts';
import type { Image } from './image.ts';

/** What a built index read: its block, and the policy and group indexes whose change makes it stale. */
interface Built {
  ptr: number;
  policies: number[];
  groups: number[];
}

/** The statement indexes of an image's principals, kept in step with the policies and groups they list. */
export class StatementIndexes {
  private readonly built = new Map<number, Built>();
  private readonly byPolicy = new Map<number, Set<number>>();
  private readonly byGroup = new Map<number, Set<number>>();

  constructor(private readonly image: Image) {}

  /** Number of principals with a built index. */
  get size(): number {
    return this.built.size;
  }

  /** Build the index of a user or role block unless it has one (other principal blocks have no identity policies). */
  ensure(principal: number): void {
    const u32 = this.image.heap.u32;
    const p = principal >>> 2;
    if (u32[p + (PR_STATEMENTS >>> 2)] !== 0) return;
    const kind = u32[p + (PR_KIND >>> 2)];
    if (kind !== PK_USER && kind !== PK_ROLE) return;
    const { policies, groups } = this.sources(principal);
    const ptr = this.write(policies);
    this.image.heap.u32[(principal + PR_STATEMENTS) >>> 2] = ptr; // the write may have grown memory: a fresh view
    this.built.set(principal, { ptr, policies, groups });
    for (const i of policies) link(this.byPolicy, i, principal);
    for (const g of groups) link(this.byGroup, g, principal);
  }

  /** A policy was written or dropped: the indexes that listed its statements go (between batches only). */
  policyChanged(index: number): void {
    for (const principal of [...(this.byPolicy.get(index) ?? [])]) this.drop(principal, true);
  }

  /** A group's policies changed. */
  groupChanged(index: number): void {
    for (const principal of [...(this.byGroup.get(index) ?? [])]) this.drop(principal, true);
  }

  /** A principal block is about to be freed: its index goes with it. */
  principalReleased(principal: number): void {
    this.drop(principal, false);
  }

  private drop(principal: number, clearSlot: boolean): void {
    const b = this.built.get(principal);
    if (!b) return;
    this.built.delete(principal);
    for (const i of b.policies) unlink(this.byPolicy, i, principal);
    for (const g of b.groups) unlink(this.byGroup, g, principal);
    if (clearSlot) this.image.heap.u32[(principal + PR_STATEMENTS) >>> 2] = 0;
    this.image.release(b.ptr);
  }

  /** The policy indexes a principal's identity layer reads, in evaluation order, and the groups it goes through. */
  private sources(principal: number): { policies: number[]; groups: number[] } {
    const u32 = this.image.heap.u32;
    const policies = readList(u32, u32[(principal + PR_POLICIES) >>> 2]);
    const groups = readList(u32, u32[(principal + PR_GROUPS) >>> 2]);
    const groupTable = u32[(HOST_HEAP_START + ROOT_GROUPS) >>> 2];
    for (const g of groups) {
      const block = g < u32[groupTable >>> 2] ? u32[(groupTable >>> 2) + 1 + g] : 0;
      if (block !== 0) policies.push(...readList(u32, u32[(block + GR_POLICIES) >>> 2]));
    }
    return { policies, groups };
  }

  /** Write the index block over the statements of `policies` (absent policies contribute none). */
  private write(policies: readonly number[]): number {
    const u32 = this.image.heap.u32;
    const policyTable = u32[(HOST_HEAP_START + ROOT_POLICIES) >>> 2];
    const statements: Array<{ ptr: number; services: number[] | null }> = [];
    const serviceIds = new Set<number>();
    for (const index of policies) {
      const block = index < u32[policyTable >>> 2] ? u32[(policyTable >>> 2) + 1 + index] : 0;
      if (block === 0) continue;
      for (const st of readList(u32, block + POLICY_STATEMENTS)) {
        const any = (u32[(st + ST_FLAGS) >>> 2] & SF_ANY_SERVICE) !== 0;
        const services = any ? null : readList(u32, u32[(st + ST_SERVICES) >>> 2]);
        statements.push({ ptr: st, services });
        for (const id of services ?? []) serviceIds.add(id);
      }
    }
    const ids = [...serviceIds].sort((a, b) => a - b);
    const lists = new Map<number, number[]>(ids.map((id) => [id, []]));
    const other: number[] = [];
    for (const { ptr, services } of statements) {
      if (services === null) {
        other.push(ptr);
        for (const list of lists.values()) list.push(ptr);
      } else {
        // a statement may name a service twice (two patterns): list it once
        for (const id of new Set(services)) lists.get(id)!.push(ptr);
      }
    }
    const w = new BlockWriter();
    const head = w.reserve(SX_ENTRIES + SX_ENTRY_SIZE * ids.length);
    w.u32At(head + SX_COUNT, ids.length);
    w.ptrAt(head + SX_OTHER, w.list(other));
    ids.forEach((id, i) => {
      const entry = head + SX_ENTRIES + SX_ENTRY_SIZE * i;
      w.u32At(entry, id);
      w.ptrAt(entry + 4, w.list(lists.get(id)!));
    });
    return this.image.commit(w).ptr;
  }
}

/** The items of a u32 list in WASM memory (none for a null pointer). */
function readList(u32: Uint32Array, list: number): number[] {
  if (list === 0) return [];
  const n = u32[list >>> 2];
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = u32[(list >>> 2) + 1 + i];
  return out;
}

function link(map: Map<number, Set<number>>, key: number, principal: number): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(principal);
}

function unlink(map: Map<number, Set<number>>, key: number, principal: number): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(principal);
  if (set.size === 0) map.delete(key);
}
